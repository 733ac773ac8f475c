import type { Sql } from '../../database/sql';
import { parseSearchQuery, toBooleanMode, toFts5, type SearchQuery } from './search-text';
import { indexRowSql, relevanceSql, TITLE_WEIGHT } from './search.sql';

const parsed = (q: string): SearchQuery => {
  const query = parseSearchQuery(q);
  if (query === null) throw new Error(`${JSON.stringify(q)} parsed to null`);
  return query;
};

const ENGINES = ['innodb', 'fts5'] as const;

const placeholders = (text: string): number => text.split('?').length - 1;

/** The parameter each `?` of `sql` takes, with the text just before it (to tell which placeholder is which). */
const bound = ({ text, params }: Sql): { before: string; param: unknown }[] =>
  text
    .split('?')
    .slice(0, -1)
    .map((part, i) => ({ before: part.replace(/\s+/g, ' ').trimEnd(), param: params[i] }));

/** How a page query puts the fragments together (article-query.sql.ts): relevance, then match, then conditions. */
const composed = (query: SearchQuery, engine: (typeof ENGINES)[number], conditions: Sql): Sql => {
  const { from, match, relevance } = relevanceSql(query, engine);
  return {
    text: `SELECT a.id AS id, ${relevance.text} AS sort_at FROM ${from} WHERE ${match.text} AND ${conditions.text}`,
    params: [...relevance.params, ...match.params, ...conditions.params],
  };
};

const CONDITIONS: Sql = {
  text: 'a.author_id = ? AND a.listed_at IS NOT NULL AND a.id IN (?, ?)',
  params: [7, 1, 2],
};

const QUERIES = ['dragon', 'train "your dragon" -cat drag*', '東京都 -"no way" tower', 'a dragon -the -cat'];

describe('relevanceSql', () => {
  const query = parsed('train "your dragon" -cat drag*');

  it(`weighs the title ${TITLE_WEIGHT} times`, () => {
    expect(TITLE_WEIGHT).toBe(3);
  });

  describe('on InnoDB', () => {
    const sql = relevanceSql(query, 'innodb');
    const all = toBooleanMode(query);
    const anyWord = toBooleanMode(query, { anyWord: true });

    it('joins the index to its article by article_id', () => {
      expect(sql.from).toBe('article_search s INNER JOIN articles a ON a.id = s.article_id');
    });

    it('matches all the wanted words (and none excluded) over title and text', () => {
      expect(all).toBe('+train +"your dragon" -cat +drag*');
      expect(sql.match).toEqual({
        text: 'MATCH(s.title_terms, s.body_terms) AGAINST (? IN BOOLEAN MODE)',
        params: [all],
      });
    });

    it('scores TITLE_WEIGHT times any word in the title plus all the words in title and text, in parentheses', () => {
      expect(anyWord).toBe('train "your dragon" drag*');
      expect(sql.relevance).toEqual({
        text:
          '(3 * MATCH(s.title_terms) AGAINST (? IN BOOLEAN MODE) + ' +
          'MATCH(s.title_terms, s.body_terms) AGAINST (? IN BOOLEAN MODE))',
        params: [anyWord, all],
      });
    });

    it('binds the any-word query to the title match and the all-words one to title and text', () => {
      const [title, both] = bound(sql.relevance);
      expect(title).toEqual({ before: '(3 * MATCH(s.title_terms) AGAINST (', param: anyWord });
      expect(both).toEqual({
        before: expect.stringMatching(/\+ MATCH\(s\.title_terms, s\.body_terms\) AGAINST \($/),
        param: all,
      });
    });
  });

  describe('on FTS5', () => {
    const sql = relevanceSql(query, 'fts5');

    it('joins the index to its article by rowid', () => {
      expect(sql.from).toBe('article_search s INNER JOIN articles a ON a.id = s.rowid');
    });

    it('matches the FTS5 query, every string quoted', () => {
      expect(toFts5(query)).toBe('"train" AND "your dragon" AND "drag"* NOT "cat"');
      expect(sql.match).toEqual({ text: 's.article_search MATCH ?', params: [toFts5(query)] });
    });

    it('scores by BM25 with the title column weighted TITLE_WEIGHT, negated (higher is better), with no parameter', () => {
      expect(sql.relevance).toEqual({ text: '-bm25(article_search, 3.0, 1.0)', params: [] });
    });
  });

  describe.each(ENGINES)('on %s', (engine) => {
    it('has as many parameters as placeholders in each fragment, the from clause none', () => {
      for (const q of QUERIES) {
        const { from, match, relevance } = relevanceSql(parsed(q), engine);
        expect(placeholders(from)).toBe(0);
        expect(placeholders(match.text)).toBe(match.params.length);
        expect(placeholders(relevance.text)).toBe(relevance.params.length);
      }
    });

    it('composes into a statement whose parameters follow its placeholders, conditions last', () => {
      for (const q of QUERIES) {
        const sql = composed(parsed(q), engine, CONDITIONS);
        expect(placeholders(sql.text)).toBe(sql.params.length);
        expect(sql.params.slice(-CONDITIONS.params.length)).toEqual(CONDITIONS.params);
        const matchAt = bound(sql).findIndex(({ before }) => / WHERE .*(MATCH|AGAINST \()$/.test(before));
        expect(sql.params[matchAt]).toBe(relevanceSql(parsed(q), engine).match.params[0]);
      }
    });

    it('puts no text of the user in the statement, only in the parameters', () => {
      const { from, match, relevance } = relevanceSql(
        parsed("dragon' OR 1=1 -- ; DROP TABLE articles"),
        engine,
      );
      for (const text of [from, match.text, relevance.text]) {
        expect(text).not.toMatch(/dragon|drop|table/i);
      }
      expect([...match.params, ...relevance.params].every((p) => typeof p === 'string')).toBe(true);
      expect(match.params.join(' ')).toContain('dragon');
    });

    it('reads from the index as s and the article as a', () => {
      expect(relevanceSql(query, engine).from).toMatch(
        /^article_search s INNER JOIN articles a ON a\.id = s\.\w+$/,
      );
    });
  });
});

describe('indexRowSql', () => {
  it('on InnoDB, deletes then inserts the row by article_id', () => {
    expect(indexRowSql(7, 'train dragon', 'believe dragon', 'innodb')).toEqual([
      { text: 'DELETE FROM article_search WHERE article_id = ?', params: [7] },
      {
        text: 'INSERT INTO article_search (article_id, title_terms, body_terms) VALUES (?, ?, ?)',
        params: [7, 'train dragon', 'believe dragon'],
      },
    ]);
  });

  it('on FTS5, deletes then inserts the row by rowid (the article id)', () => {
    expect(indexRowSql(7, 'train dragon', 'believe dragon', 'fts5')).toEqual([
      { text: 'DELETE FROM article_search WHERE rowid = ?', params: [7] },
      {
        text: 'INSERT INTO article_search (rowid, title_terms, body_terms) VALUES (?, ?, ?)',
        params: [7, 'train dragon', 'believe dragon'],
      },
    ]);
  });

  it.each(ENGINES)('on %s, has as many parameters as placeholders, empty terms included', (engine) => {
    for (const sql of indexRowSql(1, '', '', engine)) expect(placeholders(sql.text)).toBe(sql.params.length);
  });

  it.each(ENGINES)('on %s, passes the terms as parameters, never in the statement', (engine) => {
    const [remove, insert] = indexRowSql(3, "it's 'quoted'", 'a ? b', engine);
    expect(remove.params).toEqual([3]);
    expect(insert.params).toEqual([3, "it's 'quoted'", 'a ? b']);
    expect(insert.text).not.toContain('quoted');
  });
});
