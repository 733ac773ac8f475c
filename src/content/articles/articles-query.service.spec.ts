import { rejection } from '../../../test/support/unit-doubles';
import type { Actor } from '../../policy/roles';
import type { ProfilesService } from '../../users/profiles.service';
import type { ContentCache } from '../cache/content-cache.service';
import type { ArticleRow } from './article-row';
import { ArticlesQueryService } from './articles-query.service';
import type { ArticlesRepository } from './articles.repository';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import { OwnArticlesQueryDto } from './dto/own-articles-query.dto';

const hex = (name: string): string => Buffer.from(name, 'utf8').toString('hex');

const row = (id: number, extra: Partial<ArticleRow> = {}): ArticleRow => ({
  id,
  slug: `article-${id}`,
  title: `Article ${id}`,
  description: 'd',
  createdAt: '2026-11-30 10:00:00.000',
  updatedAt: '2026-11-30 10:00:00.000',
  authorId: 4,
  status: 'published',
  publishedAt: '2026-11-30 10:00:00.000',
  publishAt: null,
  unpublishAt: null,
  authorUsername: 'jake',
  authorBio: null,
  authorImage: null,
  favoritesCount: 0,
  tagNames: null,
  favorited: 0,
  following: 0,
  ...extra,
});

const author: Actor = { id: 4, role: 'user' };
const stranger: Actor = { id: 5, role: 'user' };
const moderator: Actor = { id: 6, role: 'moderator' };
const admin: Actor = { id: 8, role: 'admin' };
const notFound = { status: 404, body: { errors: { article: ['not found'] } } };

const query = (fields: Partial<ListArticlesQueryDto> = {}): ListArticlesQueryDto =>
  Object.assign(new ListArticlesQueryDto(), fields);

describe('ArticlesQueryService', () => {
  let articles: jest.Mocked<
    Pick<
      ArticlesRepository,
      'count' | 'findPage' | 'findBySlug' | 'findIdBySlug' | 'findQueryPage' | 'countQuery'
    >
  >;
  let profiles: jest.Mocked<Pick<ProfilesService, 'followedAuthors'>>;
  let service: ArticlesQueryService;

  beforeEach(() => {
    articles = {
      count: jest.fn().mockResolvedValue(2),
      findPage: jest
        .fn()
        .mockResolvedValue([
          row(2, { tagNames: `${hex('x')},${hex('a, b')}`, articlesCount: 7 }),
          row(1, { articlesCount: 7 }),
        ]),
      findBySlug: jest.fn().mockResolvedValue(null),
      findIdBySlug: jest.fn().mockResolvedValue(null),
      findQueryPage: jest.fn().mockResolvedValue([]),
      countQuery: jest.fn().mockResolvedValue(0),
    };
    profiles = { followedAuthors: jest.fn().mockResolvedValue([]) };
    // The cache is transparent here: its keys and scopes have a spec of their own.
    const cache = {
      articleList: (_key: unknown, _viewer: unknown, load: () => unknown) => load(),
      article: (_slug: unknown, _viewer: unknown, load: () => unknown) => load(),
    } as unknown as ContentCache;
    service = new ArticlesQueryService(
      articles as unknown as ArticlesRepository,
      profiles as unknown as ProfilesService,
      cache,
    );
  });

  describe('a query beyond RealWorld (article-query.ts)', () => {
    it('should answer the page with a next cursor when one more row follows', async () => {
      articles.findQueryPage.mockResolvedValue([
        { ...row(3), sortKey: '2026-11-30 10:00:00.000' },
        { ...row(2), sortKey: '2026-11-30 09:00:00.000' },
        { ...row(1), sortKey: '2026-11-30 08:00:00.000' },
      ]);
      articles.countQuery.mockResolvedValue(3);
      const page = await service.findAll(query({ author: 'jake,jane', limit: 2, cursor: '' }));
      expect(articles.findQueryPage).toHaveBeenCalledWith(
        { kind: 'query', sort: 'newest', authors: ['jake', 'jane'] },
        undefined,
        3,
        0,
      );
      expect(page.articles.map((a) => a.slug)).toEqual(['article-3', 'article-2']);
      expect(page.articlesCount).toBe(3);
      const next = JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString('utf8')) as unknown;
      expect(next).toEqual({ s: 'newest', k: '2026-11-30T09:00:00.000Z', i: 2 });
    });

    it('should answer a null next cursor on the last page, and none without a cursor', async () => {
      articles.findQueryPage.mockResolvedValue([{ ...row(1), sortKey: 5 }]);
      expect((await service.findAll(query({ sort: 'favorites', cursor: '' }))).nextCursor).toBeNull();
      expect(await service.findAll(query({ sort: 'favorites' }))).not.toHaveProperty('nextCursor');
      // Nothing narrows the list: the total comes from the counters.
      expect(articles.countQuery).not.toHaveBeenCalled();
      expect(articles.count).toHaveBeenCalledWith({ kind: 'all' });
    });

    it('should fail with the page and leave no failure of its total unhandled (a statement timed out)', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        articles.findQueryPage.mockRejectedValue(new Error('page timed out'));
        articles.countQuery.mockImplementation(
          () => new Promise((_resolve, reject) => setTimeout(() => reject(new Error('count timed out')), 5)),
        );
        await expect(service.findAll(query({ q: 'dragon' }))).rejects.toThrow('page timed out');
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });

  it('should read a page, its total and its tags in one query, for anonymous viewer 0', async () => {
    const page = await service.findAll(query({ tag: 'X' }));
    expect(articles.findPage).toHaveBeenCalledWith({ kind: 'tag', tag: 'x' }, 20, 0, 0);
    expect(articles.count).not.toHaveBeenCalled();
    expect(page.articlesCount).toBe(7);
    expect(page.articles.map((article) => [article.slug, article.tagList])).toEqual([
      ['article-2', ['x', 'a, b']],
      ['article-1', []],
    ]);
  });

  it('should count when the page is empty or its rows carry no total, and read no page for limit 0', async () => {
    articles.findPage.mockResolvedValueOnce([]);
    expect(await service.findAll(query({ offset: 2 }))).toEqual({ articles: [], articlesCount: 2 });
    articles.findPage.mockResolvedValueOnce([row(3)]);
    expect((await service.findAll(query({ favorited: 'jake' }))).articlesCount).toBe(2);
    expect(articles.count).toHaveBeenCalledTimes(2);
    expect(await service.findAll(query({ limit: 0 }))).toEqual({ articles: [], articlesCount: 2 });
    expect(articles.findPage).toHaveBeenCalledTimes(2);
  });

  it("should total the feed from the followed authors' counters and read only authors who wrote", async () => {
    profiles.followedAuthors.mockResolvedValue([
      { id: 4, articles: 3 },
      { id: 5, articles: 0 },
    ]);
    const feed = await service.feed(query({ limit: 10, offset: 0 }), 9);
    expect(articles.count).not.toHaveBeenCalled();
    expect(articles.findPage).toHaveBeenCalledWith(
      { kind: 'feed', followerId: 9, authorIds: [4], reach: 10 },
      10,
      0,
      9,
    );
    expect(feed.articlesCount).toBe(3);
    expect(await service.feed(query({ limit: 10, offset: 3 }), 9)).toEqual({
      articles: [],
      articlesCount: 3,
    });
    expect(articles.findPage).toHaveBeenCalledTimes(1);
  });

  it('should answer 404 for an unknown slug, in the single read and in the id lookup', async () => {
    expect(await rejection(service.findOne('nope'))).toEqual(notFound);
    expect(await rejection(service.findOne('nope', author))).toEqual(notFound);
    expect(await rejection(service.findVisibleIdOrFail('nope', author))).toEqual(notFound);
    expect(await rejection(service.findVisibleIdOrFail('nope', undefined))).toEqual(notFound);
  });

  it('should show a published article to everyone, reading it for the viewer', async () => {
    articles.findBySlug.mockResolvedValue(row(1, { body: 'Text' }));
    expect((await service.findOne('article-1')).article).toMatchObject({
      slug: 'article-1',
      status: 'published',
    });
    expect(articles.findBySlug).toHaveBeenLastCalledWith('article-1', 0);
    expect((await service.findOne('article-1', stranger)).article.body).toBe('Text');
    expect(articles.findBySlug).toHaveBeenLastCalledWith('article-1', stranger.id);
  });

  it.each(['draft', 'scheduled', 'unpublished'] as const)(
    'should show a %s article to its author, a moderator and an admin only: 404 for anyone else',
    async (status) => {
      articles.findBySlug.mockResolvedValue(row(1, { status, publishedAt: null }));
      expect(await rejection(service.findOne('article-1'))).toEqual(notFound);
      expect(await rejection(service.findOne('article-1', stranger))).toEqual(notFound);
      for (const viewer of [author, moderator, admin])
        expect((await service.findOne('article-1', viewer)).article.status).toBe(status);
    },
  );

  it('should decide the visibility on the author id as the driver returns it (text)', async () => {
    articles.findBySlug.mockResolvedValue(row(1, { status: 'draft', authorId: '4' }));
    expect((await service.findOne('article-1', author)).article.status).toBe('draft');
  });

  it("should give the id of an article the viewer may see, and 404 for another's draft", async () => {
    articles.findIdBySlug.mockResolvedValue({ id: 1, status: 'published', authorId: 4 });
    expect(await service.findVisibleIdOrFail('article-1', undefined)).toBe(1);
    expect(await service.findVisibleIdOrFail('article-1', stranger)).toBe(1);
    articles.findIdBySlug.mockResolvedValue({ id: 1, status: 'draft', authorId: 4 });
    expect(await rejection(service.findVisibleIdOrFail('article-1', undefined))).toEqual(notFound);
    expect(await rejection(service.findVisibleIdOrFail('article-1', stranger))).toEqual(notFound);
    expect(await service.findVisibleIdOrFail('article-1', author)).toBe(1);
    expect(await service.findVisibleIdOrFail('article-1', moderator)).toBe(1);
  });

  it("should give the id, status and author of an article the viewer may see, and 404 for another's draft", async () => {
    articles.findIdBySlug.mockResolvedValue({ id: 1, status: 'draft', authorId: 4 });
    expect(await service.findVisibleOrFail('article-1', author)).toEqual({
      id: 1,
      status: 'draft',
      authorId: 4,
    });
    expect(await service.findVisibleOrFail('article-1', admin)).toEqual({
      id: 1,
      status: 'draft',
      authorId: 4,
    });
    expect(await rejection(service.findVisibleOrFail('article-1', stranger))).toEqual(notFound);
    expect(await rejection(service.findVisibleOrFail('article-1', undefined))).toEqual(notFound);
    articles.findIdBySlug.mockResolvedValue(null);
    expect(await rejection(service.findVisibleOrFail('nope', author))).toEqual(notFound);
  });

  it("should list the author's own articles in any status, or in one, for the author as viewer", async () => {
    const own = (fields: Partial<OwnArticlesQueryDto> = {}): OwnArticlesQueryDto =>
      Object.assign(new OwnArticlesQueryDto(), fields);
    articles.findPage.mockResolvedValueOnce([row(3, { status: 'draft' })]);
    const page = await service.mine(4, own());
    expect(articles.findPage).toHaveBeenCalledWith({ kind: 'own', authorId: 4, status: undefined }, 20, 0, 4);
    expect(articles.count).toHaveBeenCalledWith({ kind: 'own', authorId: 4, status: undefined });
    expect(page).toMatchObject({ articlesCount: 2, articles: [{ slug: 'article-3', status: 'draft' }] });
    await service.mine(4, own({ status: 'scheduled', limit: 5, offset: 10 }));
    expect(articles.findPage).toHaveBeenLastCalledWith(
      { kind: 'own', authorId: 4, status: 'scheduled' },
      5,
      10,
      4,
    );
  });
});
