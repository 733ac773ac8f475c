import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { auth, createArticle, registerUser, uniqueName } from '../support/factories';

describe('Tags (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const tags = async (): Promise<string[]> => {
    const res = await request(t.http).get('/api/tags').expect(200);
    expect(Object.keys(res.body)).toEqual(['tags']);
    return res.body.tags;
  };

  it('should list the tags in use, most used first, each once', async () => {
    const author = await registerUser(t);
    const [rare, common, middle] = [uniqueName('rare'), uniqueName('common'), uniqueName('middle')];
    await createArticle(t, author, { tagList: [rare, common, middle] });
    await createArticle(t, author, { tagList: [middle, common] });
    await createArticle(t, author, { tagList: [common] });
    const res = await request(t.http).get('/api/tags').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const listed: string[] = res.body.tags;
    expect(listed).toEqual(expect.arrayContaining([rare, common, middle]));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.filter((tag) => [rare, common, middle].includes(tag))).toEqual([common, middle, rare]);
  });

  it('should give back every tag exactly, in order, in the article and in the lists: commas, quotes, 4-byte UTF-8', async () => {
    const author = await registerUser(t);
    // 20 tags of 64 characters, up to 4 bytes each: past MySQL's default GROUP_CONCAT limit of 1 KiB.
    const tagList = Array.from({ length: 20 }, (_, n) =>
      Array.from(`${uniqueName(`x${n}`).toLowerCase()}, "q" ${'😀é'.repeat(40)}`)
        .slice(0, 64)
        .join(''),
    );
    const article = await createArticle(t, author, { tagList });
    const single = await request(t.http).get(`/api/articles/${article.slug}`).expect(200);
    expect(single.body.article.tagList).toEqual(tagList);
    const byTag = await request(t.http).get('/api/articles').query({ tag: tagList[7] }).expect(200);
    expect(byTag.body).toMatchObject({ articlesCount: 1, articles: [{ slug: article.slug, tagList }] });
    const byAuthor = await request(t.http).get(`/api/articles?author=${author.username}`).expect(200);
    expect(byAuthor.body.articles[0].tagList).toEqual(tagList);
  });

  it('should be public', async () => {
    const author = await registerUser(t);
    const tag = uniqueName('public');
    await createArticle(t, author, { tagList: [tag] });
    const signedIn = await request(t.http)
      .get('/api/tags')
      .set(...auth(author))
      .expect(200);
    expect(signedIn.body.tags).toContain(tag);
    expect(await tags()).toContain(tag);
  });

  it('should drop the tags of a deleted article but keep tags other articles still use', async () => {
    const author = await registerUser(t);
    const [gone, shared] = [uniqueName('gone'), uniqueName('shared')];
    const doomed = await createArticle(t, author, { tagList: [gone, shared] });
    await createArticle(t, author, { tagList: [shared] });
    expect(await tags()).toEqual(expect.arrayContaining([gone, shared]));
    await request(t.http)
      .delete(`/api/articles/${doomed.slug}`)
      .set(...auth(author))
      .expect(204);
    const after = await tags();
    expect(after).not.toContain(gone);
    expect(after).toContain(shared);
  });

  it('should drop tags an update removes from their only article', async () => {
    const author = await registerUser(t);
    const [removed, kept] = [uniqueName('removed'), uniqueName('kept')];
    const article = await createArticle(t, author, { tagList: [removed, kept] });
    await request(t.http)
      .put(`/api/articles/${article.slug}`)
      .set(...auth(author))
      .send({ article: { tagList: [kept] } })
      .expect(200);
    const after = await tags();
    expect(after).not.toContain(removed);
    expect(after).toContain(kept);
  });

  it('should list a tag once however many articles and spellings use it', async () => {
    const [a, b] = [await registerUser(t), await registerUser(t)];
    const tag = uniqueName('once');
    await createArticle(t, a, { tagList: [tag] });
    await createArticle(t, b, { tagList: [` ${tag.toUpperCase()} `] });
    expect((await tags()).filter((name) => name === tag)).toEqual([tag]);
    expect((await tags()).filter((name) => name.toLowerCase() === tag)).toHaveLength(1);
  });
});
