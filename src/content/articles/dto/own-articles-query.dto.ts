import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../../common/dto/pagination-query.dto';
import { ARTICLE_STATUSES, type ArticleStatus } from '../article-workflow';

export class OwnArticlesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ARTICLE_STATUSES, description: 'Only articles in this status (default: all)' })
  @IsOptional()
  @IsIn(ARTICLE_STATUSES, { message: 'must be draft, scheduled, published or unpublished' })
  status?: ArticleStatus;
}
