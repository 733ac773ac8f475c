import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { ApiCommonErrors, ApiErrorResponse } from '../../common/decorators/api-responses.decorator';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { notFound } from '../../common/errors/http-errors';
import { ApiArticleNotFound, ApiArticleSlug, ApiInvalidPage } from '../articles/articles.api';
import { SingleArticleResponseDto } from '../articles/dto/article-response.dto';
import { RevisionListResponseDto, RevisionResponseDto } from './dto/revision.dto';
import { RevisionsService } from './revisions.service';

const revisionId = () => new ParseIntPipe({ exceptionFactory: () => notFound('revision') });
const ApiRevisionId = () =>
  ApiParam({ name: 'id', type: 'integer', description: "The revision's id", example: 1 });
const ApiNoHistoryAccess = () =>
  ApiErrorResponse(403, 'The caller is neither the author, a moderator nor an admin', {
    article: ['forbidden'],
  });

@ApiTags('Revisions')
@ApiCommonErrors()
@ApiArticleSlug()
@ApiArticleNotFound()
@Controller('articles/:slug/revisions')
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  @Get()
  @ApiOperation({
    operationId: 'GetArticleRevisions',
    summary: "An article's past versions, newest first (its author, moderators, admins)",
  })
  @Auth('required')
  @ApiOkResponse({ type: RevisionListResponseDto })
  @ApiNoHistoryAccess()
  @ApiInvalidPage()
  list(
    @Param('slug') slug: string,
    @Query() query: PaginationQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<RevisionListResponseDto> {
    return this.revisions.list(slug, user, query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'GetArticleRevision',
    summary: 'One past version, with a line diff against the current text',
  })
  @Auth('required')
  @ApiRevisionId()
  @ApiOkResponse({ type: RevisionResponseDto })
  @ApiNoHistoryAccess()
  findOne(
    @Param('slug') slug: string,
    @Param('id', revisionId()) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<RevisionResponseDto> {
    return this.revisions.findOne(slug, id, user);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'RestoreArticleRevision',
    summary: 'Make a past version current again (a new edit: the current version becomes a revision)',
    description: 'As any edit: the author or an admin.',
  })
  @Auth('required')
  @ApiRevisionId()
  @ApiOkResponse({ type: SingleArticleResponseDto, description: 'The article as restored' })
  @ApiNoHistoryAccess()
  restore(
    @Param('slug') slug: string,
    @Param('id', revisionId()) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<SingleArticleResponseDto> {
    return this.revisions.restore(slug, id, user);
  }
}
