import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsIntInRange } from '../validation/is-int-in-range.decorator';

export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;

export class PaginationQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: PAGE_LIMIT_MAX,
    default: PAGE_LIMIT_DEFAULT,
    description: 'Page size',
  })
  @IsOptional()
  @Type(() => Number)
  @IsIntInRange(0, PAGE_LIMIT_MAX)
  limit: number = PAGE_LIMIT_DEFAULT;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'How many to skip' })
  @IsOptional()
  @Type(() => Number)
  @IsIntInRange(0, Number.MAX_SAFE_INTEGER)
  offset: number = 0;
}
