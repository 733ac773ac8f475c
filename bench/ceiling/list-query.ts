import { BEYOND_REALWORLD as FOLIO_BEYOND_REALWORLD } from '../../src/content/articles/article-query.sql';
import { HttpError, unprocessable } from './http';
import { KEYSET_SORTS, type KeysetSort, type KeysetStart } from './statements';

/** GET /api/articles parameters beyond RealWorld's, as Folio knows them: the ceilings serve cursor and sort. */
const BEYOND_REALWORLD: readonly string[] = [...FOLIO_BEYOND_REALWORLD, 'fields'];
const SORTS = [...KEYSET_SORTS, 'relevance'];
const CURSOR_MAX = 500;

export interface CursorRequest {
  sort: KeysetSort;
  /** Absent for the first page (`cursor=`). */
  start?: KeysetStart;
}

/**
 * A cursor page of GET /api/articles (`cursor`, optionally `sort`), read as Folio reads it: null when the request
 * asks for none of the query language; a 501 for the rest of it (not in the ceiling server); Folio's 422s for a
 * wrong sort, a cursor with an offset, or a cursor that is not one of this sort's.
 */
export function cursorRequest(query: URLSearchParams, offset: number): CursorRequest | null {
  const asked = BEYOND_REALWORLD.filter((name) => query.has(name));
  if (asked.length === 0) return null;
  const unserved = asked.find((name) => name !== 'cursor' && name !== 'sort');
  if (unserved || !query.has('cursor') || ['tag', 'author', 'favorited'].some((name) => query.has(name)))
    throw new HttpError(501, { [unserved ?? 'query']: ['this query is not in the ceiling server'] });
  const sort = query.get('sort') ?? 'newest';
  if (!SORTS.includes(sort)) throw unprocessable('sort', `must be one of ${SORTS.join(', ')}`);
  if (sort === 'relevance') throw unprocessable('sort', 'relevance needs a search (q)');
  const cursor = query.get('cursor')!;
  if (cursor.length > CURSOR_MAX)
    throw unprocessable('cursor', `is too long (maximum is ${CURSOR_MAX} characters)`);
  if (offset > 0) throw unprocessable('cursor', 'cannot be combined with offset');
  const keyset = sort as KeysetSort;
  return cursor === '' ? { sort: keyset } : { sort: keyset, start: decodeCursor(cursor, keyset) };
}

/** base64url JSON `{s: sort, k: key, i: id}`: an ISO 8601 time, or a favorites count, and the article's id. */
function decodeCursor(cursor: string, sort: KeysetSort): KeysetStart {
  const invalid = (): HttpError =>
    unprocessable('cursor', 'is not a cursor of this list (start again without one)');
  let state: { s?: unknown; k?: unknown; i?: unknown };
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof state;
  } catch {
    throw invalid();
  }
  if (typeof state !== 'object' || state === null || state.s !== sort) throw invalid();
  const { k: key, i: id } = state;
  const validKey = sort === 'favorites' ? isCount(key) : typeof key === 'string' && !isNaN(Date.parse(key));
  if (!validKey || !isCount(id)) throw invalid();
  return { key: key as string | number, id };
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
