/** Article and comment JSON exactly as Folio writes it (src/content/articles/article-row.ts, comment-row.ts). */

/** Folio's article statuses (src/content/articles/article-workflow.ts); only `published` is listed. */
export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';

export interface AuthorColumns {
  authorUsername: string;
  authorBio: string | null;
  authorImage: string | null;
  following: number | string;
}

export interface ArticleRow extends AuthorColumns {
  id: number;
  slug: string;
  title: string;
  description: string;
  body?: string;
  createdAt: Date | string;
  updatedAt: Date | string;
  authorId: number | string;
  status: ArticleStatus;
  publishedAt: Date | string | null;
  publishAt: Date | string | null;
  unpublishAt: Date | string | null;
  favoritesCount: number | string;
  favorited: number | string;
  /** Folio's statements only: the tags, hex-encoded UTF-8 names, comma-separated, in order (NULL: none). */
  tagNames?: string | null;
  /** Folio's statements only, on list pages: the list's total. */
  articlesCount?: number | string | null;
}

export interface CommentRow extends AuthorColumns {
  id: number | string;
  body: string;
  createdAt: Date | string;
  updatedAt: Date | string;
}

export interface Profile {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

/** mysql2 gives Date objects (UTC); SQLite gives 'YYYY-MM-DD HH:MM:SS.SSS' UTC text. */
export function isoTimestamp(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}

function optionalIso(value: Date | string | null): string | null {
  return value === null ? null : isoTimestamp(value);
}

/** What deciding an article's visibility needs to know of it. */
export interface ArticleVisibility {
  status: ArticleStatus;
  authorId: number | string;
}

/**
 * As Folio's article-visibility.ts: a published article is everyone's, any other its author's only (Folio also
 * shows it to moderators and admins; the ceiling reads no roles, and the benchmark's users have none).
 */
export function isVisibleTo(viewerId: number, article: ArticleVisibility): boolean {
  return article.status === 'published' || Number(article.authorId) === viewerId;
}

export function tagsIn(tagNames: string | null | undefined): string[] {
  return tagNames ? tagNames.split(',').map((name) => Buffer.from(name, 'hex').toString('utf8')) : [];
}

export function profileOf(row: AuthorColumns): Profile {
  return {
    username: row.authorUsername,
    bio: row.authorBio ?? null,
    image: row.authorImage ?? null,
    following: Number(row.following) > 0,
  };
}

export interface ArticleSummaryJson {
  slug: string;
  title: string;
  description: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: Profile;
  status: ArticleStatus;
  publishedAt: string | null;
  publishAt: string | null;
  unpublishAt: string | null;
}

export interface ArticleJson extends ArticleSummaryJson {
  body: string;
}

export interface CommentJson {
  id: number;
  createdAt: string;
  updatedAt: string;
  body: string;
  author: Profile;
}

export function articleSummary(row: ArticleRow, tagList: string[]): ArticleSummaryJson {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    tagList,
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
    favorited: Number(row.favorited) > 0,
    favoritesCount: Number(row.favoritesCount),
    author: profileOf(row),
    status: row.status,
    publishedAt: optionalIso(row.publishedAt),
    publishAt: optionalIso(row.publishAt),
    unpublishAt: optionalIso(row.unpublishAt),
  };
}

export function article(row: ArticleRow, tagList: string[]): ArticleJson {
  return { ...articleSummary(row, tagList), body: row.body ?? '' };
}

export function comment(row: CommentRow): CommentJson {
  return {
    id: Number(row.id),
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
    body: row.body,
    author: profileOf(row),
  };
}
