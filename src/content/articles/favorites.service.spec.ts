import { fakeEvents, foreignKeyViolation, rejection } from '../../../test/support/unit-doubles';
import { notFound } from '../../common/errors/http-errors';
import { FavoriteChanged } from './article.events';
import type { ArticlesQueryService } from './articles-query.service';
import type { FavoritesRepository } from './favorites.repository';
import { FavoritesService } from './favorites.service';

describe('FavoritesService', () => {
  let favorites: jest.Mocked<FavoritesRepository>;
  let queries: jest.Mocked<Pick<ArticlesQueryService, 'findIdOrFail' | 'findOne'>>;
  let events: ReturnType<typeof fakeEvents>;
  let service: FavoritesService;

  beforeEach(() => {
    favorites = { insert: jest.fn(), delete: jest.fn() } as unknown as jest.Mocked<FavoritesRepository>;
    queries = {
      findIdOrFail: jest.fn().mockResolvedValue(3),
      findOne: jest.fn().mockResolvedValue({ article: { slug: 'dragons' } }),
    };
    events = fakeEvents();
    service = new FavoritesService(favorites, queries as unknown as ArticlesQueryService, events);
  });

  it('should publish FavoriteChanged when a favorite is added, and answer the article as the user sees it', async () => {
    favorites.insert.mockResolvedValue(true);
    await service.favorite('dragons', 7);
    expect(favorites.insert).toHaveBeenCalledWith(7, 3, expect.any(Date));
    expect(events.published).toEqual([expect.any(FavoriteChanged)]);
    expect(events.published[0]).toMatchObject({
      article: { id: 3, slug: 'dragons' },
      favorited: true,
      actorId: 7,
    });
    expect(queries.findOne).toHaveBeenCalledWith('dragons', 7);
  });

  it('should publish nothing for a repeated favorite or an unfavorite of nothing', async () => {
    favorites.insert.mockResolvedValue(false);
    favorites.delete.mockResolvedValue(false);
    await service.favorite('dragons', 7);
    await service.unfavorite('dragons', 7);
    expect(events.published).toEqual([]);
  });

  it('should publish an unfavorite that removed a row', async () => {
    favorites.delete.mockResolvedValue(true);
    await service.unfavorite('dragons', 7);
    expect(events.published[0]).toMatchObject({ favorited: false });
  });

  it.each(['sqlite', 'mysql'] as const)(
    'should answer 404 when the article is deleted between the lookup and the insert (%s reports the missing parent)',
    async (engine) => {
      favorites.insert.mockRejectedValue(foreignKeyViolation(engine));
      expect(await rejection(service.favorite('dragons', 7))).toEqual({
        status: 404,
        body: { errors: { article: ['not found'] } },
      });
      expect(favorites.insert).toHaveBeenCalledTimes(1);
      expect(queries.findOne).not.toHaveBeenCalled();
      expect(events.published).toEqual([]);
    },
  );

  it('should answer 404 when MySQL’s INSERT IGNORE skipped the row because the article is gone', async () => {
    favorites.insert.mockResolvedValue(false);
    queries.findOne.mockRejectedValueOnce(notFound('article'));
    expect(await rejection(service.favorite('dragons', 7))).toEqual({
      status: 404,
      body: { errors: { article: ['not found'] } },
    });
    expect(events.published).toEqual([]);
  });
});
