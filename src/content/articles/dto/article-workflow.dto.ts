import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { ARTICLE_STATUSES, type ArticleStatus } from '../article-workflow';

const DATE_TIME = 'must be an ISO 8601 date-time';

/** The workflow fields of a create or an update request (docs/workflow.md has the state machine). */
export class ArticleWorkflowFieldsDto {
  @ApiPropertyOptional({
    enum: ARTICLE_STATUSES,
    description:
      'Omitted on create: published. draft and unpublished articles are seen by their author, moderators and admins only; scheduled ones are published at publishAt',
  })
  @IsOptional()
  @IsIn(ARTICLE_STATUSES, { message: 'must be draft, scheduled, published or unpublished' })
  status?: ArticleStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2030-01-01T09:00:00.000Z',
    description: 'When a scheduled article is published (in the future; required with status scheduled)',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: DATE_TIME })
  publishAt?: Date | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a published (or scheduled) article is unpublished again; null clears it',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: DATE_TIME })
  unpublishAt?: Date | null;
}
