import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQueryDto } from '../../../common/dto/pagination-query.dto';
import { DateTimeQuery, SingleQueryValue, TagNames } from '../../../common/validation/decorators';
import { IsIn, IsOptional } from 'class-validator';
import { SEARCH_QUERY_MAX } from '../../search/search-text';
import { ARTICLE_SORTS, type ArticleSort } from '../article-query.sql';
import { ARTICLE_LIST_FIELDS } from '../article-fields';

/** At most this many `tags`, and authors in `author` (comma-separated). */
export const TAGS_MAX = 10;

export class ListArticlesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only articles with this tag', example: 'dragons', maxLength: 255 })
  @SingleQueryValue(255)
  tag?: string;

  @ApiPropertyOptional({
    description: 'Only articles by this author (username)',
    example: 'jake',
    maxLength: 255,
  })
  @SingleQueryValue(255)
  author?: string;

  @ApiPropertyOptional({
    description: 'Only articles this user (username) favorited',
    example: 'jake',
    maxLength: 255,
  })
  @SingleQueryValue(255)
  favorited?: string;

  @ApiPropertyOptional({
    description:
      'Full-text search of title, description and body, most relevant first (words in the title count more): ' +
      'every word wanted, `"a phrase"`, `prefix*`, `-excluded`. Words shorter than 3 letters and common English ' +
      'stopwords are ignored. Combines with every other filter.',
    example: 'dragon -"sea serpent" train*',
    maxLength: SEARCH_QUERY_MAX,
  })
  @SingleQueryValue(SEARCH_QUERY_MAX)
  q?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Only articles with these tags (repeat the parameter): any of them, or all with tagMatch=all',
    example: ['dragons', 'training'],
    maxItems: TAGS_MAX,
  })
  @TagNames(TAGS_MAX)
  tags?: string[];

  @ApiPropertyOptional({
    enum: ['any', 'all'],
    default: 'any',
    description: 'How `tags` combine',
    example: 'all',
  })
  @IsOptional()
  @IsIn(['any', 'all'], { message: 'must be any or all' })
  tagMatch?: 'any' | 'all';

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Written at or after (ISO 8601)',
    example: '2026-01-01T00:00:00Z',
  })
  @DateTimeQuery()
  createdFrom?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Written before (ISO 8601)',
    example: '2027-01-01T00:00:00Z',
  })
  @DateTimeQuery()
  createdTo?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Last changed at or after (ISO 8601)',
    example: '2026-11-01T00:00:00Z',
  })
  @DateTimeQuery()
  updatedFrom?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Last changed before (ISO 8601)',
    example: '2026-12-01T00:00:00Z',
  })
  @DateTimeQuery()
  updatedTo?: string;

  @ApiPropertyOptional({
    enum: ARTICLE_SORTS,
    example: 'favorites',
    description:
      'newest (published last first; the default without q), oldest, favorites (most favorited), updated ' +
      '(changed last first), relevance (only with q; its default)',
  })
  @IsOptional()
  @IsIn(ARTICLE_SORTS, { message: `must be one of ${ARTICLE_SORTS.join(', ')}` })
  sort?: ArticleSort;

  @ApiPropertyOptional({
    description:
      'Only these fields of each article, comma-separated (e.g. `slug,title,author`): leave out descriptions, ' +
      `tags or author profiles a list does not show. Fields: ${ARTICLE_LIST_FIELDS.join(', ')}`,
    example: 'slug,title,createdAt',
    maxLength: 300,
  })
  @SingleQueryValue(300)
  fields?: string;

  @ApiPropertyOptional({
    description:
      'Cursor pagination: empty for the first page, then the `nextCursor` of the previous answer (instead of ' +
      'offset). Pages stay in step while articles are added or removed.',
    example: '',
    maxLength: 500,
  })
  @SingleQueryValue(500)
  cursor?: string;
}
