import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
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
import { notFound } from '../../common/errors/http-errors';
import { ApiArticleNotFound, ApiArticleSlug } from '../articles/articles.api';
import { CommentsService } from './comments.service';
import { MultipleCommentsResponseDto, SingleCommentResponseDto } from './dto/comment-response.dto';
import { CreateCommentRequestDto } from './dto/create-comment.dto';

@ApiTags('Comments')
@ApiCommonErrors()
@ApiArticleSlug()
@Controller('articles/:slug/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @ApiOperation({
    operationId: 'GetArticleComments',
    summary: "An article's comments, newest first (authentication optional)",
  })
  @Auth('optional')
  @ApiOkResponse({ type: MultipleCommentsResponseDto, description: "The article's comments" })
  @ApiArticleNotFound()
  findAll(@Param('slug') slug: string, @CurrentUser() user?: AuthUser): Promise<MultipleCommentsResponseDto> {
    return this.comments.findAll(slug, user);
  }

  @Post()
  @ApiOperation({ operationId: 'CreateArticleComment', summary: 'Comment on an article' })
  @Auth('required')
  @ApiCreatedResponse({ type: SingleCommentResponseDto, description: 'The new comment' })
  @ApiArticleNotFound()
  @ApiBodyErrors({ body: ["can't be blank"] })
  create(
    @Param('slug') slug: string,
    @Body() body: CreateCommentRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SingleCommentResponseDto> {
    return this.comments.create(slug, user, body.comment);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'DeleteArticleComment',
    summary: "Delete one's own comment: it goes to the trash",
    description:
      'The author may; so may a moderator or an admin (moderation: audited, and resolves its reports). ' +
      'Hidden at once; purged after TRASH_RETENTION, until then `POST …/comments/{id}/restore` brings it back.',
  })
  @Auth('required')
  @ApiParam({ name: 'id', type: 'integer', description: "The comment's id", example: 1 })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponse(403, 'The caller did not write this comment and is no moderator', {
    comment: ['forbidden'],
  })
  @ApiErrorResponse(404, 'No such article, or no such comment on it', { comment: ['not found'] })
  remove(
    @Param('slug') slug: string,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => notFound('comment') })) id: number,
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.comments.remove(slug, id, user, client);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'RestoreArticleComment',
    summary: 'Bring a comment back from the trash',
    description: 'Its author, when they deleted it themselves; a moderator or an admin, always.',
  })
  @Auth('required')
  @ApiParam({ name: 'id', type: 'integer', description: "The comment's id", example: 1 })
  @ApiOkResponse({ type: SingleCommentResponseDto, description: 'The restored comment' })
  @ApiErrorResponse(403, 'A moderator removed it: only a moderator or an admin may restore it', {
    comment: ['was removed by a moderator, who alone can restore it'],
  })
  @ApiErrorResponse(404, 'No such article, or no such comment on it', { comment: ['not found'] })
  @ApiErrorResponse(409, 'The comment is not in the trash', { comment: ['is not in the trash'] })
  restore(
    @Param('slug') slug: string,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => notFound('comment') })) id: number,
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
  ): Promise<SingleCommentResponseDto> {
    return this.comments.restore(slug, id, user, client);
  }
}
