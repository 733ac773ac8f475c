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
import {
  ApiBodyErrors,
  ApiCommonErrors,
  ApiErrorResponse,
  ApiOptionalAuth,
  ApiRequiresAuth,
} from '../../common/decorators/api-responses.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { notFound } from '../../common/errors/http-errors';
import { CommentsService } from './comments.service';
import { MultipleCommentsResponseDto, SingleCommentResponseDto } from './dto/comment-response.dto';
import { CreateCommentRequestDto } from './dto/create-comment.dto';

@ApiTags('Comments')
@ApiCommonErrors()
@ApiParam({ name: 'slug', description: "The article's slug", example: 'how-to-train-your-dragon' })
@Controller('articles/:slug/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'GetArticleComments',
    summary: "An article's comments, newest first (authentication optional)",
  })
  @ApiOptionalAuth()
  @ApiOkResponse({ type: MultipleCommentsResponseDto, description: "The article's comments" })
  @ApiErrorResponse(404, 'No article has this slug', { article: ['not found'] })
  list(@Param('slug') slug: string, @CurrentUser() user?: AuthUser): Promise<MultipleCommentsResponseDto> {
    return this.comments.list(slug, user?.id);
  }

  @Post()
  @ApiOperation({ operationId: 'CreateArticleComment', summary: 'Comment on an article' })
  @ApiRequiresAuth()
  @ApiCreatedResponse({ type: SingleCommentResponseDto, description: 'The new comment' })
  @ApiErrorResponse(404, 'No article has this slug', { article: ['not found'] })
  @ApiBodyErrors({ body: ["can't be blank"] })
  create(
    @Param('slug') slug: string,
    @Body() body: CreateCommentRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SingleCommentResponseDto> {
    return this.comments.create(slug, user.id, body.comment);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'DeleteArticleComment', summary: "Delete one's own comment" })
  @ApiRequiresAuth()
  @ApiParam({ name: 'id', type: 'integer', description: "The comment's id", example: 1 })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponse(403, 'The caller did not write this comment', { comment: ['forbidden'] })
  @ApiErrorResponse(404, 'No such article, or no such comment on it', { comment: ['not found'] })
  delete(
    @Param('slug') slug: string,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => notFound('comment') })) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.comments.delete(slug, id, user.id);
  }
}
