import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { GenerateSql } from '../database/generate-sql.decorator';
import { toSqlTimestamp } from '../database/timestamps';

export type AuditTargetType = 'user' | 'session';

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
}
