import { HttpException, HttpStatus } from '@nestjs/common';
import { parseSearchQuery } from '../search/search-text';
import { articleQuery, encodeCursor } from './article-query';
import { ARTICLE_SORTS, type ArticleSort } from './article-query.sql';
import { ListArticlesQueryDto, TAGS_MAX } from './dto/list-articles-query.dto';

/** A query as the validation pipe hands it over: the DTO's defaults (limit 20, offset 0), then the given values. */
const query = (fields: Partial<ListArticlesQueryDto>): ListArticlesQueryDto =>
  Object.assign(new ListArticlesQueryDto(), fields);

/** The 422 body articleQuery throws, or a failure when it returns. */
function errorsOf(fields: Partial<ListArticlesQueryDto>): unknown {
  try {
    articleQuery(query(fields));
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    return ((error as HttpException).getResponse() as { errors: unknown }).errors;
  }
  throw new Error('expected a 422');
}

const INVALID_CURSOR = { cursor: ['is not a cursor of this list (start again without one)'] };
const AUTHORS_MESSAGE = { author: [`must be at most ${TAGS_MAX} usernames, comma-separated`] };

/** A cursor as a client could forge it: any JSON, base64url-encoded. */
const forged = (state: unknown): string => Buffer.from(JSON.stringify(state)).toString('base64url');
const decoded = (cursor: string): unknown => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

/** Where a cursor of `sort` (given with a query narrowing nothing else) makes the next page start. */
const startOf = (sort: ArticleSort, cursor: string): unknown =>
  articleQuery(query({ sort, cursor, ...(sort === 'relevance' && { q: 'dragons' }) }))?.start;

describe('articleQuery', () => {
  describe("RealWorld's own filters", () => {
    it.each<[string, Partial<ListArticlesQueryDto>]>([
      ['nothing', {}],
      ['a tag', { tag: 'dragons' }],
      ['one author', { author: 'jake' }],
      ['one author with spaces around', { author: ' jake ' }],
      ['an empty author', { author: '' }],
      ['favorited', { favorited: 'jane' }],
      ['a page', { limit: 5, offset: 40 }],
      ['fields', { fields: 'slug,title' }],
      [
        'all of them at once',
        { tag: 'x', author: 'jake', favorited: 'jane', limit: 1, offset: 3, fields: 'slug' },
      ],
    ])('should leave %s to the counter-backed pages (null)', (_name, fields) => {
      expect(articleQuery(query(fields))).toBeNull();
    });

    it.each<[string, Partial<ListArticlesQueryDto>]>([
      ['q', { q: 'dragons' }],
      ['tags', { tags: ['dragons'] }],
      ['tagMatch', { tagMatch: 'all' }],
      ['createdFrom', { createdFrom: '2026-01-01T00:00:00Z' }],
      ['createdTo', { createdTo: '2026-01-01T00:00:00Z' }],
      ['updatedFrom', { updatedFrom: '2026-01-01T00:00:00Z' }],
      ['updatedTo', { updatedTo: '2026-01-01T00:00:00Z' }],
      ['sort', { sort: 'newest' }],
      ['cursor', { cursor: '' }],
      ['several authors', { author: 'jake,jane' }],
    ])('should take %s as a query beyond them', (_name, fields) => {
      expect(articleQuery(query(fields))).not.toBeNull();
    });

    it('should give the plain query (newest, no condition) for sort=newest alone', () => {
      expect(articleQuery(query({ sort: 'newest' }))).toEqual({
        filter: { kind: 'query', sort: 'newest' },
        start: undefined,
        cursor: false,
      });
    });
  });

  describe('authors', () => {
    it('should split a comma-separated author into trimmed usernames, in order', () => {
      expect(articleQuery(query({ author: ' jake , jane,bob ' }))?.filter).toEqual({
        kind: 'query',
        sort: 'newest',
        authors: ['jake', 'jane', 'bob'],
      });
    });

    it('should keep a single author as a list of one when something else goes beyond RealWorld', () => {
      expect(articleQuery(query({ author: ' jake ', sort: 'oldest' }))?.filter).toEqual({
        kind: 'query',
        sort: 'oldest',
        authors: ['jake'],
      });
    });

    it(`should accept ${TAGS_MAX} authors and refuse one more`, () => {
      const names = Array.from({ length: TAGS_MAX + 1 }, (_, i) => `user${i}`);
      expect(articleQuery(query({ author: names.slice(0, TAGS_MAX).join(',') }))?.filter.authors).toEqual(
        names.slice(0, TAGS_MAX),
      );
      expect(errorsOf({ author: names.join(',') })).toEqual(AUTHORS_MESSAGE);
    });

    it.each(['jake,,jane', 'jake,', ',jake', 'jake, ,jane', ' , '])(
      'should refuse an empty name among the authors (%j)',
      (author) => {
        expect(errorsOf({ author })).toEqual(AUTHORS_MESSAGE);
      },
    );

    it('should refuse an empty single author once the query goes beyond RealWorld', () => {
      expect(errorsOf({ author: '', sort: 'newest' })).toEqual(AUTHORS_MESSAGE);
    });
  });

  describe('tags', () => {
    it('should match any of the tags by default, normalised and deduplicated in order', () => {
      expect(articleQuery(query({ tags: [' Dragons', 'training', 'DRAGONS ', 'training'] }))?.filter).toEqual(
        {
          kind: 'query',
          sort: 'newest',
          tags: { names: ['dragons', 'training'], match: 'any' },
        },
      );
    });

    it('should match all of them with tagMatch=all, and any with tagMatch=any', () => {
      expect(articleQuery(query({ tags: ['a', 'b'], tagMatch: 'all' }))?.filter.tags).toEqual({
        names: ['a', 'b'],
        match: 'all',
      });
      expect(articleQuery(query({ tags: ['a', 'b'], tagMatch: 'any' }))?.filter.tags).toEqual({
        names: ['a', 'b'],
        match: 'any',
      });
    });

    it('should count `tag` as one more tag, first, under tagMatch', () => {
      expect(articleQuery(query({ tag: ' X ', tags: ['y', 'x'] }))?.filter.tags).toEqual({
        names: ['x', 'y'],
        match: 'any',
      });
      expect(articleQuery(query({ tag: 'x', tags: ['y'], tagMatch: 'all' }))?.filter.tags).toEqual({
        names: ['x', 'y'],
        match: 'all',
      });
    });

    it('should require `tag` alone (without tags) whatever tagMatch says', () => {
      expect(articleQuery(query({ tag: 'Dragons', q: 'fire' }))?.filter.tags).toEqual({
        names: ['dragons'],
        match: 'all',
      });
      expect(articleQuery(query({ tag: 'dragons', tagMatch: 'any' }))?.filter.tags).toEqual({
        names: ['dragons'],
        match: 'all',
      });
    });

    it('should leave tags out when none is given, even with tagMatch', () => {
      expect(articleQuery(query({ tagMatch: 'all' }))?.filter).toEqual({ kind: 'query', sort: 'newest' });
      expect(articleQuery(query({ tags: [], sort: 'oldest' }))?.filter).toEqual({
        kind: 'query',
        sort: 'oldest',
      });
    });

    it('should keep an empty tag name as a name (it matches no article)', () => {
      expect(articleQuery(query({ tags: ['  '] }))?.filter.tags).toEqual({ names: [''], match: 'any' });
    });
  });

  describe('favorited and date ranges', () => {
    it('should keep favorited with the other filters', () => {
      expect(articleQuery(query({ favorited: 'jane', sort: 'favorites' }))?.filter).toEqual({
        kind: 'query',
        sort: 'favorites',
        favorited: 'jane',
      });
    });

    it('should keep an empty favorited as given (article-query.sql.spec.ts: its SQL then drops it, a bug)', () => {
      expect(articleQuery(query({ favorited: '', sort: 'newest' }))?.filter).toEqual({
        kind: 'query',
        sort: 'newest',
        favorited: '',
      });
    });

    it('should give each range its ends as Dates, from text or from Dates (the pipe gives Dates)', () => {
      const filter = articleQuery(
        query({
          createdFrom: '2026-01-01T00:00:00Z',
          createdTo: new Date('2026-02-01T12:30:00.250Z') as unknown as string,
          updatedFrom: '2026-03-01T00:00:00.000+02:00',
        }),
      )?.filter;
      expect(filter).toEqual({
        kind: 'query',
        sort: 'newest',
        created: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T12:30:00.250Z') },
        updated: { from: new Date('2026-02-28T22:00:00.000Z') },
      });
      expect(filter?.created?.from).toBeInstanceOf(Date);
      expect(filter?.created?.to).toBeInstanceOf(Date);
      expect(filter?.updated).not.toHaveProperty('to');
    });

    it('should give an open-ended range only its given end', () => {
      const filter = articleQuery(
        query({ createdTo: '2026-01-01T00:00:00Z', updatedTo: '2026-05-01T00:00:00Z' }),
      )?.filter;
      expect(filter?.created).toEqual({ to: new Date('2026-01-01T00:00:00Z') });
      expect(filter?.created).not.toHaveProperty('from');
      expect(filter?.updated).toEqual({ to: new Date('2026-05-01T00:00:00Z') });
    });

    it('should copy a Date rather than share it', () => {
      const from = new Date('2026-01-01T00:00:00Z');
      const created = articleQuery(query({ createdFrom: from as unknown as string }))?.filter.created;
      expect(created?.from).toEqual(from);
      expect(created?.from).not.toBe(from);
    });
  });

  describe('text and sort', () => {
    it('should search q as parseSearchQuery reads it, most relevant first by default', () => {
      expect(articleQuery(query({ q: 'Dragon -"sea serpent" train*' }))?.filter).toEqual({
        kind: 'query',
        sort: 'relevance',
        text: parseSearchQuery('Dragon -"sea serpent" train*'),
      });
      expect(articleQuery(query({ q: 'Dragons' }))?.filter.text).toEqual({
        terms: [{ words: ['dragons'], prefix: false, excluded: false, text: 'dragons' }],
      });
    });

    it('should keep a q without an indexed word as a null text (nothing matches), still sorted by relevance', () => {
      for (const q of ['the of', 'an', '-dragons', '  ', '']) {
        expect(articleQuery(query({ q }))?.filter).toEqual({ kind: 'query', sort: 'relevance', text: null });
      }
    });

    it('should sort newest by default without q', () => {
      expect(articleQuery(query({ tags: ['a'] }))?.filter.sort).toBe('newest');
    });

    it.each(ARTICLE_SORTS)('should take sort=%s with q', (sort) => {
      expect(articleQuery(query({ q: 'dragons', sort }))?.filter).toEqual({
        kind: 'query',
        sort,
        text: parseSearchQuery('dragons'),
      });
    });

    it.each(ARTICLE_SORTS.filter((sort) => sort !== 'relevance'))('should take sort=%s without q', (sort) => {
      expect(articleQuery(query({ sort }))?.filter).toEqual({ kind: 'query', sort });
    });

    it('should refuse sort=relevance without q', () => {
      expect(errorsOf({ sort: 'relevance' })).toEqual({ sort: ['relevance needs a search (q)'] });
      expect(errorsOf({ sort: 'relevance', tags: ['a'], author: 'jake,jane' })).toEqual({
        sort: ['relevance needs a search (q)'],
      });
    });
  });

  describe('cursor', () => {
    it('should ask for cursors with an empty cursor, starting at the beginning', () => {
      expect(articleQuery(query({ cursor: '' }))).toEqual({
        filter: { kind: 'query', sort: 'newest' },
        start: undefined,
        cursor: true,
      });
    });

    it('should not ask for cursors without one', () => {
      expect(articleQuery(query({ tags: ['a'] }))).toMatchObject({ start: undefined, cursor: false });
    });

    it('should start after the cursor of a previous page', () => {
      const cursor = encodeCursor('newest', { id: 7, sortKey: '2026-11-30 10:00:00.123' }, 20);
      expect(articleQuery(query({ cursor }))).toEqual({
        filter: { kind: 'query', sort: 'newest' },
        start: { key: '2026-11-30T10:00:00.123Z', id: 7 },
        cursor: true,
      });
    });

    it('should refuse a cursor with an offset, even an empty one', () => {
      const message = { cursor: ['cannot be combined with offset'] };
      expect(errorsOf({ cursor: '', offset: 20 })).toEqual(message);
      expect(
        errorsOf({ cursor: forged({ s: 'newest', k: '2026-01-01T00:00:00.000Z', i: 1 }), offset: 1 }),
      ).toEqual(message);
      expect(articleQuery(query({ cursor: '', offset: 0 }))?.cursor).toBe(true);
    });

    it('should check relevance before the cursor, and the cursor with offset before decoding it', () => {
      expect(errorsOf({ sort: 'relevance', cursor: 'garbage', offset: 5 })).toEqual({
        sort: ['relevance needs a search (q)'],
      });
      expect(errorsOf({ cursor: 'garbage', offset: 5 })).toEqual({
        cursor: ['cannot be combined with offset'],
      });
    });

    it('should check the authors before everything else', () => {
      expect(errorsOf({ author: 'a,,b', sort: 'relevance', cursor: 'x', offset: 1 })).toEqual(
        AUTHORS_MESSAGE,
      );
    });
  });

  it('should combine every filter', () => {
    expect(
      articleQuery(
        query({
          author: 'jake,jane',
          tags: ['Dragons', 'training'],
          tagMatch: 'all',
          favorited: 'bob',
          createdFrom: '2026-01-01T00:00:00Z',
          updatedTo: '2026-06-01T00:00:00Z',
          q: 'fire',
          sort: 'favorites',
          cursor: '',
          limit: 5,
        }),
      ),
    ).toEqual({
      filter: {
        kind: 'query',
        sort: 'favorites',
        authors: ['jake', 'jane'],
        tags: { names: ['dragons', 'training'], match: 'all' },
        favorited: 'bob',
        created: { from: new Date('2026-01-01T00:00:00Z') },
        updated: { to: new Date('2026-06-01T00:00:00Z') },
        text: parseSearchQuery('fire'),
      },
      start: undefined,
      cursor: true,
    });
  });
});

describe('encodeCursor and its decoding', () => {
  it.each<[ArticleSort, string]>([
    ['newest', 'listed_at'],
    ['oldest', 'listed_at'],
    ['updated', 'updated_at'],
  ])('should carry a %s key (%s) as ISO time, from a mysql2 Date or from SQLite text', (sort) => {
    const fromMysql = encodeCursor(sort, { id: 42, sortKey: new Date('2026-11-30T10:00:00.123Z') }, 99);
    const fromSqlite = encodeCursor(sort, { id: 42, sortKey: '2026-11-30 10:00:00.123' }, 99);
    expect(fromSqlite).toBe(fromMysql);
    expect(decoded(fromMysql)).toEqual({ s: sort, k: '2026-11-30T10:00:00.123Z', i: 42 });
    expect(fromMysql).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(startOf(sort, fromMysql)).toEqual({ key: '2026-11-30T10:00:00.123Z', id: 42 });
  });

  it('should keep the milliseconds and midnight of a time key', () => {
    const cursor = encodeCursor('newest', { id: 1, sortKey: '1999-12-31 00:00:00.000' }, 0);
    expect(startOf('newest', cursor)).toEqual({ key: '1999-12-31T00:00:00.000Z', id: 1 });
  });

  it('should carry a favorites key as a count (the drivers may give it as text), and an id given as text', () => {
    for (const sortKey of [17, '17']) {
      const cursor = encodeCursor('favorites', { id: '8' as unknown as number, sortKey }, 3);
      expect(decoded(cursor)).toEqual({ s: 'favorites', k: 17, i: 8 });
      expect(startOf('favorites', cursor)).toEqual({ key: 17, id: 8 });
    }
    expect(startOf('favorites', encodeCursor('favorites', { id: 1, sortKey: 0 }, 0))).toEqual({
      key: 0,
      id: 1,
    });
  });

  it('should carry relevance as the position reached (its key is not stable)', () => {
    const cursor = encodeCursor('relevance', { id: 5, sortKey: 12.5 }, 40);
    expect(decoded(cursor)).toEqual({ s: 'relevance', p: 40 });
    expect(startOf('relevance', cursor)).toEqual({ position: 40 });
    expect(startOf('relevance', encodeCursor('relevance', { id: 5, sortKey: 0 }, 0))).toEqual({
      position: 0,
    });
  });

  it('should read a relevance cursor under any q', () => {
    const cursor = encodeCursor('relevance', { id: 5, sortKey: 1 }, 20);
    expect(articleQuery(query({ q: 'other words', cursor }))?.start).toEqual({ position: 20 });
  });

  describe('rejects', () => {
    const newest = (state: unknown): unknown => errorsOf({ sort: 'newest', cursor: forged(state) });

    it.each([
      ['garbage', 'not a cursor'],
      ['non-base64 characters', '!!!@@@###'],
      ['base64 of text that is not JSON', Buffer.from('hello').toString('base64url')],
      ['base64 of truncated JSON', Buffer.from('{"s":"newest"').toString('base64url')],
      ['a single character', 'e'],
    ])('%s', (_name, cursor) => {
      expect(errorsOf({ cursor })).toEqual(INVALID_CURSOR);
    });

    it.each<[string, unknown]>([
      ['JSON null', null],
      ['a JSON number', 5],
      ['a JSON string', 'newest'],
      ['a JSON array', ['newest', '2026-01-01T00:00:00.000Z', 1]],
      ['an empty object', {}],
      ['no sort', { k: '2026-01-01T00:00:00.000Z', i: 1 }],
      ['no key', { s: 'newest', i: 1 }],
      ['no id', { s: 'newest', k: '2026-01-01T00:00:00.000Z' }],
      ['a key that is not a date', { s: 'newest', k: 'yesterday', i: 1 }],
      ['an impossible date', { s: 'newest', k: '2026-13-45T99:00:00.000Z', i: 1 }],
      ['a number as a time key', { s: 'newest', k: 1767225600000, i: 1 }],
      ['a negative id', { s: 'newest', k: '2026-01-01T00:00:00.000Z', i: -1 }],
      ['a fractional id', { s: 'newest', k: '2026-01-01T00:00:00.000Z', i: 1.5 }],
      ['an id as text', { s: 'newest', k: '2026-01-01T00:00:00.000Z', i: '1' }],
      ['an unsafe id', { s: 'newest', k: '2026-01-01T00:00:00.000Z', i: 2 ** 53 }],
      ['a position instead of a key', { s: 'newest', p: 20 }],
    ])('a newest cursor with %s', (_name, state) => {
      expect(newest(state)).toEqual(INVALID_CURSOR);
    });

    it.each<[string, unknown]>([
      ['a time as key', { s: 'favorites', k: '2026-01-01T00:00:00.000Z', i: 1 }],
      ['a count as text', { s: 'favorites', k: '3', i: 1 }],
      ['a negative count', { s: 'favorites', k: -1, i: 1 }],
      ['a fractional count', { s: 'favorites', k: 1.5, i: 1 }],
      ['a negative id', { s: 'favorites', k: 3, i: -2 }],
    ])('a favorites cursor with %s', (_name, state) => {
      expect(errorsOf({ sort: 'favorites', cursor: forged(state) })).toEqual(INVALID_CURSOR);
    });

    it.each<[string, unknown]>([
      ['no position', { s: 'relevance' }],
      ['a negative position', { s: 'relevance', p: -20 }],
      ['a fractional position', { s: 'relevance', p: 2.5 }],
      ['a position as text', { s: 'relevance', p: '20' }],
      ['a key instead', { s: 'relevance', k: 3, i: 1 }],
    ])('a relevance cursor with %s', (_name, state) => {
      expect(errorsOf({ q: 'dragons', cursor: forged(state) })).toEqual(INVALID_CURSOR);
    });

    const samples: Record<ArticleSort, string> = {
      newest: encodeCursor('newest', { id: 1, sortKey: '2026-01-01 00:00:00.000' }, 1),
      oldest: encodeCursor('oldest', { id: 1, sortKey: '2026-01-01 00:00:00.000' }, 1),
      updated: encodeCursor('updated', { id: 1, sortKey: '2026-01-01 00:00:00.000' }, 1),
      favorites: encodeCursor('favorites', { id: 1, sortKey: 3 }, 1),
      relevance: encodeCursor('relevance', { id: 1, sortKey: 3 }, 1),
    };
    const crossed = ARTICLE_SORTS.flatMap((from) =>
      ARTICLE_SORTS.filter((to) => to !== from).map((to) => [from, to] as const),
    );

    it.each(crossed)('a %s cursor in a %s list', (from, to) => {
      expect(errorsOf({ sort: to, q: 'dragons', cursor: samples[from] })).toEqual(INVALID_CURSOR);
    });

    it('a newest cursor in a list sorted newest by default is read, in one sorted by relevance by default is not', () => {
      expect(articleQuery(query({ cursor: samples.newest }))?.start).toEqual({
        key: '2026-01-01T00:00:00.000Z',
        id: 1,
      });
      expect(errorsOf({ q: 'dragons', cursor: samples.newest })).toEqual(INVALID_CURSOR);
    });
  });
});
