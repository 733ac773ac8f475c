import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
import { Allow } from '../../policy/allow.decorator';
import { RateLimitBucket } from '../../rate-limit/rate-limit.decorator';
import {
  CreateReportRequestDto,
  MultipleReportsResponseDto,
  ReportsQueryDto,
  ResolveReportRequestDto,
  SingleReportResponseDto,
} from './dto/report.dto';
import { ReportsService } from './reports.service';

const REPORT_LIMIT = 'Too many reports from this address (RATE_LIMIT_REPORTS_PER_HOUR)';
const REPEATED = { report: ['you have reported this already'] };

@ApiTags('Moderation')
@ApiCommonErrors()
@Auth('required')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post('articles/:slug/report')
  @Allow('report.create')
  @RateLimitBucket('reports')
  @ApiOperation({ operationId: 'ReportArticle', summary: 'Report an article to the moderators' })
  @ApiParam({ name: 'slug', example: 'how-to-train-your-dragon' })
  @ApiCreatedResponse({ type: SingleReportResponseDto })
  @ApiBodyErrors({ reason: ["can't be blank"] })
  @ApiErrorResponse(404, 'No such article', { article: ['not found'] })
  @ApiErrorResponse(409, 'The caller reported this article already', REPEATED)
  @ApiErrorResponse(429, REPORT_LIMIT)
  reportArticle(
    @Param('slug') slug: string,
    @Body() body: CreateReportRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SingleReportResponseDto> {
    return this.reports.reportArticle(slug, user, body.report.reason);
  }

  @Post('articles/:slug/comments/:id/report')
  @Allow('report.create')
  @RateLimitBucket('reports')
  @ApiOperation({ operationId: 'ReportComment', summary: 'Report a comment to the moderators' })
  @ApiParam({ name: 'slug', example: 'how-to-train-your-dragon' })
  @ApiParam({ name: 'id', type: 'integer', example: 1 })
  @ApiCreatedResponse({ type: SingleReportResponseDto })
  @ApiBodyErrors({ reason: ["can't be blank"] })
  @ApiErrorResponse(404, 'No such article, or no such comment on it', { comment: ['not found'] })
  @ApiErrorResponse(409, 'The caller reported this comment already', REPEATED)
  @ApiErrorResponse(429, REPORT_LIMIT)
  reportComment(
    @Param('slug') slug: string,
    @Param('id', new ParseIntPipe({ exceptionFactory: () => notFound('comment') })) id: number,
    @Body() body: CreateReportRequestDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SingleReportResponseDto> {
    return this.reports.reportComment(slug, id, user, body.report.reason);
  }

  @Get('reports')
  @Allow('report.review')
  @ApiOperation({ operationId: 'ListReports', summary: 'Reports by status (open by default), oldest first' })
  @ApiOkResponse({ type: MultipleReportsResponseDto })
  @ApiErrorResponse(422, 'A query parameter is invalid', { status: ['must be open, resolved or dismissed'] })
  list(@Query() query: ReportsQueryDto): Promise<MultipleReportsResponseDto> {
    return this.reports.list(query);
  }

  @Patch('reports/:id')
  @Allow('report.review')
  @ApiOperation({ operationId: 'ResolveReport', summary: 'Close a report: resolved or dismissed' })
  @ApiParam({ name: 'id', type: 'integer', example: 1 })
  @ApiOkResponse({ type: SingleReportResponseDto })
  @ApiBodyErrors({ status: ['must be resolved or dismissed'] })
  @ApiErrorResponse(404, 'No such report', { report: ['not found'] })
  @ApiErrorResponse(409, 'Already closed (by another moderator)', { report: ['is already closed'] })
  resolve(
    @Param('id', new ParseIntPipe({ exceptionFactory: () => notFound('report') })) id: number,
    @Body() body: ResolveReportRequestDto,
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
  ): Promise<SingleReportResponseDto> {
    return this.reports.resolve(id, user, body.report, client);
  }
}
