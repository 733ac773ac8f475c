import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '../../common/client-info';
import { conflict, notFound } from '../../common/errors/http-errors';
import { Database } from '../../database/database.service';
import { DomainEvents } from '../../events/domain-events.service';
import { authorize, authorizeRestore, can } from '../../policy/policy';
import type { Actor } from '../../policy/roles';
import { ArticleListing } from './article-listing.service';
import { isVisibleTo } from './article-visibility';
import { restoredWorkflow, trashedWorkflow } from './article-workflow';
import { ArticleDeleted, ArticleRestored, type ArticleRef } from './article.events';
import { toArticleDto } from './article-row';
import { ArticlesRepository, type StoredArticle } from './articles.repository';
import { SingleArticleResponseDto } from './dto/article-response.dto';

/**
 * Deleting an article moves it to the trash: out of every list and count, 404 for every route, its slug still
 * taken, its comments, favorites, tags and revisions untouched, until a restore brings it back as it was or the
 * trash purge (TrashPurge) deletes it for good. Both directions lock the article's row, so racing deletes and
 * restores apply one at a time and the counters move once per real change.
 */
@Injectable()
export class ArticleTrash {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly listing: ArticleListing,
    private readonly database: Database,
    private readonly events: DomainEvents,
  ) {}

  /** The author, a moderator or an admin (the policy's `article.delete`); 404 once it is in the trash. */
  async moveToTrash(slug: string, actor: Actor, client: ClientInfo | null = null): Promise<void> {
    const found = await this.articles.findStoredBySlug(slug);
    if (!found || found.deletedAt !== null || !isVisibleTo(actor, found)) throw notFound('article');
    authorize(actor, 'article.delete', found.authorId);
    const at = new Date();
    await this.database.transaction(async (tx) => {
      const locked = await this.articles.findStoredForUpdate(found.id, tx);
      if (!locked || locked.deletedAt !== null) throw notFound('article');
      await this.listing.apply(locked, trashedWorkflow(locked), tx);
      await this.articles.setTrashed(locked.id, at, actor.id, tx);
    });
    await this.events.publish(new ArticleDeleted(refOf(found), actor.id, at, client));
  }

  /**
   * A moderator or an admin, or the author of an article they put in the trash themselves (what a moderator
   * removed, its author cannot bring back): 403. 404 when there is no such article in the trash for this actor,
   * 409 when it is not in the trash.
   */
  async restore(
    slug: string,
    actor: Actor,
    client: ClientInfo | null = null,
  ): Promise<SingleArticleResponseDto> {
    const found = await this.articles.findStoredBySlug(slug);
    if (!found || !can(actor, 'article.read-unlisted', found.authorId)) throw notFound('article');
    if (found.deletedAt !== null) authorizeRestore(actor, 'article.restore', found);
    const at = new Date();
    // Answered from inside the transaction: a delete racing right after the commit must not make this a 404.
    const row = await this.database.transaction(async (tx) => {
      const locked = await this.articles.findStoredForUpdate(found.id, tx);
      if (!locked) throw notFound('article');
      if (locked.deletedAt === null) throw conflict({ article: ['is not in the trash'] });
      authorizeRestore(actor, 'article.restore', locked);
      await this.articles.setTrashed(locked.id, null, null, tx);
      await this.listing.apply(locked, restoredWorkflow(locked, at), tx);
      return this.articles.findBySlug(locked.slug, actor.id, tx);
    });
    if (!row) throw notFound('article');
    await this.events.publish(new ArticleRestored(refOf(found), actor.id, at, client));
    return { article: toArticleDto(row) };
  }
}

const refOf = (article: StoredArticle): ArticleRef => ({
  id: article.id,
  slug: article.slug,
  authorId: article.authorId,
});
