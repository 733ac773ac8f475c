import type { ReportDto } from './dto/report.dto';
import type { ReportRow } from './reports.repository';

export function toReportDto(row: ReportRow): ReportDto {
  const target =
    row.targetType === 'comment'
      ? { type: row.targetType, slug: row.articleSlug, commentId: row.targetId }
      : { type: row.targetType, slug: row.articleSlug };
  return {
    id: row.id,
    target,
    reason: row.reason,
    status: row.status,
    reporter: row.reporter,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolver: row.resolver,
    note: row.resolutionNote,
  };
}
