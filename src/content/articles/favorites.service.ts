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
    const added = await this.insert(userId, articleId, at);
    if (added) await this.events.publish(new FavoriteChanged({ id: articleId, slug }, userId, true, at));
    // Nothing added: already favorited, or (MySQL's INSERT IGNORE skips a missing parent too) the article is gone,
    // which this read answers with a 404.
    return this.queries.findOne(slug, userId);
  }

  async unfavorite(slug: string, userId: number): Promise<SingleArticleResponseDto> {
    const articleId = await this.queries.findIdOrFail(slug);
    const at = new Date();
    if (await this.favorites.delete(userId, articleId))
      await this.events.publish(new FavoriteChanged({ id: articleId, slug }, userId, false, at));
    return this.queries.findOne(slug, userId);
  }

  /** Whether a row was added; 404 when the article was deleted since the lookup (SQLite reports the missing parent). */
  private insert(userId: number, articleId: number, at: Date): Promise<boolean> {
    return this.favorites.insert(userId, articleId, at).catch((error: unknown) => {
      throw isForeignKeyViolation(error) ? notFound('article') : error;
    });
  }
}
