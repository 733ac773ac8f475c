import type { ClientInfo } from '../../common/client-info';
import { DomainEvent } from '../../events/domain-event';

/** A link to confirm `email` is to be mailed to it (published in the transaction that stored its token). */
export class EmailConfirmationRequested extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly email: string,
    /** The secret of the link; it exists only in this event and the mail. */
    readonly token: string,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}

/** A password-reset link is to be mailed (published in the transaction that stored its token). */
export class PasswordResetRequested extends DomainEvent {
  readonly actorId = null;

  constructor(
    readonly userId: number,
    readonly email: string,
    readonly token: string,
    readonly at: Date,
  ) {
    super();
  }
}

/** A link to apply an e-mail change is to be mailed to the new address. */
export class EmailChangeRequested extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly newEmail: string,
    readonly token: string,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}

export class EmailConfirmed extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly email: string,
    readonly client: ClientInfo,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}

/** The address changed (its new owner followed the link); the old address is told. */
export class EmailChanged extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly oldEmail: string,
    readonly newEmail: string,
    readonly client: ClientInfo,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}

/** A password was set through a reset link; every session has been signed out. */
export class PasswordResetCompleted extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly client: ClientInfo,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}
