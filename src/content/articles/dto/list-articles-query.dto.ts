import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../../common/dto/pagination-query.dto';

export class ListArticlesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only articles with this tag', example: 'dragons', maxLength: 255 })
  @IsOptional()
  @IsString({ message: 'must be a single string' })
  @MaxLength(255)
  tag?: string;

  @ApiPropertyOptional({
    description: 'Only articles by this author (username)',
    example: 'jake',
    maxLength: 255,
  })
  @IsOptional()
  @IsString({ message: 'must be a single string' })
  @MaxLength(255)
  author?: string;

  @ApiPropertyOptional({
    description: 'Only articles this user (username) favorited',
    example: 'jake',
    maxLength: 255,
  })
  @IsOptional()
  @IsString({ message: 'must be a single string' })
  @MaxLength(255)
  favorited?: string;
}
