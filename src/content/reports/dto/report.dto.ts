import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../../common/dto/pagination-query.dto';
import { Envelope, NullableText, RequiredText } from '../../../common/validation/decorators';
import { REPORT_REASON_MAX, REPORT_STATUSES, type ReportStatus } from '../entities/report.entity';

export class CreateReportDto {
  @ApiProperty({ example: 'Spam: links to a shop', maxLength: REPORT_REASON_MAX })
  @RequiredText({ max: REPORT_REASON_MAX })
  reason: string;
}

export class CreateReportRequestDto {
  @ApiProperty({ type: CreateReportDto })
  @Envelope(() => CreateReportDto)
  report: CreateReportDto;
}

const CLOSED = ['resolved', 'dismissed'] as const;

export class ResolveReportDto {
  @ApiProperty({ enum: CLOSED, description: 'resolved: acted upon; dismissed: nothing wrong' })
  @IsIn(CLOSED, { message: 'must be resolved or dismissed' })
  status: (typeof CLOSED)[number];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: REPORT_REASON_MAX,
    example: 'Asked the author',
  })
  @NullableText({ max: REPORT_REASON_MAX })
  note?: string | null;
}

export class ResolveReportRequestDto {
  @ApiProperty({ type: ResolveReportDto })
  @Envelope(() => ResolveReportDto)
  report: ResolveReportDto;
}

export class ReportsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: REPORT_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(REPORT_STATUSES, { message: 'must be open, resolved or dismissed' })
  status: ReportStatus = 'open';
}

export class ReportTargetDto {
  @ApiProperty({ enum: ['article', 'comment'] })
  type: 'article' | 'comment';

  @ApiProperty({
    example: 'how-to-train-your-dragon',
    description: 'The article, or the article of the comment',
  })
  slug: string;

  @ApiPropertyOptional({ type: 'integer', example: 1, description: 'The comment, for a comment report' })
  commentId?: number;
}

export class ReportDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ type: ReportTargetDto })
  target: ReportTargetDto;

  @ApiProperty({ example: 'Spam: links to a shop' })
  reason: string;

  @ApiProperty({ enum: REPORT_STATUSES })
  status: ReportStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'jake',
    description: 'null once the account is gone',
  })
  reporter: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'mod_anna' })
  resolver: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

export class SingleReportResponseDto {
  @ApiProperty({ type: ReportDto })
  report: ReportDto;
}

export class MultipleReportsResponseDto {
  @ApiProperty({ type: [ReportDto] })
  reports: ReportDto[];

  @ApiProperty({ type: 'integer', example: 1 })
  reportsCount: number;
}
