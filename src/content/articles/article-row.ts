import { toIsoTimestamp } from '../../database/timestamps';
import { toProfileDto } from '../../users/profile.mapper';
import type { ArticleStatus, Workflow } from './article-workflow';
import { ArticleDto, ArticleSummaryDto } from './dto/article-response.dto';

/** One article as the read queries return it: columns plus the derived per-viewer fields. */
export interface ArticleRow {
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
  authorUsername: string;
  authorBio: string | null;
  authorImage: string | null;
  favoritesCount: number | string;
  /** The tag names as the read queries encode them (see tagListOf); null without tags. */
  tagNames: string | null;
  favorited: number | string;
  following: number | string;
  /** The list's total, on the rows of the pages that carry it (articlesCount in article-pages.sql.ts). */
  articlesCount?: number | string | null;
}

/** Decodes the read queries' tag column: hex-encoded UTF-8 names, comma-separated, in the author's order. */
export function tagListOf(tagNames: string | null): string[] {
  if (!tagNames) return [];
  return tagNames.split(',').map((hex) => Buffer.from(hex, 'hex').toString('utf8'));
}

export function toArticleSummaryDto(
  row: ArticleRow,
  tagList: string[] = tagListOf(row.tagNames),
): ArticleSummaryDto {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    tagList,
    createdAt: toIsoTimestamp(row.createdAt),
    updatedAt: toIsoTimestamp(row.updatedAt),
    favorited: Number(row.favorited) > 0,
    favoritesCount: Number(row.favoritesCount),
    author: toProfileDto(
      { username: row.authorUsername, bio: row.authorBio, image: row.authorImage },
      Number(row.following) > 0,
    ),
    status: row.status,
    publishedAt: optionalIso(row.publishedAt),
    publishAt: optionalIso(row.publishAt),
    unpublishAt: optionalIso(row.unpublishAt),
  };
}

export function toArticleDto(row: ArticleRow, tagList: string[] = tagListOf(row.tagNames)): ArticleDto {
  const { slug, title, description, ...rest } = toArticleSummaryDto(row, tagList);
  return { slug, title, description, body: row.body ?? '', ...rest };
}

const optionalIso = (value: Date | string | null): string | null =>
  value === null ? null : toIsoTimestamp(value);

/** A just-created article as its author sees it: nobody has favorited it yet and nobody follows themselves. */
export function toNewArticleDto(
  article: {
    slug: string;
    title: string;
    description: string;
    body: string;
    tagList: string[];
    createdAt: Date;
    authorId: number;
  } & Omit<Workflow, 'listedAt'>,
  author: { username: string; bio: string | null; image: string | null },
): ArticleDto {
  const row: ArticleRow = {
    id: 0,
    ...article,
    updatedAt: article.createdAt,
    authorUsername: author.username,
    authorBio: author.bio,
    authorImage: author.image,
    favoritesCount: 0,
    tagNames: null,
    favorited: 0,
    following: 0,
  };
  return toArticleDto(row, article.tagList);
}
