import { randomInt } from 'node:crypto';
import type { Viewer } from './auth';
import type { Db, Queryable } from './db';
import { envelope, HttpError, requiredText, unprocessable } from './http';
import { ArticleJson } from './mappers';
import { slugify, withRandomSuffix } from '../../src/content/articles/slug';
import { indexText } from '../../src/content/search/search-text';
import { indexRowSql } from '../../src/content/search/search.sql';
import { dialectOf } from '../../src/database/dialect';
import { toSqlTimestamp } from '../../src/database/timestamps';

const SHARDS = 16;
const SLUG_ATTEMPTS = 5;
const TAGS_MAX = 20;
const TAG_MAX = 64;
const BODY_MAX_BYTES = 256 * 1024;
const PUBLISHED = 'published';
/** The create request's publishing-workflow fields (Folio's CreateArticleDto): not in the ceiling server. */
const WORKFLOW_FIELDS = ['status', 'publishAt', 'unpublishAt'];

interface NewArticle {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

/**
 * POST /api/articles: the rows Folio writes, in one transaction and in Folio's lock order (counters first):
 * the author's and a shard's counter, the article, its row in the search index, missing tags, the tags' counters,
 * the links.
 * The answer is built from what was written (a new article has no favorites, and nobody follows themselves).
 * The article is published at once, as Folio publishes an article whose request names no status (RealWorld
 * clients never do): listed at its creation time, so counted, and with no due time (no job to queue). A request
 * for the publishing workflow (status, publishAt, unpublishAt) is not served here.
 */
export async function createArticle(
  db: Db,
  author: Viewer,
  body: unknown,
): Promise<{ article: ArticleJson }> {
  const input = readArticle(body);
  const now = new Date();
  const base = slugify(input.title);
  let slug = base === 'feed' ? withRandomSuffix(base) : base;
  for (let attempt = 1; ; attempt++) {
    try {
      const tagList = await db.transaction((tx) => writeArticle(db, tx, author.id, { ...input, slug, now }));
      return { article: answer(author, input, slug, now, tagList) };
    } catch (error) {
      if (!isSlugTaken(error) || attempt >= SLUG_ATTEMPTS) throw error;
      slug = withRandomSuffix(base);
    }
  }
}

async function writeArticle(
  db: Db,
  tx: Queryable,
  authorId: number,
  article: NewArticle & { slug: string; now: Date },
): Promise<string[]> {
  const at = toSqlTimestamp(article.now);
  await tx.run('UPDATE users SET articles_count = articles_count + 1 WHERE id = ?', [authorId]);
  await tx.run('UPDATE article_totals SET articles = articles + 1 WHERE shard = ?', [randomInt(SHARDS)]);
  const { insertId } = await tx.run(
    `INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at, status,
       published_at, listed_at, publish_at, unpublish_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      article.slug,
      article.title,
      article.description,
      article.body,
      authorId,
      at,
      at,
      PUBLISHED,
      at,
      at,
      null,
      null,
    ],
  );
  // The article's row in the search index, as Folio's SearchIndex writes it within the same transaction.
  const [, indexRow] = indexRowSql(
    insertId,
    indexText(article.title),
    indexText(`${article.description}\n${article.body}`),
    dialectOf(db.engine).fullText,
  );
  await tx.run(indexRow.text, indexRow.params);
  if (article.tagList.length === 0) return [];
  const tags = await ensureTags(db, tx, article.tagList);
  const ids = [...new Set(article.tagList.map((name) => tags.get(name)!.id))];
  await tx.run(`UPDATE tags SET articles_count = articles_count + 1 WHERE id IN (${marks(ids)})`, ids);
  await tx.run(
    `INSERT INTO article_tags (article_id, tag_id, position, listed_at) VALUES ${ids.map(() => '(?, ?, ?, ?)').join(', ')}`,
    ids.flatMap((tagId, position) => [insertId, tagId, position, at]),
  );
  const names = new Map([...tags.values()].map((tag) => [tag.id, tag.name]));
  return ids.map((id) => names.get(id)!);
}

interface TagRow {
  id: number;
  name: string;
}

/** Existing tags by name; only missing names are inserted (ignoring a concurrent insert of the same name). */
async function ensureTags(db: Db, tx: Queryable, names: string[]): Promise<Map<string, TagRow>> {
  const select = `SELECT id, name FROM tags WHERE name IN (${marks(names)})`;
  let rows = await tx.all<TagRow>(select, names);
  const missing = names.filter((name) => !findTag(rows, name));
  if (missing.length > 0) {
    await tx.run(
      `${db.insertIgnore} tags (name, articles_count) VALUES ${missing.map(() => '(?, 0)').join(', ')}`,
      missing,
    );
    rows = await tx.all<TagRow>(select, names);
  }
  return new Map(
    names.map((name) => {
      const tag = findTag(rows, name);
      if (!tag) throw new Error(`tag "${name}" was neither inserted nor found`);
      return [name, tag];
    }),
  );
}

/** MySQL's collation matches names case- and accent-insensitively: an existing tag may be spelled differently. */
function findTag(rows: TagRow[], name: string): TagRow | undefined {
  const exact = rows.find((row) => row.name === name);
  return exact ?? rows.find((row) => row.name.localeCompare(name, undefined, { sensitivity: 'base' }) === 0);
}

function readArticle(body: unknown): NewArticle {
  const fields = envelope(body, 'article');
  const workflow = WORKFLOW_FIELDS.filter((field) => fields[field] !== undefined);
  if (workflow.length > 0)
    throw new HttpError(501, { [workflow[0]]: ['the publishing workflow is not in the ceiling server'] });
  const article = {
    title: requiredText(fields, 'title', 255),
    description: requiredText(fields, 'description', 1024),
    body: requiredText(fields, 'body', BODY_MAX_BYTES),
    tagList: readTags(fields.tagList),
  };
  if (Buffer.byteLength(article.body) > BODY_MAX_BYTES) throw unprocessable('body', 'is too long');
  return article;
}

/** Trimmed, lower-cased, first occurrence kept. */
function readTags(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string'))
    throw unprocessable('tagList', 'must be a list of strings');
  const names = [...new Set((value as string[]).map((tag) => tag.trim().toLowerCase()))];
  if (names.length > TAGS_MAX) throw unprocessable('tagList', `may hold at most ${TAGS_MAX} tags`);
  if (names.some((name) => name === '' || [...name].length > TAG_MAX))
    throw unprocessable('tagList', "can't contain blank or over-long tags");
  return names;
}

function answer(author: Viewer, input: NewArticle, slug: string, now: Date, tagList: string[]): ArticleJson {
  return {
    slug,
    title: input.title,
    description: input.description,
    body: input.body,
    tagList,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    favorited: false,
    favoritesCount: 0,
    author: {
      username: author.username,
      bio: author.bio ?? null,
      image: author.image ?? null,
      following: false,
    },
    status: PUBLISHED,
    publishedAt: now.toISOString(),
    publishAt: null,
    unpublishAt: null,
  };
}

function isSlugTaken(error: unknown): boolean {
  const { code, errno, message = '' } = error as { code?: string; errno?: number; message?: string };
  if (errno === 1062 || code === 'ER_DUP_ENTRY') return message.includes('UQ_articles_slug');
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && message.includes('articles.slug');
}

function marks(values: unknown[]): string {
  return values.map(() => '?').join(', ');
}
