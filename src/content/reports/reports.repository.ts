import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { GenerateSql } from '../../database/generate-sql.decorator';
import { fromSqlTimestamp, toSqlTimestamp } from '../../database/timestamps';
import type { ReportStatus, ReportTargetType } from './entities/report.entity';

export interface NewReport {
  reporterId: number;
  targetType: ReportTargetType;
  targetId: number;
  articleSlug: string;
  reason: string;
  createdAt: Date;
}

/** A report as moderators see it. */
export interface ReportRow {
  id: number;
  targetType: ReportTargetType;
  targetId: number;
  articleSlug: string;
  reason: string;
  status: ReportStatus;
  reporter: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolver: string | null;
  resolutionNote: string | null;
}

export interface ReportFilter {
  status: ReportStatus;
  limit: number;
  offset: number;
}

const REPORT_COLUMNS = `r.id, r.target_type AS targetType, r.target_id AS targetId, r.article_slug AS articleSlug,
  r.reason, r.status, reporter.username AS reporter, r.created_at AS createdAt, r.resolved_at AS resolvedAt,
  resolver.username AS resolver, r.resolution_note AS resolutionNote`;
const REPORT_JOINS = `LEFT JOIN users reporter ON reporter.id = r.reporter_id
  LEFT JOIN users resolver ON resolver.id = r.resolver_id`;

type Row = Omit<ReportRow, 'createdAt' | 'resolvedAt'> & {
  createdAt: Date | string;
  resolvedAt: Date | string | null;
};

/** The reports table. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Database) {}

  /** A repeated report of one target by one user violates UQ_reports_reporter_target (the caller translates it). */
  @GenerateSql({
    params: [
      {
        reporterId: 1,
        targetType: 'article',
        targetId: 1,
        articleSlug: 'dragons',
        reason: 'spam',
        createdAt: new Date(0),
      },
    ],
  })
  async insert(report: NewReport): Promise<number> {
    const { insertId } = await this.db.execute(
      `INSERT INTO reports (reporter_id, target_type, target_id, article_slug, reason, status, created_at,
         resolved_at, resolver_id, resolution_note)
       VALUES (?, ?, ?, ?, ?, 'open', ?, NULL, NULL, NULL)`,
      [
        report.reporterId,
        report.targetType,
        report.targetId,
        report.articleSlug,
        report.reason,
        toSqlTimestamp(report.createdAt),
      ],
    );
    return insertId;
  }

  @GenerateSql({ params: [1] })
  async findById(id: number): Promise<ReportRow | null> {
    const [row] = await this.db.query<Row>(
      `SELECT ${REPORT_COLUMNS} FROM reports r ${REPORT_JOINS} WHERE r.id = ?`,
      [id],
    );
    return row ? toReportRow(row) : null;
  }

  /** Oldest first: the queue of work for moderators. */
  @GenerateSql({ params: [{ status: 'open', limit: 20, offset: 0 }] })
  async findPage(filter: ReportFilter): Promise<{ reports: ReportRow[]; count: number }> {
    const rows = await this.db.query<Row>(
      `SELECT ${REPORT_COLUMNS} FROM reports r ${REPORT_JOINS}
       WHERE r.status = ? ORDER BY r.created_at, r.id LIMIT ? OFFSET ?`,
      [filter.status, filter.limit, filter.offset],
    );
    const [total] = await this.db.query<{ count: number }>(
      'SELECT COUNT(*) AS count FROM reports WHERE status = ?',
      [filter.status],
    );
    return { reports: rows.map(toReportRow), count: Number(total?.count ?? 0) };
  }

  /** Closes an open report; answers false when it was not open (closed meanwhile, or unknown). */
  @GenerateSql({ params: [1, 'resolved', 2, 'removed', new Date(0)] })
  async close(
    id: number,
    status: ReportStatus,
    resolverId: number,
    note: string | null,
    at: Date,
  ): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      `UPDATE reports SET status = ?, resolver_id = ?, resolution_note = ?, resolved_at = ?
       WHERE id = ? AND status = 'open'`,
      [status, resolverId, note, toSqlTimestamp(at), id],
    );
    return affectedRows === 1;
  }

  /** Resolves every open report of a target (a moderator removed it); answers how many. */
  @GenerateSql({ params: ['article', 1, 2, new Date(0)] })
  async resolveTarget(
    targetType: ReportTargetType,
    targetId: number,
    resolverId: number,
    at: Date,
  ): Promise<number> {
    const { affectedRows } = await this.db.execute(
      `UPDATE reports SET status = 'resolved', resolver_id = ?, resolution_note = 'content removed', resolved_at = ?
       WHERE target_type = ? AND target_id = ? AND status = 'open'`,
      [resolverId, toSqlTimestamp(at), targetType, targetId],
    );
    return affectedRows;
  }
}

function toReportRow(row: Row): ReportRow {
  return {
    ...row,
    id: Number(row.id),
    targetId: Number(row.targetId),
    reporter: row.reporter ?? null,
    resolver: row.resolver ?? null,
    resolutionNote: row.resolutionNote ?? null,
    createdAt: fromSqlTimestamp(row.createdAt),
    resolvedAt: row.resolvedAt === null ? null : fromSqlTimestamp(row.resolvedAt),
  };
}
