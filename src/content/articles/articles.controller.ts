import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { Client } from '../../common/decorators/client.decorator';
import {
  ApiBodyErrors,
  ApiCommonErrors,
  ApiErrorResponse,
} from '../../common/decorators/api-responses.decorator';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { ArticleTrash } from './article-trash.service';
import { ApiArticleNotFound, ApiArticleSlug, ApiInvalidPage, ApiNotTheAuthor } from './articles.api';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesService } from './articles.service';
import { ARTICLE_LIST_RESPONSE } from './dto/article-list.schema';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { CreateArticleRequestDto } from './dto/create-article.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import { UpdateArticleRequestDto } from './dto/update-article.dto';
import { FavoritesService } from './favorites.service';

@ApiTags('Articles')
@ApiCommonErrors()
@Controller('articles')
export class ArticlesController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly queries: ArticlesQueryService,
    private readonly favorites: FavoritesService,
    private readonly trash: ArticleTrash,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'GetArticles',
    summary: 'List articles, newest first (authentication optional)',
  })
  @Auth('optional')
  @ApiOkResponse({
    type: MultipleArticlesResponseDto,
    description: 'One page of the matching articles (without bodies) and their total',
  })
  @ApiInvalidPage()
  @RouteSchema(ARTICLE_LIST_RESPONSE)
  findAll(
    @Query() query: ListArticlesQueryDto,
    @CurrentUser() user?: AuthUser,
  ): Promise<MultipleArticlesResponseDto> {
    return this.queries.findAll(query, user?.id);
  }

  @Get('feed')
  @ApiOperation({
    operationId: 'GetArticlesFeed',
    summary: 'Articles by the authors the caller follows, newest first',
  })
  @Auth('required')
  @ApiOkResponse({
    type: MultipleArticlesResponseDto,
    description: 'One page of the feed (without bodies) and its total',
  })
  @ApiInvalidPage()
  @RouteSchema(ARTICLE_LIST_RESPONSE)
  feed(
    @Query() query: PaginationQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MultipleArticlesResponseDto> {
    return this.queries.feed(query, user.id);
  }

  @Post()
  @ApiOperation({ operationId: 'CreateArticle', summary: 'Create an article' })
  @Auth('required')
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
  @ApiOperation({ operationId: 'GetArticle', summary: 'Get an article (authentication optional)' })
  @Auth('optional')
  @ApiArticleSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The article, with its body' })
  @ApiArticleNotFound()
  findOne(@Param('slug') slug: string, @CurrentUser() user?: AuthUser): Promise<SingleArticleResponseDto> {
    return this.queries.findOne(slug, user);
  }

  @Put(':slug')
  @ApiOperation({
    operationId: 'UpdateArticle',
    summary: "Update one's own article (a new title gives a new slug)",
    description: 'The author may; so may an admin.',
  })
  @Auth('required')
  @ApiArticleSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The updated article' })
  @ApiNotTheAuthor()
  @ApiArticleNotFound()
  @ApiBodyErrors({ title: ["can't be blank"] })
  update(
    @Param('slug') slug: string,
    @Body() body: UpdateArticleRequestDto,
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
  ): Promise<SingleArticleResponseDto> {
    return this.articles.update(slug, user, body.article, client);
  }

  @Delete(':slug')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'DeleteArticle',
    summary: "Delete one's own article: it goes to the trash, with its comments and favorites",
    description:
      'The author may; so may a moderator or an admin (moderation: audited, and resolves its reports). ' +
      'The article is hidden everywhere at once and purged after TRASH_RETENTION; until then ' +
      '`POST /api/articles/{slug}/restore` brings it back as it was, and its slug stays taken.',
  })
  @Auth('required')
  @ApiArticleSlug()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotTheAuthor()
  @ApiArticleNotFound()
  remove(
    @Param('slug') slug: string,
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.trash.moveToTrash(slug, user, client);
  }

  @Post(':slug/restore')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'RestoreArticle',
    summary: 'Bring an article back from the trash, with its comments, favorites and tags',
    description:
      'Its author, when they deleted it themselves; a moderator or an admin, always. The article comes back in ' +
      'its status; a publication or unpublication that fell due while it was in the trash happens now.',
  })
  @Auth('required')
  @ApiArticleSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The restored article' })
  @ApiErrorResponse(403, 'A moderator removed it: only a moderator or an admin may restore it', {
    article: ['was removed by a moderator, who alone can restore it'],
  })
  @ApiArticleNotFound()
  @ApiErrorResponse(409, 'The article is not in the trash', { article: ['is not in the trash'] })
  restore(
    @Param('slug') slug: string,
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
  ): Promise<SingleArticleResponseDto> {
    return this.trash.restore(slug, user, client);
  }

  @Post(':slug/favorite')
  @HttpCode(200)
  @ApiOperation({ operationId: 'CreateArticleFavorite', summary: 'Favorite an article (idempotent)' })
  @Auth('required')
  @ApiArticleSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The article, now favorited' })
  @ApiArticleNotFound()
  favorite(@Param('slug') slug: string, @CurrentUser() user: AuthUser): Promise<SingleArticleResponseDto> {
    return this.favorites.favorite(slug, user);
  }

  @Delete(':slug/favorite')
  @ApiOperation({ operationId: 'DeleteArticleFavorite', summary: 'Unfavorite an article (idempotent)' })
  @Auth('required')
  @ApiArticleSlug()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The article, no longer favorited' })
  @ApiArticleNotFound()
  unfavorite(@Param('slug') slug: string, @CurrentUser() user: AuthUser): Promise<SingleArticleResponseDto> {
    return this.favorites.unfavorite(slug, user);
  }
}
