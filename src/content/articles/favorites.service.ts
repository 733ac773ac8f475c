import type { Actor } from '../../policy/roles';
import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/http-errors';
import { Database } from '../../database/database.service';
import type { Transaction } from '../../database/sql-executor';
import { DomainEvents } from '../../events/domain-events.service';
import { FavoriteChanged } from './article.events';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesRepository } from './articles.repository';
import { SingleArticleResponseDto } from './dto/article-response.dto';
import { FavoritesRepository } from './favorites.repository';

/**
 * Favorites are rows keyed by (user, article): repeating one is a no-op. The article's favorites_count changes in
 * the same transaction as the row, under the article's row lock (taken first, so concurrent favorites of one
 * article queue instead of deadlocking on the foreign key's shared lock); an article deleted meanwhile is a 404.
 */
@Injectable()
export class FavoritesService {
  constructor(
    private readonly favorites: FavoritesRepository,
    private readonly articles: ArticlesRepository,
    private readonly queries: ArticlesQueryService,
    private readonly database: Database,
    private readonly events: DomainEvents,
  ) {}

  async favorite(slug: string, user: Actor): Promise<SingleArticleResponseDto> {
    const userId = user.id;
    const articleId = await this.queries.findVisibleIdOrFail(slug, user);
    const at = new Date();
    const added = await this.changeCounted(articleId, async (tx) => {
      const inserted = await this.favorites.insert(userId, articleId, at, tx);
      if (inserted) await this.articles.addToFavoritesCount(articleId, 1, tx);
      return inserted;
    });
    if (added) await this.events.publish(new FavoriteChanged({ id: articleId, slug }, userId, true, at));
    return this.queries.findOne(slug, user);
  }

  async unfavorite(slug: string, user: Actor): Promise<SingleArticleResponseDto> {
    const userId = user.id;
    const articleId = await this.queries.findVisibleIdOrFail(slug, user);
    const at = new Date();
    const removed = await this.changeCounted(articleId, async (tx) => {
      const deleted = await this.favorites.delete(userId, articleId, tx);
      if (deleted) await this.articles.addToFavoritesCount(articleId, -1, tx);
      return deleted;
    });
    if (removed) await this.events.publish(new FavoriteChanged({ id: articleId, slug }, userId, false, at));
    return this.queries.findOne(slug, user);
  }

  /** `change` in a transaction holding the article's row lock; 404 when the article is gone. */
  private changeCounted(articleId: number, change: (tx: Transaction) => Promise<boolean>): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      if (!(await this.articles.lock(articleId, tx))) throw notFound('article');
      return change(tx);
    });
  }
}
