import type { Role } from '../policy/roles';
import type { ClientInfo } from '../common/client-info';
import { DomainEvent } from '../events/domain-event';

export class UserRegistered extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly username: string,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}

/** The account fields a change may touch; username, bio and image are public (they show wherever the user does). */
export type AccountField = 'email' | 'username' | 'password' | 'bio' | 'image';

export const PUBLIC_PROFILE_FIELDS: readonly AccountField[] = ['username', 'bio', 'image'];

export class UserUpdated extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly fields: readonly AccountField[],
    readonly at: Date,
    /** Where the change came from, when a request made it. */
    readonly client: ClientInfo | null = null,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }

  get changesProfile(): boolean {
    return this.fields.some((field) => PUBLIC_PROFILE_FIELDS.includes(field));
  }
}

export class FollowChanged extends DomainEvent {
  constructor(
    readonly followerId: number,
    readonly followingId: number,
    /** true: now follows; false: no longer follows. */
    readonly following: boolean,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.followerId;
  }
}

/** An admin (or the `npm run admin` command, actor null) gave the account another role. */
export class UserRoleChanged extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly from: Role,
    readonly to: Role,
    readonly actorId: number | null,
    readonly client: ClientInfo | null,
    readonly at: Date,
  ) {
    super();
  }
}

/** An admin suspended (suspended: true) or restored the account. A suspension ends every session of it. */
export class UserSuspensionChanged extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly suspended: boolean,
    readonly actorId: number,
    readonly client: ClientInfo,
    readonly at: Date,
  ) {
    super();
  }
}

/**
 * Published inside the transaction that deletes an account, before its row goes (with everything it owns, by the
 * cascading foreign keys): whatever counts the account's content or favorites counts them out here, in step.
 */
export class AccountClosing extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly at: Date,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}

/** The account is gone, with its articles, comments, favorites, follows and sessions. */
export class AccountClosed extends DomainEvent {
  constructor(
    readonly userId: number,
    readonly username: string,
    readonly at: Date,
    readonly client: ClientInfo | null = null,
  ) {
    super();
  }

  get actorId(): number {
    return this.userId;
  }
}
