import type { ClientInfo } from '../../common/client-info';
import { DomainEvent } from '../../events/domain-event';
import type { ReportStatus } from './entities/report.entity';

/** A moderator closed a report: resolved (acted upon) or dismissed. */
export class ReportResolved extends DomainEvent {
  constructor(
    readonly reportId: number,
    readonly status: Exclude<ReportStatus, 'open'>,
    readonly actorId: number,
    readonly at: Date,
    readonly client: ClientInfo,
  ) {
    super();
  }
}
