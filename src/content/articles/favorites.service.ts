import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/http-errors';
import { isForeignKeyViolation } from '../../database/db-errors';
import { DomainEvents } from '../../events/domain-events.service';
import { FavoriteChanged } from './article.events';
import { ArticlesQueryService } from './articles-query.service';
import { SingleArticleResponseDto } from './dto/article-response.dto';
import { FavoritesRepository } from './favorites.repository';

/** Favorites are rows keyed by (user, article): repeating one is a no-op and favoritesCount is counted from them. */
@Injectable()
export class FavoritesService {
  constructor(
    private readonly favorites: FavoritesRepository,
    private readonly queries: ArticlesQueryService,
    private readonly events: DomainEvents,
  ) {}

  async favorite(slug: string, userId: number): Promise<SingleArticleResponseDto> {
    const articleId = await this.queries.findIdOrFail(slug);
    const at = new Date();
    const added = await this.favorites.insert(userId, articleId, at).catch((error: unknown) => {
      // The article was deleted between the lookup and the insert.
      throw isForeignKeyViolation(error) ? notFound('article') : error;
    });
    if (added) await this.events.publish(new FavoriteChanged({ id: articleId, slug }, userId, true, at));
    return this.queries.findOne(slug, userId);
  }

  async unfavorite(slug: string, userId: number): Promise<SingleArticleResponseDto> {
    const articleId = await this.queries.findIdOrFail(slug);
    const at = new Date();
    if (await this.favorites.delete(userId, articleId))
      await this.events.publish(new FavoriteChanged({ id: articleId, slug }, userId, false, at));
    return this.queries.findOne(slug, userId);
  }
}
