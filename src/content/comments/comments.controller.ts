import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
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
import { notFound } from '../../common/errors/http-errors';
import { CommentsService } from './comments.service';
import { MultipleCommentsResponseDto, SingleCommentResponseDto } from './dto/comment-response.dto';
import { CreateCommentRequestDto } from './dto/create-comment.dto';

@ApiTags('Comments')
@ApiBearerAuth()
@Controller('articles/:slug/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'GetArticleComments',
    summary: "An article's comments, newest first (authentication optional)",
  })
  @ApiOkResponse({ type: MultipleCommentsResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  list(@Param('slug') slug: string, @CurrentUser() user?: AuthUser): Promise<MultipleCommentsResponseDto> {
    return this.comments.list(slug, user?.id);
  }

  @Post()
  @ApiOperation({ operationId: 'CreateArticleComment', summary: 'Comment on an article' })
  @ApiCreatedResponse({ type: SingleCommentResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
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
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The caller did not write this comment' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such article, or no such comment on it' })
  delete(
    @Param('slug') slug: string,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => notFound('comment') })) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.comments.delete(slug, id, user.id);
  }
}
