import { queryCountSql } from '../../src/content/articles/article-query.sql';
import { indexText, parseSearchQuery } from '../../src/content/search/search-text';
import { dialectOf } from '../../src/database/dialect';
import type { Row, Sink } from './sink';
import { BODY_SEPARATOR, placeCount, placeName, TITLE_ADJECTIVES, TITLE_NOUNS } from './text';

/**
 * article_search as Folio's migration creates it (src/database/migrations/1796105000000-AddArticleSearch.ts): on
 * SQLite an FTS5 table whose rowid is the article's id, on MySQL/MariaDB a table keyed by article_id under two
 * FULLTEXT indexes. Rows are what Folio's SearchIndex writes: indexText(title), indexText(description + body).
 */
export function searchColumns(engine: Sink['engine']): string[] {
  return [engine === 'sqlite' ? 'rowid' : 'article_id', 'title_terms', 'body_terms'];
}

/** Rows checked against indexText of the whole text before the cache is trusted. */
const CHECKED_ROWS = 200;

/**
 * Builds article_search rows as Folio's SearchIndex does: [id, indexText(title), indexText(description + '\n' +
 * body)]. A body is blocks of a fixed pool joined by blank lines, and no indexed word spans a line break, so the
 * text's terms are its blocks' terms joined: each pooled block is folded once (about 8 times faster at 1M articles).
 * The first rows are also made the plain way, and must come out the same.
 */
export class SearchRows {
  private readonly terms = new Map<string, string>();
  private checked = 0;

  row(id: number, title: string, description: string, bodyParts: string[]): Row {
    const text = [indexText(description), ...bodyParts.map((part) => this.termsOf(part))]
      .filter((terms) => terms !== '')
      .join(' ');
    if (this.checked < CHECKED_ROWS) {
      this.checked++;
      if (text !== indexText(`${description}\n${bodyParts.join(BODY_SEPARATOR)}`))
        throw new Error(`article ${id}: the search terms of its blocks differ from those of its text`);
    }
    return [id, indexText(title), text];
  }

  private termsOf(part: string): string {
    let terms = this.terms.get(part);
    if (terms === undefined) {
      terms = indexText(part);
      this.terms.set(part, terms);
    }
    return terms;
  }
}

/** The migration's FULLTEXT indexes, in its order: the title alone, then title and text. */
const FULLTEXT_INDEXES = [
  { name: 'FT_article_search_title', columns: 'title_terms' },
  { name: 'FT_article_search_text', columns: 'title_terms, body_terms' },
];

/**
 * MySQL/MariaDB: the FULLTEXT indexes go before the bulk load (InnoDB would otherwise tokenise every row into its
 * FTS cache and sync it as it goes) and come back after it (nothing to do on SQLite: FTS5 is the table).
 */
export async function dropFullTextIndexes(sink: Sink): Promise<void> {
  if (sink.engine !== 'mysql') return;
  const drops = FULLTEXT_INDEXES.map((index) => `DROP INDEX ${index.name}`).join(', ');
  await sink.query(`ALTER TABLE article_search ${drops}`);
}

/** One ALTER per index: InnoDB builds one FULLTEXT index at a time. Returns the seconds each took. */
export async function addFullTextIndexes(sink: Sink): Promise<string[]> {
  if (sink.engine !== 'mysql') return [];
  const timings: string[] = [];
  for (const index of FULLTEXT_INDEXES) {
    const started = Date.now();
    await sink.query(`ALTER TABLE article_search ADD FULLTEXT INDEX ${index.name} (${index.columns})`);
    timings.push(`${index.name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return timings;
}

export interface SearchPick {
  /**
   * Two title words (an adjective and a noun): each is in ~1/15 of the articles and the pair in ~1/225, so what it
   * matches grows with the seed.
   */
  query: string;
  /** How many seeded articles it matches (the verification checks it against Folio's own count query). */
  matches: number;
  /** A place name of the descriptions: in PLACE_SPREAD (20) articles whatever the seed's size. */
  rareQuery: string;
  rareMatches: number;
}

/**
 * Tallies each title's (adjective, noun) pair while the articles are generated, then picks the pair whose count is
 * the median of all pairs: the same seed picks the same words.
 */
export class SearchPicker {
  private readonly adjectives = new Map(TITLE_ADJECTIVES.map((word, i) => [word.toLowerCase(), i]));
  private readonly nouns = new Map(TITLE_NOUNS.map((word, i) => [word.toLowerCase(), i]));
  private readonly counts = new Int32Array(TITLE_ADJECTIVES.length * TITLE_NOUNS.length);
  private readonly places = new Map<number, number>();

  note(title: string, place: number): void {
    this.places.set(place, (this.places.get(place) ?? 0) + 1);
    const words = title.toLowerCase().split(' ');
    const adjective = words.map((word) => this.adjectives.get(word)).find((i) => i !== undefined);
    const noun = words.map((word) => this.nouns.get(word)).find((i) => i !== undefined);
    if (adjective !== undefined && noun !== undefined) this.counts[adjective * TITLE_NOUNS.length + noun]++;
  }

  /** The median pair, and the place in the middle of the places. */
  pick(articles: number): SearchPick {
    const place = Math.floor(placeCount(articles) / 2);
    const pairs = [...this.counts.keys()].sort((a, b) => this.counts[a] - this.counts[b] || a - b);
    const pair = pairs[Math.floor(pairs.length / 2)];
    const adjective = TITLE_ADJECTIVES[Math.floor(pair / TITLE_NOUNS.length)];
    const noun = TITLE_NOUNS[pair % TITLE_NOUNS.length];
    return {
      query: `${adjective} ${noun}`.toLowerCase(),
      matches: this.counts[pair],
      rareQuery: placeName(place),
      rareMatches: this.places.get(place) ?? 0,
    };
  }
}

/**
 * The index as the load left it: one row per article and none of anything else, both FULLTEXT indexes back (MySQL),
 * and the picked queries find exactly the articles whose titles have the two words and those from the place, counted by Folio's own count
 * query for `GET /api/search`. Throws on the first difference.
 */
export async function verifySearch(sink: Sink, pick: SearchPick): Promise<void> {
  const id = searchColumns(sink.engine)[0];
  const checks: { name: string; sql: string; params?: unknown[] }[] = [
    {
      name: 'article_search has a row per article',
      sql: 'SELECT (SELECT COUNT(*) FROM articles) - (SELECT COUNT(*) FROM article_search) AS off',
    },
    {
      name: "every article_search row is an article's",
      sql: `SELECT COUNT(*) AS off FROM article_search s LEFT JOIN articles a ON a.id = s.${id} WHERE a.id IS NULL`,
    },
  ];
  if (sink.engine === 'mysql')
    checks.push({
      name: 'article_search has its two FULLTEXT indexes',
      sql: `SELECT ${FULLTEXT_INDEXES.length} - COUNT(DISTINCT index_name) AS off FROM information_schema.STATISTICS
            WHERE table_schema = DATABASE() AND table_name = 'article_search' AND index_type = 'FULLTEXT'`,
    });
  const queries = [
    { query: pick.query, matches: pick.matches, what: 'whose titles have both words' },
    { query: pick.rareQuery, matches: pick.rareMatches, what: 'from that place' },
  ];
  for (const { query, matches, what } of queries) {
    const text = parseSearchQuery(query);
    const count = queryCountSql({ kind: 'query', sort: 'relevance', text }, dialectOf(sink.engine));
    checks.push({
      name: `"${query}" matches the ${matches} articles ${what}`,
      sql: `SELECT (${count.text}) - ? AS off`,
      params: [...count.params, matches],
    });
  }
  for (const check of checks) {
    const [row] = await sink.query<{ off: number | string | null }>(check.sql, check.params);
    if (Number(row?.off ?? 0) !== 0)
      throw new Error(`search index check failed: ${check.name} (off by ${row.off})`);
  }
}
