import { unprocessable } from '../../common/errors/http-errors';
import type { ArticleSummaryDto } from './dto/article-response.dto';

/** The fields of an article in a list, as `fields=` may name them. */
export const ARTICLE_LIST_FIELDS = [
  'slug',
  'title',
  'description',
  'tagList',
  'createdAt',
  'updatedAt',
  'favorited',
  'favoritesCount',
  'author',
  'status',
  'publishedAt',
  'publishAt',
  'unpublishAt',
] as const;
type ListField = (typeof ARTICLE_LIST_FIELDS)[number];

/** The fields `fields=` names (422 for an unknown one); undefined when it is absent (every field). */
export function parseFields(fields: string | undefined): ListField[] | undefined {
  if (fields === undefined) return undefined;
  const names = fields
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(ARTICLE_LIST_FIELDS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    throw unprocessable({ fields: [`must name fields among ${ARTICLE_LIST_FIELDS.join(', ')}`] });
  return names as ListField[];
}

/**
 * The article with only `fields` (all of it without). Typed as the whole summary: it is serialised as it is, and
 * the list's schema (article-list.schema.ts) requires no field.
 */
export function pickFields(article: ArticleSummaryDto, fields: ListField[] | undefined): ArticleSummaryDto {
  if (!fields) return article;
  return Object.fromEntries(fields.map((field) => [field, article[field]])) as unknown as ArticleSummaryDto;
}
