import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { ApiCommonErrors } from '../../common/decorators/api-responses.decorator';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiInvalidPage } from '../articles/articles.api';
import { SearchQueryDto, SearchResponseDto } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiTags('Articles')
@ApiCommonErrors()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOperation({
    operationId: 'SearchArticles',
    summary: 'Full-text search of published articles, most relevant first, with a highlighted snippet each',
    description:
      'Words in titles rank above the same words in descriptions and bodies. `GET /api/articles?q=` searches the ' +
      'same way and combines with every other filter (docs/search.md).',
  })
  @Auth('optional')
  @ApiOkResponse({ type: SearchResponseDto })
  @ApiInvalidPage()
  find(@Query() query: SearchQueryDto, @CurrentUser() user?: AuthUser): Promise<SearchResponseDto> {
    return this.search.search(query, user?.id);
  }
}
