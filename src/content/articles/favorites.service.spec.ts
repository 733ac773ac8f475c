import { notFound } from '../../common/errors/http-errors';
import { fakeDatabase, fakeEvents, rejection, TX } from '../../../test/support/unit-doubles';
import type { Actor } from '../../policy/roles';
import { FavoriteChanged } from './article.events';
import type { ArticlesQueryService } from './articles-query.service';
import type { ArticlesRepository } from './articles.repository';
import type { FavoritesRepository } from './favorites.repository';
import { FavoritesService } from './favorites.service';

const USER: Actor = { id: 7, role: 'user' };

describe('FavoritesService', () => {
  let favorites: jest.Mocked<FavoritesRepository>;
  let articles: jest.Mocked<Pick<ArticlesRepository, 'lock' | 'addToFavoritesCount'>>;
  let queries: jest.Mocked<Pick<ArticlesQueryService, 'findVisibleIdOrFail' | 'findOne'>>;
  let database: ReturnType<typeof fakeDatabase>;
  let events: ReturnType<typeof fakeEvents>;
  let service: FavoritesService;

  beforeEach(() => {
    favorites = { insert: jest.fn(), delete: jest.fn() } as unknown as jest.Mocked<FavoritesRepository>;
    articles = { lock: jest.fn().mockResolvedValue(true), addToFavoritesCount: jest.fn() };
    queries = {
      findVisibleIdOrFail: jest.fn().mockResolvedValue(3),
      findOne: jest.fn().mockResolvedValue({ article: { slug: 'dragons' } }),
    };
    database = fakeDatabase();
    events = fakeEvents();
    service = new FavoritesService(
      favorites,
      articles as unknown as ArticlesRepository,
      queries as unknown as ArticlesQueryService,
      database,
      events,
    );
  });

  it('should add the row and count it under the article’s lock, publish FavoriteChanged, answer the article', async () => {
    favorites.insert.mockResolvedValue(true);
    await service.favorite('dragons', USER);
    expect(queries.findVisibleIdOrFail).toHaveBeenCalledWith('dragons', USER);
    expect(database.transaction).toHaveBeenCalledTimes(1);
    expect(articles.lock).toHaveBeenCalledWith(3, TX);
    expect(favorites.insert).toHaveBeenCalledWith(7, 3, expect.any(Date), TX);
    expect(articles.addToFavoritesCount).toHaveBeenCalledWith(3, 1, TX);
    expect(articles.lock.mock.invocationCallOrder[0]).toBeLessThan(
      favorites.insert.mock.invocationCallOrder[0],
    );
    expect(events.published).toEqual([expect.any(FavoriteChanged)]);
    expect(events.published[0]).toMatchObject({
      article: { id: 3, slug: 'dragons' },
      favorited: true,
      actorId: 7,
    });
    expect(queries.findOne).toHaveBeenCalledWith('dragons', USER);
  });

  it('should neither count nor publish a repeated favorite or an unfavorite of nothing', async () => {
    favorites.insert.mockResolvedValue(false);
    favorites.delete.mockResolvedValue(false);
    await service.favorite('dragons', USER);
    await service.unfavorite('dragons', USER);
    expect(articles.addToFavoritesCount).not.toHaveBeenCalled();
    expect(events.published).toEqual([]);
  });

  it('should uncount and publish an unfavorite that removed a row', async () => {
    favorites.delete.mockResolvedValue(true);
    await service.unfavorite('dragons', USER);
    expect(queries.findVisibleIdOrFail).toHaveBeenCalledWith('dragons', USER);
    expect(articles.addToFavoritesCount).toHaveBeenCalledWith(3, -1, TX);
    expect(events.published[0]).toMatchObject({ favorited: false });
  });

  it.each(['favorite', 'unfavorite'] as const)(
    'should answer 404 to %s when the article is deleted between the lookup and the lock, touching nothing',
    async (method) => {
      articles.lock.mockResolvedValue(false);
      expect(await rejection(service[method]('dragons', USER))).toEqual({
        status: 404,
        body: { errors: { article: ['not found'] } },
      });
      expect(favorites.insert).not.toHaveBeenCalled();
      expect(favorites.delete).not.toHaveBeenCalled();
      expect(queries.findOne).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    },
  );

  it.each(['favorite', 'unfavorite'] as const)(
    'should answer 404 to %s of an article the user may not see (a draft of another), touching nothing',
    async (method) => {
      queries.findVisibleIdOrFail.mockRejectedValue(notFound('article'));
      expect(await rejection(service[method]('dragons', USER))).toEqual({
        status: 404,
        body: { errors: { article: ['not found'] } },
      });
      expect(database.transaction).not.toHaveBeenCalled();
      expect(queries.findOne).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    },
  );
});
