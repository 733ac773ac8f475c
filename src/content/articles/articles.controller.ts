import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import {
  ApiBodyErrors,
  ApiCommonErrors,
  ApiErrorResponse,
  ApiOptionalAuth,
  ApiRequiresAuth,
} from '../../common/decorators/api-responses.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesService } from './articles.service';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { CreateArticleRequestDto } from './dto/create-article.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import { UpdateArticleRequestDto } from './dto/update-article.dto';
import { FavoritesService } from './favorites.service';

const ApiSlug = (): MethodDecorator =>
  ApiParam({ name: 'slug', description: "The article's slug", example: 'how-to-train-your-dragon' });
const ApiArticleNotFound = (): MethodDecorator =>
  ApiErrorResponse(404, 'No article has this slug', { article: ['not found'] });
const ApiNotTheAuthor = (): MethodDecorator =>
  ApiErrorResponse(403, 'The caller is not the author', { article: ['forbidden'] });
const ApiInvalidPage = (): MethodDecorator =>
  ApiErrorResponse(422, 'limit or offset is not a whole number in range', {
    limit: ['must be a whole number from 0 to 100'],
  });

@ApiTags('Articles')
@ApiCommonErrors()
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
  @ApiOptionalAuth()
  @ApiOkResponse({
    type: MultipleArticlesResponseDto,
    description: 'One page of the matching articles (without bodies) and their total',
  })
  @ApiInvalidPage()
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
  @ApiRequiresAuth()
  @ApiOkResponse({
    type: MultipleArticlesResponseDto,
    description: 'One page of the feed (without bodies) and its total',
  })
  @ApiInvalidPage()
  feed(
    @Query() query: PaginationQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MultipleArticlesResponseDto> {
    return this.queries.feed(query, user.id);
  }

  @Post()
  @ApiOperation({ operationId: 'CreateArticle', summary: 'Create an article' })
  @ApiRequiresAuth()
  @ApiCreatedResponse({
    type: SingleArticleResponseDto,
    description: 'The new article (its slug comes from the title)',
  })
  @ApiBodyErrors({ title: ["can't be blank"] })
  create(
    @Body() body: CreateArticleRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SingleArticleResponseDto> {
    return this.articles.create(user, body.article);
  }

  @Get(':slug')
  @Public()
  @ApiOperation({ operationId: 'GetArticle', summary: 'Get an article (authentication optional)' })
  @ApiOptionalAuth()
  @ApiSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The article, with its body' })
  @ApiArticleNotFound()
  get(@Param('slug') slug: string, @CurrentUser() user?: AuthUser): Promise<SingleArticleResponseDto> {
    return this.queries.findBySlugOrFail(slug, user?.id);
  }

  @Put(':slug')
  @ApiOperation({
    operationId: 'UpdateArticle',
    summary: "Update one's own article (a new title gives a new slug)",
  })
  @ApiRequiresAuth()
  @ApiSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The updated article' })
  @ApiNotTheAuthor()
  @ApiArticleNotFound()
  @ApiBodyErrors({ title: ["can't be blank"] })
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
  @ApiRequiresAuth()
  @ApiSlug()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotTheAuthor()
  @ApiArticleNotFound()
  delete(@Param('slug') slug: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.articles.delete(slug, user.id);
  }

  @Post(':slug/favorite')
  @HttpCode(200)
  @ApiOperation({ operationId: 'CreateArticleFavorite', summary: 'Favorite an article (idempotent)' })
  @ApiRequiresAuth()
  @ApiSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The article, now favorited' })
  @ApiArticleNotFound()
  favorite(@Param('slug') slug: string, @CurrentUser() user: AuthUser): Promise<SingleArticleResponseDto> {
    return this.favorites.favorite(slug, user.id);
  }

  @Delete(':slug/favorite')
  @ApiOperation({ operationId: 'DeleteArticleFavorite', summary: 'Unfavorite an article (idempotent)' })
  @ApiRequiresAuth()
  @ApiSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The article, no longer favorited' })
  @ApiArticleNotFound()
  unfavorite(@Param('slug') slug: string, @CurrentUser() user: AuthUser): Promise<SingleArticleResponseDto> {
    return this.favorites.unfavorite(slug, user.id);
  }
}
