import type { ClientInfo } from '../../common/client-info';
import { DomainEvent } from '../../events/domain-event';

/** Two-factor sign-in was switched on (enabled: true) or off for the account. */
export class MfaChanged extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly enabled: boolean,
    readonly client: ClientInfo,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}
