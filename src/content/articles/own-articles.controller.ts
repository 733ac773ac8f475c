import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import type { AuthUser } from '../../common/auth-user';
import { ApiCommonErrors } from '../../common/decorators/api-responses.decorator';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiInvalidPage } from './articles.api';
import { ArticlesQueryService } from './articles-query.service';
import { ARTICLE_LIST_RESPONSE } from './dto/article-list.schema';
import { MultipleArticlesResponseDto } from './dto/article-response.dto';
import { OwnArticlesQueryDto } from './dto/own-articles-query.dto';

@ApiTags('Articles')
@ApiCommonErrors()
@Controller('user/articles')
export class OwnArticlesController {
  constructor(private readonly queries: ArticlesQueryService) {}

  @Get()
  @ApiOperation({
    operationId: 'GetOwnArticles',
    summary: "The caller's own articles in every status (drafts included), newest written first",
  })
  @Auth('required')
  @ApiOkResponse({
    type: MultipleArticlesResponseDto,
    description: 'One page of the caller’s articles (without bodies) and their total',
  })
  @ApiInvalidPage()
  @RouteSchema(ARTICLE_LIST_RESPONSE)
  mine(
    @Query() query: OwnArticlesQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MultipleArticlesResponseDto> {
    return this.queries.mine(user.id, query);
  }
}
