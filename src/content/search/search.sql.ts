import type { Dialect } from '../../database/dialect';
import type { Sql } from '../../database/sql';
import { toBooleanMode, toFts5, type SearchQuery } from './search-text';

/** How much more a word in the title counts than the same word in the description or body. */
export const TITLE_WEIGHT = 3;

/** The full-text side of a query: the index joined to its article `a`, the match condition, the relevance. */
export interface RelevanceSql {
  from: string;
  match: Sql;
  /** Higher is more relevant. */
  relevance: Sql;
}

/**
 * InnoDB: the boolean-mode relevance of all the words over title and text, plus TITLE_WEIGHT times that of any of
 * them in the title alone; FTS5: BM25 with the title column weighted TITLE_WEIGHT (negated: FTS5's best is its
 * lowest).
 */
export function relevanceSql(query: SearchQuery, fullText: Dialect['fullText']): RelevanceSql {
  if (fullText === 'fts5') {
    return {
      from: 'article_search s INNER JOIN articles a ON a.id = s.rowid',
      match: { text: 's.article_search MATCH ?', params: [toFts5(query)] },
      relevance: { text: `-bm25(article_search, ${TITLE_WEIGHT}.0, 1.0)`, params: [] },
    };
  }
  const all = toBooleanMode(query);
  const both = 'MATCH(s.title_terms, s.body_terms) AGAINST (? IN BOOLEAN MODE)';
  return {
    from: 'article_search s INNER JOIN articles a ON a.id = s.article_id',
    match: { text: both, params: [all] },
    relevance: {
      text: `(${TITLE_WEIGHT} * MATCH(s.title_terms) AGAINST (? IN BOOLEAN MODE) + ${both})`,
      params: [toBooleanMode(query, { anyWord: true }), all],
    },
  };
}

/** Replaces the article's row in the index (its title, and its description with its body). */
export function indexRowSql(
  articleId: number,
  titleTerms: string,
  bodyTerms: string,
  fullText: Dialect['fullText'],
): Sql[] {
  const id = fullText === 'fts5' ? 'rowid' : 'article_id';
  return [
    { text: `DELETE FROM article_search WHERE ${id} = ?`, params: [articleId] },
    {
      text: `INSERT INTO article_search (${id}, title_terms, body_terms) VALUES (?, ?, ?)`,
      params: [articleId, titleTerms, bodyTerms],
    },
  ];
}
