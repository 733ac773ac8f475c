import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user';
import { conflict, notFound } from '../../common/errors/http-errors';
import { isForeignKeyViolation } from '../../database/db-errors';
import type { ClientInfo } from '../../common/client-info';
import { authorize, authorizeRestore, can } from '../../policy/policy';
import type { Actor } from '../../policy/roles';
import { isVisibleTo } from '../articles/article-visibility';
import { DomainEvents } from '../../events/domain-events.service';
import { NO_VIEWER } from '../../users/follows.repository';
import { ArticlesQueryService } from '../articles/articles-query.service';
import { ContentCache } from '../cache/content-cache.service';
import { CommentAdded, CommentDeleted, CommentRestored } from './comment.events';
import { toCommentDto, toNewCommentDto } from './comment-row';
import { CommentsRepository } from './comments.repository';
import {
  CommentDto,
  MultipleCommentsResponseDto,
  SingleCommentResponseDto,
} from './dto/comment-response.dto';
import { CreateCommentDto } from './dto/create-comment.dto';

/** Comments belong to one article; deleting one moves it to the trash, from which it can be restored. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly articles: ArticlesQueryService,
    private readonly cache: ContentCache,
    private readonly events: DomainEvents,
  ) {}

  findAll(slug: string, viewer?: Actor): Promise<MultipleCommentsResponseDto> {
    return this.cache.comments(slug, viewer?.id, async () => {
      const found = await this.comments.findByArticleSlug(slug, viewer?.id ?? NO_VIEWER);
      if (!found || !isVisibleTo(viewer, found.article)) throw notFound('article');
      return { comments: found.comments.map(toCommentDto) };
    });
  }

  /**
   * Answers from what it wrote: the author is the caller, who does not follow themselves. `at` is when it was
   * written: now, except for content written with its own history (the demo seed).
   */
  async create(
    slug: string,
    author: Pick<AuthUser, 'id' | 'profile' | 'role'>,
    dto: CreateCommentDto,
    at = new Date(),
  ): Promise<SingleCommentResponseDto> {
    const articleId = await this.articles.findVisibleIdOrFail(slug, author);
    const id = await this.comments
      .insert({ body: dto.body, articleId, authorId: author.id, createdAt: at })
      .catch(articleGoneIsNotFound);
    if (id === null) throw notFound('article');
    await this.events.publish(
      new CommentAdded({ id, authorId: author.id, article: { id: articleId, slug } }, at),
    );
    return { comment: toNewCommentDto({ id, body: dto.body, createdAt: at }, author.profile) };
  }

  /** To the trash: the author, a moderator or an admin (the policy's `comment.delete`); 404 once it is there. */
  async remove(slug: string, id: number, actor: Actor, client: ClientInfo | null = null): Promise<void> {
    const { articleId, authorId } = await this.locate(slug, id, actor);
    authorize(actor, 'comment.delete', authorId);
    const at = new Date();
    if (!(await this.comments.moveToTrash(id, at, actor.id))) throw notFound('comment');
    const comment = { id, authorId, article: { id: articleId, slug } };
    await this.events.publish(new CommentDeleted(comment, actor.id, at, client));
  }

  /**
   * Out of the trash: a moderator or an admin, or its author when they deleted it themselves (403 otherwise); 409
   * when it is not in the trash. Its article must be visible (not in the trash itself).
   */
  async restore(
    slug: string,
    id: number,
    actor: Actor,
    client: ClientInfo | null = null,
  ): Promise<SingleCommentResponseDto> {
    const articleId = await this.articles.findVisibleIdOrFail(slug, actor);
    const stored = await this.comments.findOnArticle(id, articleId);
    if (!stored) throw notFound('comment');
    if (stored.deletedAt === null) throw conflict({ comment: ['is not in the trash'] });
    if (!can(actor, 'comment.delete', stored.authorId)) throw notFound('comment');
    authorizeRestore(actor, 'comment.restore', stored);
    if (!(await this.comments.restore(id))) throw conflict({ comment: ['is not in the trash'] });
    const comment = { id, authorId: stored.authorId, article: { id: articleId, slug } };
    await this.events.publish(new CommentRestored(comment, actor.id, new Date(), client));
    return { comment: await this.findOneOrFail(slug, id, actor) };
  }

  /** The comment `id` of the article at `slug`: its article's id and its author; 404 when either is unknown. */
  async locate(slug: string, id: number, viewer: Actor): Promise<{ articleId: number; authorId: number }> {
    const articleId = await this.articles.findVisibleIdOrFail(slug, viewer);
    const stored = await this.comments.findOnArticle(id, articleId);
    if (stored === null || stored.deletedAt !== null) throw notFound('comment');
    return { articleId, authorId: stored.authorId };
  }

  private async findOneOrFail(slug: string, id: number, viewer: Actor): Promise<CommentDto> {
    const found = await this.comments.findByArticleSlug(slug, viewer.id, id);
    const row = found?.comments[0];
    if (!row) throw notFound('comment');
    return toCommentDto(row);
  }
}

/** The article was deleted between the lookup and the insert. */
function articleGoneIsNotFound(error: unknown): never {
  throw isForeignKeyViolation(error) ? notFound('article') : error;
}
