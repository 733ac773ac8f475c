import { can } from '../../policy/policy';
import type { Actor } from '../../policy/roles';
import { isListed, type ArticleStatus } from './article-workflow';

/** What deciding an article's visibility needs to know of it. */
export interface ArticleVisibility {
  status: ArticleStatus;
  authorId: number;
}

/**
 * A published article is everyone's; any other (draft, scheduled, unpublished) only its author's, a moderator's and
 * an admin's (the policy's `article.read-unlisted`). For everyone else it does not exist: 404, never 403.
 */
export function isVisibleTo(viewer: Actor | undefined, article: ArticleVisibility): boolean {
  if (isListed(article.status)) return true;
  return viewer !== undefined && can(viewer, 'article.read-unlisted', article.authorId);
}
