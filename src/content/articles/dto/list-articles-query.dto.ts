import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQueryDto } from '../../../common/dto/pagination-query.dto';
import { SingleQueryValue } from '../../../common/validation/decorators';

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
}
