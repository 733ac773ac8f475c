import type { PrivateMariaDb } from '../support/private-mariadb';
import type { Acknowledged } from './load';

export interface StoredWrites {
  kind: 'articles' | 'comments' | 'favorites';
  /** Distinct identities Folio acknowledged (a favorite repeated by the same user counts once). */
  acknowledged: number;
  stored: number;
  missing: string[];
}

const CHUNK = 500;

/** Looks every acknowledged write up in the private database itself, past Folio and its cache. */
export async function storedWrites(db: PrivateMariaDb, acknowledged: Acknowledged): Promise<StoredWrites[]> {
  const articles = new Set(acknowledged.articles);
  const comments = new Map(acknowledged.comments.map(({ id, slug }) => [String(id), slug]));
  const favorites = new Set(acknowledged.favorites.map(({ username, slug }) => pair(username, slug)));

  const storedArticles = new Set(
    (
      await lookUp<{ slug: string }>(db, 'SELECT slug FROM folio.articles WHERE slug IN (?)', [...articles])
    ).map((row) => row.slug),
  );
  // A comment is stored when its row exists under the article it was posted to.
  const storedComments = new Set(
    (
      await lookUp<{ id: number; slug: string }>(
        db,
        'SELECT c.id, a.slug FROM folio.comments c JOIN folio.articles a ON a.id = c.article_id WHERE c.id IN (?)',
        [...comments.keys()].map(Number),
      )
    )
      .filter((row) => comments.get(String(row.id)) === row.slug)
      .map((row) => String(row.id)),
  );
  const usernames = [...new Set(acknowledged.favorites.map((favorite) => favorite.username))];
  const storedFavorites = new Set(
    (
      await lookUp<{ username: string; slug: string }>(
        db,
        'SELECT u.username, a.slug FROM folio.favorites f JOIN folio.users u ON u.id = f.user_id ' +
          'JOIN folio.articles a ON a.id = f.article_id WHERE u.username IN (?)',
        usernames,
      )
    ).map((row) => pair(row.username, row.slug)),
  );

  return [
    summary('articles', articles, storedArticles),
    summary('comments', new Set(comments.keys()), storedComments),
    summary('favorites', favorites, storedFavorites),
  ];
}

function pair(username: string, slug: string): string {
  return `${username} → ${slug}`;
}

function summary(kind: StoredWrites['kind'], acknowledged: Set<string>, stored: Set<string>): StoredWrites {
  const missing = [...acknowledged].filter((identity) => !stored.has(identity));
  return { kind, acknowledged: acknowledged.size, stored: acknowledged.size - missing.length, missing };
}

async function lookUp<T>(db: PrivateMariaDb, sql: string, values: unknown[]): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    rows.push(...((await db.query(sql, [values.slice(i, i + CHUNK)])) as T[]));
  }
  return rows;
}
