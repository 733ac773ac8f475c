import { dialectOf, type Dialect } from '../../database/dialect';
import type { Sql } from '../../database/sql';
import { NO_VIEWER } from '../../users/follows.repository';
import { relevanceSql } from '../search/search.sql';
import { indexText, parseSearchQuery, toBooleanMode, toFts5, type SearchQuery } from '../search/search-text';
import { articleQuery, encodeCursor } from './article-query';
import {
  ARTICLE_SORTS,
  narrows,
  queryCountSql,
  queryIdsSql,
  queryPageSql,
  type ArticleSort,
  type PageStart,
  type QueryFilter,
} from './article-query.sql';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';

const MYSQL = dialectOf('mysql');
const SQLITE = dialectOf('sqlite');
const DIALECTS: [string, Dialect][] = [
  ['mysql', MYSQL],
  ['sqlite', SQLITE],
];

const text = (q: string): SearchQuery => parseSearchQuery(q)!;
const filterOf = (sort: ArticleSort, extra: Partial<QueryFilter> = {}): QueryFilter => ({
  kind: 'query',
  sort,
  ...extra,
});
/** The statement's text on one line, spaces collapsed, to compare fragments with. */
const flat = ({ text }: Sql): string => text.replace(/\s+/g, ' ').trim();
const marks = ({ text }: Sql): number => (text.match(/\?/g) ?? []).length;

const SORT_ORDER: Record<ArticleSort, string> = {
  newest: 'a.listed_at DESC, a.id DESC',
  oldest: 'a.listed_at ASC, a.id ASC',
  favorites: 'a.favorites_count DESC, a.id DESC',
  updated: 'a.updated_at DESC, a.id DESC',
  // Without text, relevance falls back to newest (articleQuery refuses it without q).
  relevance: 'a.listed_at DESC, a.id DESC',
};
const SORT_COLUMN: Record<ArticleSort, string> = {
  newest: 'a.listed_at',
  oldest: 'a.listed_at',
  favorites: 'a.favorites_count',
  updated: 'a.updated_at',
  relevance: 'a.listed_at',
};

const EVERY_CONDITION: Partial<QueryFilter> = {
  authors: ['jake', 'jane'],
  tags: { names: ['dragons', 'training', 'fire'], match: 'all' },
  favorited: 'bob',
  created: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00.5Z') },
  updated: { from: new Date('2026-03-01T12:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
};
const EVERY_CONDITION_PARAMS = [
  'jake',
  'jane',
  'dragons',
  'training',
  'fire',
  'dragons',
  'training',
  'fire',
  'bob',
  '2026-01-01 00:00:00.000',
  '2026-02-01 00:00:00.500',
  '2026-03-01 12:00:00.000',
  '2026-04-01 00:00:00.000',
];

describe('article query SQL', () => {
  describe('placeholders', () => {
    const filters: [string, Partial<QueryFilter>][] = [
      ['nothing', {}],
      ['authors', { authors: ['jake', 'jane', 'bob'] }],
      ['tags (any)', { tags: { names: ['a', 'b'], match: 'any' } }],
      ['tags (all)', { tags: { names: ['a', 'b', 'c'], match: 'all' } }],
      ['favorited', { favorited: 'jake' }],
      ['a created range', { created: { from: new Date(0), to: new Date(1e12) } }],
      ['an updated end', { updated: { to: new Date(1e12) } }],
      ['every condition', EVERY_CONDITION],
    ];
    const texts: [string, SearchQuery | null | undefined][] = [
      ['no text', undefined],
      ['a text', text('dragon -"sea serpent" train*')],
      ['a null text', null],
    ];
    const starts: [string, PageStart | undefined][] = [
      ['no start', undefined],
      ['a time key', { key: '2026-01-01T00:00:00.000Z', id: 4 }],
      ['a count key', { key: 7, id: 4 }],
      ['a position', { position: 40 }],
    ];
    const cases = DIALECTS.flatMap(([engine, dialect]) =>
      filters.flatMap(([filterName, extra]) =>
        texts.flatMap(([textName, search]) =>
          ARTICLE_SORTS.flatMap((sort) =>
            starts.map(([startName, start]) => ({
              name: `${engine}, ${filterName}, ${textName}, ${sort}, ${startName}`,
              dialect,
              filter: filterOf(sort, { ...extra, ...(search !== undefined && { text: search }) }),
              start,
            })),
          ),
        ),
      ),
    );

    it(`should give every statement as many parameters as it has ? (${cases.length} cases)`, () => {
      for (const { name, dialect, filter, start } of cases) {
        const statements: [string, Sql][] = [
          ['ids', queryIdsSql(filter, start, 20, dialect)],
          ['page (anonymous)', queryPageSql(filter, start, 20, NO_VIEWER, dialect)],
          ['page (signed in)', queryPageSql(filter, start, 20, 9, dialect)],
          ['count', queryCountSql(filter, dialect)],
        ];
        for (const [statement, sql] of statements)
          expect({ case: `${name}: ${statement}`, marks: marks(sql) }).toEqual({
            case: `${name}: ${statement}`,
            marks: sql.params.length,
          });
      }
    });
  });

  describe.each(DIALECTS)('on %s', (_engine, dialect) => {
    describe('conditions', () => {
      it('should list published articles only, with no other condition by default', () => {
        const sql = queryIdsSql(filterOf('newest'), undefined, 20, dialect);
        expect(flat(sql)).toBe(
          'SELECT a.id AS id, a.listed_at AS sort_at FROM articles a WHERE a.listed_at IS NOT NULL ' +
            'ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?',
        );
        expect(sql.params).toEqual([20, 0]);
        expect(queryCountSql(filterOf('newest'), dialect)).toEqual({
          text: 'SELECT COUNT(*) AS count FROM articles a WHERE a.listed_at IS NOT NULL',
          params: [],
        });
      });

      it('should take any of the authors by username', () => {
        const sql = queryIdsSql(filterOf('newest', { authors: ['jake', 'jane'] }), undefined, 5, dialect);
        expect(flat(sql)).toContain(
          'a.listed_at IS NOT NULL AND a.author_id IN (SELECT au.id FROM users au WHERE au.username IN (?, ?))',
        );
        expect(sql.params).toEqual(['jake', 'jane', 5, 0]);
      });

      it('should take articles with any of the tags', () => {
        const sql = queryIdsSql(
          filterOf('newest', { tags: { names: ['dragons', 'fire'], match: 'any' } }),
          undefined,
          5,
          dialect,
        );
        expect(flat(sql)).toContain(
          'a.id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id WHERE t.name IN (?, ?))',
        );
        expect(flat(sql)).not.toContain('HAVING');
        expect(sql.params).toEqual(['dragons', 'fire', 5, 0]);
      });

      it.each([1, 2, 3])('should take articles with all of %i tags (each name matched by a link)', (n) => {
        const names = ['dragons', 'fire', 'training'].slice(0, n);
        const sql = queryIdsSql(filterOf('newest', { tags: { names, match: 'all' } }), undefined, 5, dialect);
        const each = names.map(() => 'MAX(CASE WHEN t.name = ? THEN 1 ELSE 0 END) = 1').join(' AND ');
        expect(flat(sql)).toContain(
          `WHERE t.name IN (${names.map(() => '?').join(', ')}) GROUP BY l.article_id HAVING ${each})`,
        );
        expect(sql.params).toEqual([...names, ...names, 5, 0]);
      });

      it('should take the articles a username favorited', () => {
        const sql = queryIdsSql(filterOf('newest', { favorited: 'bob' }), undefined, 5, dialect);
        expect(flat(sql)).toContain(
          'a.id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = ?)',
        );
        expect(sql.params).toEqual(['bob', 5, 0]);
      });

      // As RealWorld's `favorited=` alone (article-pages.sql.ts): an empty username is a condition no user meets.
      it('should take an empty favorited username as a condition (no user has it), not as none', () => {
        const sql = queryIdsSql(filterOf('newest', { favorited: '' }), undefined, 5, dialect);
        expect(flat(sql)).toContain('WHERE fu.username = ?');
        expect(sql.params).toEqual(['', 5, 0]);
      });

      it('should bound the dates, from inclusive and to exclusive, as SQL timestamps', () => {
        const sql = queryIdsSql(
          filterOf('newest', {
            created: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T10:20:30.456Z') },
            updated: { from: new Date('2026-03-01T00:00:00+02:00') },
          }),
          undefined,
          5,
          dialect,
        );
        expect(flat(sql)).toContain(
          'a.listed_at IS NOT NULL AND a.created_at >= ? AND a.created_at < ? AND a.updated_at >= ?',
        );
        expect(flat(sql)).not.toContain('a.updated_at < ?');
        expect(sql.params).toEqual([
          '2026-01-01 00:00:00.000',
          '2026-02-01 10:20:30.456',
          '2026-02-28 22:00:00.000',
          5,
          0,
        ]);
      });

      it('should bound an open range at its one end', () => {
        const sql = queryCountSql(
          filterOf('newest', { updated: { to: new Date('2026-01-01T00:00:00Z') } }),
          dialect,
        );
        expect(sql).toEqual({
          text: 'SELECT COUNT(*) AS count FROM articles a WHERE a.listed_at IS NOT NULL AND a.updated_at < ?',
          params: ['2026-01-01 00:00:00.000'],
        });
      });

      it('should write every condition in the order of its parameters', () => {
        const sql = queryIdsSql(filterOf('newest', EVERY_CONDITION), undefined, 20, dialect);
        const text = flat(sql);
        const positions = [
          'a.listed_at IS NOT NULL',
          'au.username IN (?, ?)',
          't.name IN (?, ?, ?) GROUP BY l.article_id HAVING MAX(',
          'fu.username = ?',
          'a.created_at >= ?',
          'a.created_at < ?',
          'a.updated_at >= ?',
          'a.updated_at < ?',
          'ORDER BY',
        ].map((fragment) => text.indexOf(fragment));
        expect(positions.every((position) => position >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(sql.params).toEqual([...EVERY_CONDITION_PARAMS, 20, 0]);
        expect(queryCountSql(filterOf('oldest', EVERY_CONDITION), dialect)).toEqual({
          text: `SELECT COUNT(*) AS count FROM articles a WHERE ${sql.text.slice(
            sql.text.indexOf('a.listed_at IS NOT NULL'),
            sql.text.indexOf('\n      ORDER BY'),
          )}`,
          params: EVERY_CONDITION_PARAMS,
        });
      });
    });

    describe('sorts and starts', () => {
      it.each(ARTICLE_SORTS)('should read sort=%s down its column, with the id breaking ties', (sort) => {
        const sql = queryIdsSql(filterOf(sort), undefined, 10, dialect);
        expect(flat(sql)).toContain(`SELECT a.id AS id, ${SORT_COLUMN[sort]} AS sort_at FROM articles a`);
        expect(flat(sql)).toMatch(new RegExp(`ORDER BY ${SORT_ORDER[sort]} LIMIT \\? OFFSET \\?$`));
        expect(sql.params).toEqual([10, 0]);
      });

      it.each<[ArticleSort, string]>([
        ['newest', 'a.listed_at <= ? AND (a.listed_at < ? OR a.id < ?)'],
        ['oldest', 'a.listed_at >= ? AND (a.listed_at > ? OR a.id > ?)'],
        ['updated', 'a.updated_at <= ? AND (a.updated_at < ? OR a.id < ?)'],
      ])('should start a %s page strictly after a time key, as an SQL timestamp', (sort, keyset) => {
        const sql = queryIdsSql(filterOf(sort), { key: '2026-11-30T10:00:00.123Z', id: 42 }, 10, dialect);
        expect(flat(sql)).toContain(`WHERE a.listed_at IS NOT NULL AND ${keyset} ORDER BY`);
        expect(sql.params).toEqual(['2026-11-30 10:00:00.123', '2026-11-30 10:00:00.123', 42, 10, 0]);
      });

      it('should start a favorites page strictly after a count, kept a number', () => {
        const sql = queryIdsSql(filterOf('favorites'), { key: 17, id: 8 }, 10, dialect);
        expect(flat(sql)).toContain(
          'AND a.favorites_count <= ? AND (a.favorites_count < ? OR a.id < ?) ORDER BY a.favorites_count DESC',
        );
        expect(sql.params).toEqual([17, 17, 8, 10, 0]);
      });

      it('should put the keyset after the conditions, its parameters after theirs', () => {
        const sql = queryIdsSql(
          filterOf('oldest', EVERY_CONDITION),
          { key: '2026-01-15T00:00:00Z', id: 3 },
          2,
          dialect,
        );
        expect(flat(sql)).toContain(
          'a.updated_at < ? AND a.listed_at >= ? AND (a.listed_at > ? OR a.id > ?)',
        );
        expect(sql.params).toEqual([
          ...EVERY_CONDITION_PARAMS,
          '2026-01-15 00:00:00.000',
          '2026-01-15 00:00:00.000',
          3,
          2,
          0,
        ]);
      });

      it('should skip to a position with OFFSET, without a keyset', () => {
        const sql = queryIdsSql(filterOf('favorites'), { position: 60 }, 20, dialect);
        expect(flat(sql)).not.toContain('a.id <');
        expect(flat(sql)).toMatch(/LIMIT \? OFFSET \?$/);
        expect(sql.params).toEqual([20, 60]);
      });
    });

    describe('text', () => {
      const search = text('dragon -"sea serpent" train*');
      const full = relevanceSql(search, dialect.fullText);

      it('should match nothing for a null text, without asking the index', () => {
        for (const sort of ARTICLE_SORTS) {
          const filter = filterOf(sort, { ...EVERY_CONDITION, text: null });
          expect(queryIdsSql(filter, { key: 1, id: 1 }, 20, dialect)).toEqual({
            text: 'SELECT id, id AS sort_at FROM articles WHERE 1 = 0',
            params: [],
          });
          expect(queryCountSql(filter, dialect)).toEqual({ text: 'SELECT 0 AS count', params: [] });
          const page = queryPageSql(filter, undefined, 20, NO_VIEWER, dialect);
          expect(flat(page)).toContain('FROM (SELECT id, id AS sort_at FROM articles WHERE 1 = 0) page');
          expect(page.params).toEqual([]);
        }
      });

      it('should order the full-text matches by relevance, most relevant first', () => {
        const sql = queryIdsSql(filterOf('relevance', { text: search }), undefined, 20, dialect);
        expect(flat(sql)).toBe(
          'SELECT id, sort_at, total FROM (SELECT id, sort_at, COUNT(*) OVER () AS total FROM (' +
            `SELECT a.id AS id, ${full.relevance.text} AS sort_at FROM ${full.from} ` +
            `WHERE ${full.match.text} AND a.listed_at IS NOT NULL) scored) matches ORDER BY sort_at DESC, id DESC LIMIT ? OFFSET ?`,
        );
        expect(sql.params).toEqual([...full.relevance.params, ...full.match.params, 20, 0]);
      });

      it('should search the index of its engine', () => {
        const sql = queryIdsSql(filterOf('relevance', { text: search }), undefined, 20, dialect);
        if (dialect.fullText === 'fts5') {
          expect(flat(sql)).toContain('-bm25(article_search, 3.0, 1.0) AS sort_at');
          expect(flat(sql)).toContain('FROM article_search s INNER JOIN articles a ON a.id = s.rowid');
          expect(flat(sql)).toContain('WHERE s.article_search MATCH ?');
          expect(sql.params).toEqual([toFts5(search), 20, 0]);
        } else {
          expect(flat(sql)).toContain('FROM article_search s INNER JOIN articles a ON a.id = s.article_id');
          expect(flat(sql)).toContain('MATCH(s.title_terms, s.body_terms) AGAINST (? IN BOOLEAN MODE)');
          expect(sql.params).toEqual([
            toBooleanMode(search, { anyWord: true }),
            toBooleanMode(search),
            toBooleanMode(search),
            20,
            0,
          ]);
        }
      });

      it('should page a relevance search by position', () => {
        const sql = queryIdsSql(filterOf('relevance', { text: search }), { position: 40 }, 20, dialect);
        expect(flat(sql)).toContain(') matches ORDER BY sort_at DESC');
        expect(sql.params.slice(-2)).toEqual([20, 40]);
      });

      it.each(ARTICLE_SORTS.filter((sort) => sort !== 'relevance'))(
        'should sort the matches by the sort=%s column instead of relevance',
        (sort) => {
          const sql = queryIdsSql(filterOf(sort, { text: search }), undefined, 20, dialect);
          const direction = sort === 'oldest' ? 'ASC' : 'DESC';
          expect(flat(sql)).toContain(`SELECT a.id AS id, ${SORT_COLUMN[sort]} AS sort_at FROM ${full.from}`);
          expect(flat(sql)).not.toContain('bm25');
          expect(flat(sql)).toContain(`ORDER BY sort_at ${direction}, id ${direction} LIMIT ? OFFSET ?`);
          expect(sql.params).toEqual([...full.match.params, 20, 0]);
        },
      );

      it.each<[ArticleSort, string | number, unknown, string]>([
        ['newest', '2026-01-01T00:00:00.000Z', '2026-01-01 00:00:00.000', '<'],
        ['oldest', '2026-01-01T00:00:00.000Z', '2026-01-01 00:00:00.000', '>'],
        ['updated', '2026-01-01T00:00:00.000Z', '2026-01-01 00:00:00.000', '<'],
        ['favorites', 3, 3, '<'],
      ])('should start a %s search after its keyset, on the matches', (sort, key, sqlKey, past) => {
        const sql = queryIdsSql(
          filterOf(sort, { text: search, ...EVERY_CONDITION }),
          { key, id: 9 },
          20,
          dialect,
        );
        expect(flat(sql)).toContain(
          `) matches WHERE sort_at ${past}= ? AND (sort_at ${past} ? OR id ${past} ?) ORDER BY`,
        );
        expect(sql.params).toEqual([
          ...full.match.params,
          ...EVERY_CONDITION_PARAMS,
          sqlKey,
          sqlKey,
          9,
          20,
          0,
        ]);
      });

      it('should count the matches with the conditions', () => {
        expect(queryCountSql(filterOf('newest', { text: search, authors: ['jake'] }), dialect)).toEqual({
          text:
            `SELECT COUNT(*) AS count FROM ${full.from} WHERE ${full.match.text} AND a.listed_at IS NOT NULL ` +
            'AND a.author_id IN (SELECT au.id FROM users au WHERE au.username IN (?))',
          params: [...full.match.params, 'jake'],
        });
      });
    });

    describe('page', () => {
      it('should join the page of ids to the rows, in the same order, with their sort key', () => {
        for (const sort of ARTICLE_SORTS) {
          const ids = queryIdsSql(filterOf(sort), { position: 3 }, 7, dialect);
          const page = queryPageSql(filterOf(sort), { position: 3 }, 7, NO_VIEWER, dialect);
          const direction = sort === 'oldest' ? 'ASC' : 'DESC';
          expect(page.text).toContain(`FROM (${ids.text}) page`);
          expect(flat(page)).toContain(', page.sort_at AS sortKey FROM (');
          expect(flat(page)).toMatch(
            new RegExp(
              `\\) page INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id ` +
                `ORDER BY page.sort_at ${direction}, page.id ${direction}$`,
            ),
          );
          expect(page.params).toEqual(ids.params);
        }
      });

      it("should put the viewer's parameters (favorited, following) before the page's", () => {
        const filter = filterOf('newest', { authors: ['jake'], text: text('dragon') });
        const ids = queryIdsSql(filter, undefined, 20, dialect);
        const page = queryPageSql(filter, undefined, 20, 9, dialect);
        expect(page.params).toEqual([9, 9, ...ids.params]);
        expect(flat(page)).toContain('vfa.user_id = ?');
        expect(flat(page)).toContain('vf.follower_id = ?');
        expect(flat(page).indexOf('vf.follower_id = ?')).toBeLessThan(flat(page).indexOf('FROM (SELECT'));
      });
    });
  });

  describe('narrows', () => {
    it('should not narrow with only a sort', () => {
      for (const sort of ARTICLE_SORTS) expect(narrows(filterOf(sort))).toBe(false);
    });

    it.each<[string, Partial<QueryFilter>]>([
      ['authors', { authors: ['jake'] }],
      ['tags', { tags: { names: ['a'], match: 'any' } }],
      ['favorited', { favorited: 'jake' }],
      ['an empty favorited', { favorited: '' }],
      ['a created range', { created: { from: new Date(0) } }],
      ['an updated range', { updated: { to: new Date(0) } }],
      ['a text', { text: text('dragon') }],
      ['a null text (nothing matches)', { text: null }],
    ])('should narrow with %s', (_name, extra) => {
      expect(narrows(filterOf('newest', extra))).toBe(true);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The statements run against an in-memory SQLite database with the columns they read.

interface Statement {
  all(params: unknown[]): unknown[];
  run(params: unknown[]): unknown;
}
interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}
// better-sqlite3 ships no types; the driver the application reaches through TypeORM, used here directly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BetterSqlite3 = require('better-sqlite3') as new (file: string) => SqliteDatabase;

interface PageRow {
  id: number;
  slug: string;
  title: string;
  authorUsername: string;
  authorBio: string | null;
  tagNames: string | null;
  favoritesCount: number;
  favorited: number;
  following: number;
  /** A search's total of matches. */
  articlesCount?: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  status: string;
  sortKey: string | number;
}

const USERS = [
  { id: 1, username: 'jake' },
  { id: 2, username: 'jane' },
  { id: 3, username: 'bob' },
];
const TAGS = [
  { id: 1, name: 'dragons' },
  { id: 2, name: 'training' },
  { id: 3, name: 'fire' },
];

/**
 * Listed articles 1-4, 6, 7 with ties on every sort key (2 and 3 published together, 6 and 7 too; 1 and 3 as
 * favorited, 2 and 7 too; 1 and 6 changed together); 5 is a draft (listed_at NULL) that matches everything.
 */
const ARTICLES = [
  {
    id: 1,
    author: 1,
    listed: '2026-01-01 10:00:00.000',
    updated: '2026-03-01 00:00:00.000',
    favorites: 5,
    tags: ['dragons', 'training'],
    title: 'How to train your dragon',
    body: 'Patience and fish.',
  },
  {
    id: 2,
    author: 2,
    listed: '2026-01-02 10:00:00.000',
    updated: '2026-01-02 10:00:00.000',
    favorites: 2,
    tags: ['dragons'],
    title: 'Dragon fire',
    body: 'A dragon breathes fire.',
  },
  {
    id: 3,
    author: 3,
    listed: '2026-01-02 10:00:00.000',
    updated: '2026-02-15 08:30:00.250',
    favorites: 5,
    tags: ['training'],
    title: 'Training knights',
    body: 'Knights, horses, swords and the occasional dragon in a long story about castles and kings.',
  },
  {
    id: 4,
    author: 1,
    listed: '2026-01-03 10:00:00.000',
    updated: '2026-01-03 10:00:00.000',
    favorites: 0,
    tags: [],
    title: 'Sea serpents',
    body: 'Nothing about the other beasts.',
  },
  {
    id: 5,
    author: 2,
    listed: null,
    updated: '2026-03-05 00:00:00.000',
    favorites: 9,
    tags: ['dragons', 'training', 'fire'],
    title: 'Draft dragon training fire',
    body: 'Dragon dragon dragon.',
  },
  {
    id: 6,
    author: 3,
    listed: '2026-01-05 10:00:00.000',
    updated: '2026-03-01 00:00:00.000',
    favorites: 1,
    tags: ['fire', 'dragons', 'training'],
    title: 'Campfire songs',
    body: 'Songs for the evening.',
  },
  {
    id: 7,
    author: 1,
    listed: '2026-01-05 10:00:00.000',
    updated: '2026-01-06 00:00:00.000',
    favorites: 2,
    tags: ['training', 'dragons'],
    title: 'Dragon training, part two',
    body: 'More training.',
  },
];
/** jane favorited 1 and 3, bob 1; jane follows jake. */
const FAVORITES = [
  [2, 1],
  [2, 3],
  [3, 1],
];
const FOLLOWS = [[2, 1]];

/** The listed articles' ids in each sort's order. */
const ORDERS: Record<Exclude<ArticleSort, 'relevance'>, number[]> = {
  newest: [7, 6, 4, 3, 2, 1],
  oldest: [1, 2, 3, 4, 6, 7],
  favorites: [3, 1, 7, 2, 6, 4],
  updated: [6, 1, 3, 7, 4, 2],
};
const KEYSET_SORTS = ['newest', 'oldest', 'favorites', 'updated'] as const;

describe('article query SQL on SQLite', () => {
  let db: SqliteDatabase;

  beforeAll(() => {
    db = new BetterSqlite3(':memory:');
    db.exec(`
      CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, bio TEXT, image TEXT);
      CREATE TABLE articles (
        id INTEGER PRIMARY KEY, slug TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
        author_id INTEGER NOT NULL REFERENCES users (id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        status TEXT NOT NULL, published_at TEXT, publish_at TEXT, unpublish_at TEXT, listed_at TEXT,
        favorites_count INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE article_tags (article_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, position INTEGER NOT NULL,
        listed_at TEXT, PRIMARY KEY (article_id, tag_id));
      CREATE TABLE favorites (user_id INTEGER NOT NULL, article_id INTEGER NOT NULL, PRIMARY KEY (user_id, article_id));
      CREATE TABLE follows (follower_id INTEGER NOT NULL, following_id INTEGER NOT NULL,
        PRIMARY KEY (follower_id, following_id));
      CREATE VIRTUAL TABLE article_search USING fts5(title_terms, body_terms);
    `);
    const insertUser = db.prepare('INSERT INTO users (id, username, bio) VALUES (?, ?, ?)');
    for (const user of USERS) insertUser.run([user.id, user.username, `${user.username}'s bio`]);
    const insertTag = db.prepare('INSERT INTO tags (id, name) VALUES (?, ?)');
    for (const tag of TAGS) insertTag.run([tag.id, tag.name]);
    const insertArticle = db.prepare(
      `INSERT INTO articles (id, slug, title, description, author_id, created_at, updated_at, status, published_at,
         listed_at, favorites_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertLink = db.prepare(
      'INSERT INTO article_tags (article_id, tag_id, position, listed_at) VALUES (?, ?, ?, ?)',
    );
    const insertSearch = db.prepare(
      'INSERT INTO article_search (rowid, title_terms, body_terms) VALUES (?, ?, ?)',
    );
    for (const a of ARTICLES) {
      insertArticle.run([
        a.id,
        `article-${a.id}`,
        a.title,
        `About ${a.id}`,
        a.author,
        a.listed ?? '2026-01-04 00:00:00.000',
        a.updated,
        a.listed ? 'published' : 'draft',
        a.listed,
        a.listed,
        a.favorites,
      ]);
      a.tags.forEach((name, position) =>
        insertLink.run([a.id, TAGS.find((tag) => tag.name === name)!.id, position, a.listed]),
      );
      insertSearch.run([a.id, indexText(a.title), indexText(`About ${a.id}\n${a.body}`)]);
    }
    const insertFavorite = db.prepare('INSERT INTO favorites (user_id, article_id) VALUES (?, ?)');
    for (const favorite of FAVORITES) insertFavorite.run(favorite);
    const insertFollow = db.prepare('INSERT INTO follows (follower_id, following_id) VALUES (?, ?)');
    for (const follow of FOLLOWS) insertFollow.run(follow);
  });

  afterAll(() => db.close());

  const run = <T>({ text, params }: Sql): T[] => db.prepare(text).all(params) as T[];
  const page = (filter: QueryFilter, start?: PageStart, limit = 100, viewerId = NO_VIEWER): PageRow[] =>
    run<PageRow>(queryPageSql(filter, start, limit, viewerId, SQLITE));
  const ids = (filter: QueryFilter, start?: PageStart, limit = 100): number[] =>
    page(filter, start, limit).map((row) => row.id);
  const count = (filter: QueryFilter): number =>
    run<{ count: number }>(queryCountSql(filter, SQLITE))[0].count;
  const idsOnly = (filter: QueryFilter, start?: PageStart, limit = 100): number[] =>
    run<{ id: number }>(queryIdsSql(filter, start, limit, SQLITE)).map((row) => row.id);

  /** The start a client's next request gets from the page's last row, through the cursor it is handed. */
  const nextStart = (
    sort: ArticleSort,
    last: PageRow,
    position: number,
    q?: string,
  ): PageStart | undefined => {
    const cursor = encodeCursor(sort, last, position);
    const dto = Object.assign(new ListArticlesQueryDto(), { sort, cursor, ...(q !== undefined && { q }) });
    return articleQuery(dto)?.start;
  };

  /** Every page of `size` from the first, each started by the cursor of the one before. */
  function walk(filter: QueryFilter, size: number, q?: string): number[][] {
    const pages: number[][] = [];
    let start: PageStart | undefined;
    let position = 0;
    for (let guard = 0; guard < 20; guard++) {
      const rows = page(filter, start, size);
      if (rows.length === 0) return pages;
      pages.push(rows.map((row) => row.id));
      position += rows.length;
      start = nextStart(filter.sort, rows[rows.length - 1], position, q);
    }
    throw new Error('the walk does not end');
  }

  describe('sorts', () => {
    it.each(KEYSET_SORTS)('should list the published articles in the %s order, ties by id', (sort) => {
      expect(ids(filterOf(sort))).toEqual(ORDERS[sort]);
      expect(idsOnly(filterOf(sort))).toEqual(ORDERS[sort]);
      expect(count(filterOf(sort))).toBe(6);
    });

    it.each(KEYSET_SORTS)('should page sort=%s by limit and position', (sort) => {
      expect(ids(filterOf(sort), undefined, 2)).toEqual(ORDERS[sort].slice(0, 2));
      expect(ids(filterOf(sort), { position: 2 }, 3)).toEqual(ORDERS[sort].slice(2, 5));
      expect(ids(filterOf(sort), { position: 5 }, 3)).toEqual(ORDERS[sort].slice(5));
      expect(ids(filterOf(sort), { position: 6 }, 3)).toEqual([]);
    });

    it.each(KEYSET_SORTS)(
      'should walk sort=%s in pages of 2 by cursor, every article once, in order',
      (sort) => {
        const pages = walk(filterOf(sort), 2);
        expect(pages).toEqual([ORDERS[sort].slice(0, 2), ORDERS[sort].slice(2, 4), ORDERS[sort].slice(4, 6)]);
      },
    );

    it.each(KEYSET_SORTS)('should walk sort=%s in pages of 1 and of 4 the same way', (sort) => {
      expect(walk(filterOf(sort), 1).flat()).toEqual(ORDERS[sort]);
      expect(walk(filterOf(sort), 4)).toEqual([ORDERS[sort].slice(0, 4), ORDERS[sort].slice(4)]);
    });

    it('should start a keyset page between two articles of the same key, by id', () => {
      // 2 and 3 share their listed_at: after 3 (newest) comes 2, after 2 (oldest) comes 3.
      expect(ids(filterOf('newest'), { key: '2026-01-02T10:00:00.000Z', id: 3 })).toEqual([2, 1]);
      expect(ids(filterOf('oldest'), { key: '2026-01-02T10:00:00.000Z', id: 2 })).toEqual([3, 4, 6, 7]);
      expect(ids(filterOf('favorites'), { key: 5, id: 3 })).toEqual([1, 7, 2, 6, 4]);
    });

    it('should keep its place when an article is published before the cursor', () => {
      const first = page(filterOf('newest'), undefined, 2);
      db.prepare("UPDATE articles SET listed_at = '2026-02-01 00:00:00.000' WHERE id = 5").run([]);
      try {
        const next = nextStart('newest', first[1], 2);
        expect(ids(filterOf('newest'), next, 2)).toEqual([4, 3]);
        expect(ids(filterOf('newest'), { position: 2 }, 2)).toEqual([6, 4]);
      } finally {
        db.prepare('UPDATE articles SET listed_at = NULL WHERE id = 5').run([]);
      }
    });

    it('should give each row its sort key as the driver reads it, which encodeCursor takes', () => {
      const [newest] = page(filterOf('newest'), undefined, 1);
      expect(newest).toMatchObject({ id: 7, sortKey: '2026-01-05 10:00:00.000' });
      const [favorites] = page(filterOf('favorites'), undefined, 1);
      expect(favorites).toMatchObject({ id: 3, sortKey: 5 });
      const [updated] = page(filterOf('updated'), undefined, 1);
      expect(updated).toMatchObject({ id: 6, sortKey: '2026-03-01 00:00:00.000' });
    });
  });

  describe('the columns of a page', () => {
    it('should read the article, its author, its tags in order and the viewer fields', () => {
      const hex = (names: string[]): string =>
        names.map((name) => Buffer.from(name).toString('hex').toUpperCase()).join(',');
      const anonymous = page(filterOf('newest', { authors: ['jake'] }));
      expect(anonymous.map((row) => row.id)).toEqual([7, 4, 1]);
      expect(anonymous[0]).toMatchObject({
        slug: 'article-7',
        title: 'Dragon training, part two',
        authorUsername: 'jake',
        authorBio: "jake's bio",
        tagNames: hex(['training', 'dragons']),
        favoritesCount: 2,
        favorited: 0,
        following: 0,
        status: 'published',
        publishedAt: '2026-01-05 10:00:00.000',
      });
      expect(anonymous[1].tagNames).toBeNull();
      const jane = page(filterOf('newest', { authors: ['jake'] }), undefined, 100, 2);
      expect(jane.map((row) => [row.id, row.favorited, row.following])).toEqual([
        [7, 0, 1],
        [4, 0, 1],
        [1, 1, 1],
      ]);
    });
  });

  describe('conditions', () => {
    it.each<[string, Partial<QueryFilter>, number[]]>([
      ['several authors', { authors: ['jake', 'bob'] }, [7, 6, 4, 3, 1]],
      ['an unknown author among them', { authors: ['nobody', 'jane'] }, [2]],
      ['any of the tags', { tags: { names: ['dragons', 'training'], match: 'any' } }, [7, 6, 3, 2, 1]],
      ['all of the tags', { tags: { names: ['dragons', 'training'], match: 'all' } }, [7, 6, 1]],
      ['all of three tags', { tags: { names: ['dragons', 'training', 'fire'], match: 'all' } }, [6]],
      ['one tag', { tags: { names: ['fire'], match: 'all' } }, [6]],
      ['all of an unknown tag and a known one', { tags: { names: ['dragons', 'nope'], match: 'all' } }, []],
      ['any of an unknown tag and a known one', { tags: { names: ['fire', 'nope'], match: 'any' } }, [6]],
      ['favorited', { favorited: 'jane' }, [3, 1]],
      ['favorited by nobody known', { favorited: 'nobody' }, []],
      [
        'a created range (from inclusive, to exclusive)',
        { created: { from: new Date('2026-01-02T10:00:00Z'), to: new Date('2026-01-05T10:00:00Z') } },
        [4, 3, 2],
      ],
      ['an updated range', { updated: { from: new Date('2026-03-01T00:00:00Z') } }, [6, 1]],
      ['an updated end', { updated: { to: new Date('2026-01-03T10:00:00Z') } }, [2]],
      [
        'everything at once',
        {
          authors: ['jake', 'bob'],
          tags: { names: ['training', 'dragons'], match: 'all' },
          created: { to: new Date('2026-01-05T10:00:00.001Z') },
        },
        [7, 6, 1],
      ],
    ])('should take %s (and count them)', (_name, extra, expected) => {
      expect(ids(filterOf('newest', extra))).toEqual(expected);
      expect(count(filterOf('newest', extra))).toBe(expected.length);
      expect(ids(filterOf('oldest', extra))).toEqual([...expected].reverse());
    });

    it('should walk a filtered list by cursor', () => {
      const filter = filterOf('favorites', { tags: { names: ['dragons', 'training'], match: 'any' } });
      expect(walk(filter, 2)).toEqual([[3, 1], [7, 2], [6]]);
    });

    it('should list nothing for an empty favorited username', () => {
      expect(ids(filterOf('newest', { favorited: '' }))).toEqual([]);
      expect(count(filterOf('newest', { favorited: '' }))).toBe(0);
    });
  });

  describe('text', () => {
    it('should find the published articles with the word, title matches first', () => {
      const filter = filterOf('relevance', { text: text('dragon') });
      const found = page(filter);
      expect(found.map((row) => row.id).sort()).toEqual([1, 2, 3, 7]);
      // 3 has the word in its (long) body only; the title counts more.
      expect(found[found.length - 1].id).toBe(3);
      // Higher is more relevant: the sort keys go down.
      const keys = found.map((row) => row.sortKey as number);
      expect([...keys].sort((a, b) => b - a)).toEqual(keys);
      expect(count(filter)).toBe(4);
      // Every row carries the total of the matches, whatever the page.
      expect(page(filter, undefined, 2).map((row) => Number(row.articlesCount))).toEqual([4, 4]);
      expect(page(filter, { position: 3 }, 2).map((row) => Number(row.articlesCount))).toEqual([4]);
    });

    it('should leave out excluded words, and read prefixes and phrases', () => {
      expect(ids(filterOf('newest', { text: text('dragon -fire') }))).toEqual([7, 3, 1]);
      expect(ids(filterOf('newest', { text: text('train*') }))).toEqual([7, 3, 1]);
      expect(ids(filterOf('newest', { text: text('"train your dragon"') }))).toEqual([1]);
      expect(ids(filterOf('newest', { text: text('unicorn') }))).toEqual([]);
      expect(count(filterOf('newest', { text: text('unicorn') }))).toBe(0);
    });

    it('should combine the text with the conditions', () => {
      const filter = filterOf('newest', {
        text: text('dragon'),
        authors: ['jake', 'jane'],
        tags: { names: ['dragons'], match: 'all' },
      });
      expect(ids(filter)).toEqual([7, 2, 1]);
      expect(count(filter)).toBe(3);
    });

    it.each(KEYSET_SORTS)('should sort the matches by %s and walk them by cursor', (sort) => {
      const filter = filterOf(sort, { text: text('dragon') });
      const expected = ORDERS[sort].filter((id) => [1, 2, 3, 7].includes(id));
      expect(ids(filter)).toEqual(expected);
      expect(walk(filter, 2, 'dragon')).toEqual([expected.slice(0, 2), expected.slice(2)]);
    });

    it('should walk a relevance search by position, every match once', () => {
      const filter = filterOf('relevance', { text: text('dragon') });
      const all = ids(filter);
      expect(walk(filter, 2, 'dragon')).toEqual([all.slice(0, 2), all.slice(2)]);
      expect(walk(filter, 3, 'dragon').flat()).toEqual(all);
    });

    it('should find nothing for a null text', () => {
      const filter = filterOf('relevance', { text: null });
      expect(page(filter)).toEqual([]);
      expect(count(filter)).toBe(0);
    });
  });
});
