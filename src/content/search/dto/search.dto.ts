import { ApiProperty } from '@nestjs/swagger';
import { IsString, MinLength } from 'class-validator';
import { MaxChars } from '../../../common/validation/max-chars.decorator';
import { ArticleSummaryDto } from '../../articles/dto/article-response.dto';
import { PaginationQueryDto } from '../../../common/dto/pagination-query.dto';
import { SEARCH_QUERY_MAX } from '../search-text';

/** GET /api/search; the same search combines with the other filters on GET /api/articles?q=. */
export class SearchQueryDto extends PaginationQueryDto {
  @ApiProperty({
    description:
      'What to look for: every word wanted, `"a phrase"`, `prefix*`, `-excluded` (words of fewer than 3 letters ' +
      'and common English stopwords are ignored; Chinese, Japanese and Korean are found by any part of a word)',
    example: 'dragon train*',
    minLength: 1,
    maxLength: SEARCH_QUERY_MAX,
  })
  @IsString({ message: 'must be a single string' })
  @MinLength(1, { message: "can't be blank" })
  @MaxChars(SEARCH_QUERY_MAX)
  q: string;
}

export class SearchResultDto {
  @ApiProperty({ type: ArticleSummaryDto })
  article: ArticleSummaryDto;

  @ApiProperty({
    description:
      'A passage of the body (or description, or title) where it matched, as HTML: the text escaped, each match ' +
      'in <mark></mark>, … where cut',
    example: '…how to <mark>train</mark> your <mark>dragon</mark> in three…',
  })
  snippet: string;
}

export class SearchResponseDto {
  @ApiProperty({ type: [SearchResultDto], description: 'Most relevant first' })
  results: SearchResultDto[];

  @ApiProperty({ type: 'integer', example: 3 })
  resultsCount: number;
}
