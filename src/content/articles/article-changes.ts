import type { ArticleField } from './article.events';
import type { ArticleColumnChanges, StoredArticle } from './articles.repository';
import type { UpdateArticleDto } from './dto/update-article.dto';

export interface ArticleChanges {
  columns: Omit<ArticleColumnChanges, 'slug'>;
  /** The new tags, when they differ from the current ones. */
  tagList?: string[];
  fields: ArticleField[];
}

/** What an update really changes: fields left out or sent with their current value change nothing. */
export function articleChanges(
  stored: StoredArticle,
  currentTags: readonly string[] | undefined,
  dto: UpdateArticleDto,
): ArticleChanges {
  const changes: ArticleChanges = { columns: {}, fields: [] };
  for (const field of ['title', 'description', 'body'] as const) {
    const value = dto[field];
    if (value === undefined || value === stored[field]) continue;
    changes.columns[field] = value;
    changes.fields.push(field);
  }
  if (dto.tagList !== undefined && !sameList(dto.tagList, currentTags ?? [])) {
    changes.tagList = dto.tagList;
    changes.fields.push('tagList');
  }
  return changes;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
