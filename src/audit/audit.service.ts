import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { auditConfig } from '../config/configuration';
import { JobRunner } from '../jobs/job-runner.service';
import { AuditRepository, type AuditFilter, type AuditRow } from './audit.repository';
import type { AuditEventDto, AuditEventsResponseDto, AuditQueryDto } from './dto/audit.dto';

/** Reading the audit log (admins, by the policy's `audit.read`) and keeping it within AUDIT_RETENTION_DAYS. */
@Injectable()
export class AuditService implements OnModuleInit {
  constructor(
    private readonly audit: AuditRepository,
    private readonly runner: JobRunner,
    @Inject(auditConfig.KEY) private readonly config: ConfigType<typeof auditConfig>,
  ) {}

  onModuleInit(): void {
    this.runner.every('audit.purge', 3_600_000, async () => {
      await this.audit.deleteBefore(new Date(Date.now() - this.config.retentionMs));
    });
  }

  async list(query: AuditQueryDto): Promise<AuditEventsResponseDto> {
    const filter: AuditFilter = { limit: query.limit, offset: query.offset };
    for (const key of ['actor', 'targetType', 'targetId', 'type', 'from', 'to'] as const)
      if (query[key] !== undefined) Object.assign(filter, { [key]: query[key] });
    const { events, count } = await this.audit.findPage(filter);
    return { events: events.map(toAuditEventDto), eventsCount: count };
  }
}

function toAuditEventDto(row: AuditRow): AuditEventDto {
  return {
    id: row.id,
    type: row.type,
    actor: row.actor,
    target:
      row.targetType === null || row.targetId === null ? null : { type: row.targetType, id: row.targetId },
    address: row.address,
    userAgent: row.userAgent,
    requestId: row.requestId,
    details: row.details,
    createdAt: row.createdAt.toISOString(),
  };
}
