import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ErrorResponseDto } from '../../common/dto/error-response.dto';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesService } from './articles.service';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { CreateArticleRequestDto } from './dto/create-article.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import { UpdateArticleRequestDto } from './dto/update-article.dto';
import { FavoritesService } from './favorites.service';

@ApiTags('Articles')
@ApiBearerAuth()
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly queries: ArticlesQueryService,
    private readonly favorites: FavoritesService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'GetArticles',
    summary: 'List articles, newest first (authentication optional)',
  })
  @ApiOkResponse({ type: MultipleArticlesResponseDto })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'limit or offset is not a whole number in range',
  })
  list(
    @Query() query: ListArticlesQueryDto,
    @CurrentUser() user?: AuthUser,
  ): Promise<MultipleArticlesResponseDto> {
    return this.queries.list(query, user?.id);
  }

  @Get('feed')
  @ApiOperation({
    operationId: 'GetArticlesFeed',
    summary: 'Articles by the authors the caller follows, newest first',
  })
  @ApiOkResponse({ type: MultipleArticlesResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
  feed(
    @Query() query: PaginationQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MultipleArticlesResponseDto> {
    return this.queries.feed(query, user.id);
  }

  @Post()
  @ApiOperation({ operationId: 'CreateArticle', summary: 'Create an article' })
  @ApiCreatedResponse({ type: SingleArticleResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
  create(
    @Body() body: CreateArticleRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SingleArticleResponseDto> {
    return this.articles.create(user.id, body.article);
  }

  @Get(':slug')
  @Public()
  @ApiOperation({ operationId: 'GetArticle', summary: 'Get an article (authentication optional)' })
  @ApiOkResponse({ type: SingleArticleResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('slug') slug: string, @CurrentUser() user?: AuthUser): Promise<SingleArticleResponseDto> {
    return this.queries.findBySlugOrFail(slug, user?.id);
  }

  @Put(':slug')
  @ApiOperation({
    operationId: 'UpdateArticle',
    summary: "Update one's own article (a new title gives a new slug)",
  })
  @ApiOkResponse({ type: SingleArticleResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The caller is not the author' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
  update(
    @Param('slug') slug: string,
    @Body() body: UpdateArticleRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SingleArticleResponseDto> {
    return this.articles.update(slug, user.id, body.article);
  }

  @Delete(':slug')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'DeleteArticle',
    summary: "Delete one's own article with its comments and favorites",
  })
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The caller is not the author' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  delete(@Param('slug') slug: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.articles.delete(slug, user.id);
  }

  @Post(':slug/favorite')
  @HttpCode(200)
  @ApiOperation({ operationId: 'CreateArticleFavorite', summary: 'Favorite an article (idempotent)' })
  @ApiOkResponse({ type: SingleArticleResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  favorite(@Param('slug') slug: string, @CurrentUser() user: AuthUser): Promise<SingleArticleResponseDto> {
    return this.favorites.favorite(slug, user.id);
  }

  @Delete(':slug/favorite')
  @ApiOperation({ operationId: 'DeleteArticleFavorite', summary: 'Unfavorite an article (idempotent)' })
  @ApiOkResponse({ type: SingleArticleResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  unfavorite(@Param('slug') slug: string, @CurrentUser() user: AuthUser): Promise<SingleArticleResponseDto> {
    return this.favorites.unfavorite(slug, user.id);
  }
}
