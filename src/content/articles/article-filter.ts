import type { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { normaliseTag } from '../tags/tag-name';
import type { ArticleStatus } from './article-workflow';
import type { ListArticlesQueryDto } from './dto/list-articles-query.dto';

/**
 * Which articles a page is cut from. The common shapes have a kind of their own, because each is read from its own
 * ordering index and counted by its own counter; any other combination of filters is `combined`.
 */
export type ArticleFilter =
  | { kind: 'all' }
  | { kind: 'tag'; tag: string }
  | { kind: 'author'; author: string }
  | { kind: 'combined'; tag?: string; author?: string; favorited?: string }
  | FeedFilter
  | OwnFilter;

/** An author's own articles, whatever their status unless one is given (GET /api/user/articles). */
export interface OwnFilter {
  kind: 'own';
  authorId: number;
  status?: ArticleStatus;
}

/** The newest `reach` articles of each followed author that has any: enough for the page at any offset. */
export interface FeedFilter {
  kind: 'feed';
  followerId: number;
  authorIds: number[];
  reach: number;
}

/** What GET /api/articles and GET /api/user/articles can ask for. */
export type ListFilter = Exclude<ArticleFilter, FeedFilter>;

/** The filters of GET /api/articles as one filter; tag names compare normalised. */
export function listFilter({ tag, author, favorited }: ListArticlesQueryDto): ListFilter {
  const given = [tag, author, favorited].filter((value) => value !== undefined).length;
  const normalisedTag = tag === undefined ? undefined : normaliseTag(tag);
  if (given === 0) return { kind: 'all' };
  if (given === 1 && normalisedTag !== undefined) return { kind: 'tag', tag: normalisedTag };
  if (given === 1 && author !== undefined) return { kind: 'author', author };
  return { kind: 'combined', tag: normalisedTag, author, favorited };
}

/** The feed of a reader who follows `followed`, and its total: what the followed authors have written. */
export function feedFilter(
  followerId: number,
  followed: { id: number; articles: number }[],
  { limit, offset }: PaginationQueryDto,
): { filter: FeedFilter; total: number } {
  const writers = followed.filter((author) => author.articles > 0);
  return {
    filter: {
      kind: 'feed',
      followerId,
      authorIds: writers.map((author) => author.id),
      reach: offset + limit,
    },
    total: writers.reduce((sum, author) => sum + author.articles, 0),
  };
}
