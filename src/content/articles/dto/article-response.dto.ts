import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProfileDto } from '../../../users/dto/profile.dto';
import { ARTICLE_STATUSES, type ArticleStatus } from '../article-workflow';

/** An article as lists show it: everything but the body. */
export class ArticleSummaryDto {
  @ApiProperty({ example: 'how-to-train-your-dragon' })
  slug: string;

  @ApiProperty({ example: 'How to train your dragon' })
  title: string;

  @ApiProperty({ example: 'Ever wonder how?' })
  description: string;

  @ApiProperty({ type: [String], example: ['dragons', 'training'] })
  tagList: string[];

  @ApiProperty({ format: 'date-time', example: '2016-02-18T03:22:56.637Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2016-02-18T03:48:35.824Z' })
  updatedAt: string;

  @ApiProperty({ description: 'Whether the caller favorited it (false for anonymous callers)' })
  favorited: boolean;

  @ApiProperty({ type: 'integer', example: 0 })
  favoritesCount: number;

  @ApiProperty({ type: ProfileDto })
  author: ProfileDto;

  @ApiProperty({ enum: ARTICLE_STATUSES, example: 'published' })
  status: ArticleStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was first published (null: never); lists are ordered by it',
  })
  publishedAt: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'A scheduled article: when it is published',
  })
  publishAt: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it is to be unpublished',
  })
  unpublishAt: string | null;
}

export class ArticleDto extends ArticleSummaryDto {
  @ApiProperty({ example: 'It takes a Jacobian' })
  body: string;
}

export class SingleArticleResponseDto {
  @ApiProperty({ type: ArticleDto })
  article: ArticleDto;
}

export class MultipleArticlesResponseDto {
  @ApiProperty({ type: [ArticleSummaryDto], description: 'With `fields=`, only those fields of each' })
  articles: ArticleSummaryDto[];

  @ApiProperty({
    type: 'integer',
    description: 'How many articles match the filter in all (not the page size)',
    example: 1,
  })
  articlesCount: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'With `cursor`: the cursor of the next page, null after the last',
    example: 'eyJzIjoibmV3ZXN0IiwiayI6IjIwMjYtMTItMDFUMDA6MDA6MDAuMDAwWiIsImkiOjQyfQ',
  })
  nextCursor?: string | null;
}
