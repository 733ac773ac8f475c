import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { ArticleBody, auth, createArticle, registerUser, uniqueName } from '../support/factories';

const favoritePath = (article: { slug: string }): string =>
  `/api/articles/${encodeURIComponent(article.slug)}/favorite`;

describe('Favorites (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function favoriteRows(article: ArticleBody): Promise<number> {
    const [{ count }] = await t.dataSource.query(
      'SELECT COUNT(*) AS count FROM favorites f JOIN articles a ON a.id = f.article_id WHERE a.slug = ?',
      [article.slug],
    );
    return Number(count);
  }

  it('should favorite with 200 and answer the whole article with favorited true and the count', async () => {
    const [author, fan] = [await registerUser(t), await registerUser(t)];
    const article = await createArticle(t, author, { tagList: ['fav'] });
    const res = await request(t.http)
      .post(favoritePath(article))
      .set(...auth(fan))
      .expect(200);
    expect(res.body).toEqual({ article: { ...article, favorited: true, favoritesCount: 1 } });
    const asFan = await request(t.http)
      .get(`/api/articles/${article.slug}`)
      .set(...auth(fan))
      .expect(200);
    expect(asFan.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
    expect(await favoriteRows(article)).toBe(1);
  });

  it('should keep the count at 1 when the same user favorites twice', async () => {
    const [author, fan] = [await registerUser(t), await registerUser(t)];
    const article = await createArticle(t, author);
    await request(t.http)
      .post(favoritePath(article))
      .set(...auth(fan))
      .expect(200);
    const again = await request(t.http)
      .post(favoritePath(article))
      .set(...auth(fan))
      .expect(200);
    expect(again.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
    expect(await favoriteRows(article)).toBe(1);
  });

  it('should count favorites of several users and let the author favorite their own article', async () => {
    const [author, fan] = [await registerUser(t), await registerUser(t)];
    const article = await createArticle(t, author);
    await request(t.http)
      .post(favoritePath(article))
      .set(...auth(fan))
      .expect(200);
    const byAuthor = await request(t.http)
      .post(favoritePath(article))
      .set(...auth(author))
      .expect(200);
    expect(byAuthor.body.article).toMatchObject({ favorited: true, favoritesCount: 2 });
    const anonymous = await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
    expect(anonymous.body.article).toMatchObject({ favorited: false, favoritesCount: 2 });
  });

  it('should unfavorite with 200, lower the count, and stay idempotent', async () => {
    const [author, fan, other] = [await registerUser(t), await registerUser(t), await registerUser(t)];
    const article = await createArticle(t, author);
    for (const user of [fan, other]) {
      await request(t.http)
        .post(favoritePath(article))
        .set(...auth(user))
        .expect(200);
    }
    const res = await request(t.http)
      .delete(favoritePath(article))
      .set(...auth(fan))
      .expect(200);
    expect(res.body).toEqual({ article: { ...article, favorited: false, favoritesCount: 1 } });
    const again = await request(t.http)
      .delete(favoritePath(article))
      .set(...auth(fan))
      .expect(200);
    expect(again.body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
    const asOther = await request(t.http)
      .get(`/api/articles/${article.slug}`)
      .set(...auth(other))
      .expect(200);
    expect(asOther.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
    expect(await favoriteRows(article)).toBe(1);
  });

  it('should answer 200 with count 0 when unfavoriting an article never favorited', async () => {
    const [author, stranger] = [await registerUser(t), await registerUser(t)];
    const article = await createArticle(t, author);
    const res = await request(t.http)
      .delete(favoritePath(article))
      .set(...auth(stranger))
      .expect(200);
    expect(res.body.article).toMatchObject({ slug: article.slug, favorited: false, favoritesCount: 0 });
  });

  it('should answer 404 "article not found" for an unknown slug', async () => {
    const user = await registerUser(t);
    const unknown = { slug: uniqueName('unknown-slug') };
    await request(t.http)
      .post(favoritePath(unknown))
      .set(...auth(user))
      .expect(404, { errors: { article: ['not found'] } });
    await request(t.http)
      .delete(favoritePath(unknown))
      .set(...auth(user))
      .expect(404, { errors: { article: ['not found'] } });
  });

  it('should answer 401 "is missing" without a token and change nothing', async () => {
    const author = await registerUser(t);
    const article = await createArticle(t, author);
    await request(t.http)
      .post(favoritePath(article))
      .expect(401, { errors: { token: ['is missing'] } });
    await request(t.http)
      .delete(favoritePath(article))
      .expect(401, { errors: { token: ['is missing'] } });
    expect(await favoriteRows(article)).toBe(0);
  });

  it('should count 20 users favoriting the same article at once exactly', async () => {
    const author = await registerUser(t);
    const article = await createArticle(t, author);
    const fans = await Promise.all(Array.from({ length: 20 }, () => registerUser(t)));
    const responses = await Promise.all(
      fans.map((fan) =>
        request(t.http)
          .post(favoritePath(article))
          .set(...auth(fan)),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const res of responses) expect(res.body.article.favorited).toBe(true);
    const res = await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
    expect(res.body.article.favoritesCount).toBe(20);
    expect(await favoriteRows(article)).toBe(20);
  });

  it('should keep one favorite when the same user favorites 20 times at once', async () => {
    const [author, fan] = [await registerUser(t), await registerUser(t)];
    const article = await createArticle(t, author);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(t.http)
          .post(favoritePath(article))
          .set(...auth(fan)),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const res of responses)
      expect(res.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
    const res = await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
    expect(res.body.article.favoritesCount).toBe(1);
    expect(await favoriteRows(article)).toBe(1);
  });

  it('should keep no favorite when the same user unfavorites 20 times at once', async () => {
    const [author, fan] = [await registerUser(t), await registerUser(t)];
    const article = await createArticle(t, author);
    await request(t.http)
      .post(favoritePath(article))
      .set(...auth(fan))
      .expect(200);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(t.http)
          .delete(favoritePath(article))
          .set(...auth(fan)),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const res of responses)
      expect(res.body.article).toMatchObject({ favorited: false, favoritesCount: 0 });
    expect(await favoriteRows(article)).toBe(0);
  });
});
