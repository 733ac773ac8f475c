import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { GenerateSql } from '../database/generate-sql.decorator';
import { fromSqlTimestamp, toSqlTimestamp } from '../database/timestamps';

export type AuditTargetType = 'user' | 'session' | 'article' | 'comment' | 'report';

/** One row of the audit log, as a subscriber records it. */
export interface AuditEntry {
  type: string;
  actorId: number | null;
  target: { type: AuditTargetType; id: string | number } | null;
  address: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
  at: Date;
}

/** A stored event as admins read it, with the actor's current username. */
export interface AuditRow {
  id: number;
  type: string;
  actorId: number | null;
  actor: string | null;
  targetType: string | null;
  targetId: string | null;
  address: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
  createdAt: Date;
}

export interface AuditFilter {
  /** The actor's username. */
  actor?: string;
  targetType?: string;
  targetId?: string;
  type?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

type StoredRow = Omit<AuditRow, 'details' | 'createdAt'> & {
  details: string | null;
  createdAt: Date | string;
};

/** The audit_events table. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({
    params: [
      {
        type: 'session.revoked',
        actorId: 1,
        target: { type: 'session', id: 'session' },
        address: '127.0.0.1',
        userAgent: 'curl/8.5.0',
        requestId: 'request',
        details: { reason: 'revoked' },
        at: new Date(0),
      },
    ],
  })
  async insert(entry: AuditEntry): Promise<void> {
    await this.db.execute(
      `INSERT INTO audit_events (type, actor_id, target_type, target_id, address, user_agent, request_id, details,
         created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.type,
        entry.actorId,
        entry.target?.type ?? null,
        entry.target === null ? null : String(entry.target.id),
        entry.address,
        entry.userAgent,
        entry.requestId,
        entry.details === null ? null : JSON.stringify(entry.details),
        toSqlTimestamp(entry.at),
      ],
    );
  }

  /** Newest first, and how many match. */
  @GenerateSql({
    params: [
      { actor: 'jake', type: 'sign-in.failed', from: new Date(0), to: new Date(0), limit: 20, offset: 0 },
    ],
  })
  async findPage(filter: AuditFilter): Promise<{ events: AuditRow[]; count: number }> {
    const { where, params } = auditConditions(filter);
    const rows = await this.db.query<StoredRow>(
      `SELECT e.id, e.type, e.actor_id AS actorId, u.username AS actor, e.target_type AS targetType,
         e.target_id AS targetId, e.address, e.user_agent AS userAgent, e.request_id AS requestId, e.details,
         e.created_at AS createdAt
       FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
       ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT ? OFFSET ?`,
      [...params, filter.limit, filter.offset],
    );
    const [total] = await this.db.query<{ count: number }>(
      `SELECT COUNT(*) AS count FROM audit_events e ${where}`,
      params,
    );
    return { events: rows.map(toAuditRow), count: Number(total?.count ?? 0) };
  }

  /** Events older than `before`, deleted; answers how many. */
  @GenerateSql({ params: [new Date(0)] })
  async deleteBefore(before: Date): Promise<number> {
    const { affectedRows } = await this.db.execute('DELETE FROM audit_events WHERE created_at < ?', [
      toSqlTimestamp(before),
    ]);
    return affectedRows;
  }
}

function auditConditions(filter: AuditFilter): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown): void => {
    conditions.push(condition);
    params.push(value);
  };
  if (filter.actor !== undefined) add('e.actor_id = (SELECT id FROM users WHERE username = ?)', filter.actor);
  if (filter.targetType !== undefined) add('e.target_type = ?', filter.targetType);
  if (filter.targetId !== undefined) add('e.target_id = ?', filter.targetId);
  if (filter.type !== undefined) add('e.type = ?', filter.type);
  if (filter.from !== undefined) add('e.created_at >= ?', toSqlTimestamp(filter.from));
  if (filter.to !== undefined) add('e.created_at < ?', toSqlTimestamp(filter.to));
  return { where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
}

function toAuditRow(row: StoredRow): AuditRow {
  return {
    ...row,
    id: Number(row.id),
    actorId: row.actorId === null ? null : Number(row.actorId),
    details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
    createdAt: fromSqlTimestamp(row.createdAt),
  };
}
