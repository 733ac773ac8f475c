import { unprocessable } from '../../common/errors/http-errors';
import { fromSqlTimestamp } from '../../database/timestamps';
import { parseSearchQuery } from '../search/search-text';
import { normaliseTag } from '../tags/tag-name';
import { BEYOND_REALWORLD, type ArticleSort, type PageStart, type QueryFilter } from './article-query.sql';
import { TAGS_MAX, type ListArticlesQueryDto } from './dto/list-articles-query.dto';

/** A list request that needs more than RealWorld's filters, as a filter, where its page starts, and its cursor mode. */
export interface ArticleQuery {
  filter: QueryFilter;
  start?: PageStart;
  /** Whether the answer carries `nextCursor` (the request gave `cursor`). */
  cursor: boolean;
}

/**
 * The query of GET /api/articles when it asks for anything RealWorld's filters do not (several authors, tags, date
 * ranges, q, sort, cursor); null when RealWorld's own filters say it all (they keep their counter-backed pages).
 */
export function articleQuery(dto: ListArticlesQueryDto): ArticleQuery | null {
  const authors = dto.author?.split(',').map((name) => name.trim());
  if (!BEYOND_REALWORLD.some((key) => dto[key] !== undefined) && (authors?.length ?? 0) <= 1) return null;
  if (authors && (authors.length > TAGS_MAX || authors.some((name) => name === '')))
    throw unprocessable({ author: [`must be at most ${TAGS_MAX} usernames, comma-separated`] });
  const text = dto.q === undefined ? undefined : parseSearchQuery(dto.q);
  const sort: ArticleSort = dto.sort ?? (text !== undefined ? 'relevance' : 'newest');
  if (sort === 'relevance' && text === undefined)
    throw unprocessable({ sort: ['relevance needs a search (q)'] });
  if (dto.cursor !== undefined && dto.offset > 0)
    throw unprocessable({ cursor: ['cannot be combined with offset'] });
  const tagNames = [...(dto.tag === undefined ? [] : [dto.tag]), ...(dto.tags ?? [])].map(normaliseTag);
  const filter: QueryFilter = {
    kind: 'query',
    sort,
    ...(authors && { authors }),
    ...(tagNames.length > 0 && {
      tags: {
        names: [...new Set(tagNames)],
        match: dto.tag !== undefined && !dto.tags ? 'all' : (dto.tagMatch ?? 'any'),
      },
    }),
    ...(dto.favorited !== undefined && { favorited: dto.favorited }),
    ...(range(dto.createdFrom, dto.createdTo) && { created: range(dto.createdFrom, dto.createdTo) }),
    ...(range(dto.updatedFrom, dto.updatedTo) && { updated: range(dto.updatedFrom, dto.updatedTo) }),
    ...(text !== undefined && { text }),
  };
  return {
    filter,
    start: dto.cursor ? decodeCursor(dto.cursor, sort) : undefined,
    cursor: dto.cursor !== undefined,
  };
}

function range(
  from: Date | string | undefined,
  to: Date | string | undefined,
): { from?: Date; to?: Date } | undefined {
  if (from === undefined && to === undefined) return undefined;
  return {
    ...(from !== undefined && { from: new Date(from) }),
    ...(to !== undefined && { to: new Date(to) }),
  };
}

/** The cursor after `row` in `sort`: its sort key and id (keyset); for relevance, the position reached. */
export function encodeCursor(
  sort: ArticleSort,
  row: { id: number; sortKey: unknown },
  position: number,
): string {
  const state =
    sort === 'relevance'
      ? { s: sort, p: position }
      : {
          s: sort,
          k:
            sort === 'favorites'
              ? Number(row.sortKey)
              : fromSqlTimestamp(row.sortKey as Date | string).toISOString(),
          i: Number(row.id),
        };
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

const INVALID_CURSOR = (): Error =>
  unprocessable({ cursor: ['is not a cursor of this list (start again without one)'] });

function decodeCursor(cursor: string, sort: ArticleSort): PageStart {
  let state: { s?: unknown; k?: unknown; i?: unknown; p?: unknown };
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof state;
  } catch {
    throw INVALID_CURSOR();
  }
  if (typeof state !== 'object' || state === null || state.s !== sort) throw INVALID_CURSOR();
  if (sort === 'relevance') {
    if (!isCount(state.p)) throw INVALID_CURSOR();
    return { position: state.p };
  }
  const validKey =
    sort === 'favorites' ? isCount(state.k) : typeof state.k === 'string' && !isNaN(Date.parse(state.k));
  if (!validKey || !isCount(state.i)) throw INVALID_CURSOR();
  return { key: state.k as string | number, id: state.i };
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
