import { rejection } from '../../../test/support/unit-doubles';
import type { ProfilesService } from '../../users/profiles.service';
import type { ContentCache } from '../cache/content-cache.service';
import type { ArticleRow } from './article-row';
import { ArticlesQueryService } from './articles-query.service';
import type { ArticlesRepository } from './articles.repository';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';

const hex = (name: string): string => Buffer.from(name, 'utf8').toString('hex');

const row = (id: number, extra: Partial<ArticleRow> = {}): ArticleRow => ({
  id,
  slug: `article-${id}`,
  title: `Article ${id}`,
  description: 'd',
  createdAt: '2026-11-30 10:00:00.000',
  updatedAt: '2026-11-30 10:00:00.000',
  authorUsername: 'jake',
  authorBio: null,
  authorImage: null,
  favoritesCount: 0,
  tagNames: null,
  favorited: 0,
  following: 0,
  ...extra,
});

const query = (fields: Partial<ListArticlesQueryDto> = {}): ListArticlesQueryDto =>
  Object.assign(new ListArticlesQueryDto(), fields);

describe('ArticlesQueryService', () => {
  let articles: jest.Mocked<Pick<ArticlesRepository, 'count' | 'findPage' | 'findBySlug' | 'findIdBySlug'>>;
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
    expect(await rejection(service.findOne('nope'))).toEqual({
      status: 404,
      body: { errors: { article: ['not found'] } },
    });
    expect((await rejection(service.findIdOrFail('nope'))).status).toBe(404);
  });
});
