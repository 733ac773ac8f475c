/**
 * Something that happened, published after it was committed. Subscribers (the response cache today; webhooks and
 * the audit log later) learn from it what changed, who did it and when, without the writer knowing about them.
 */
export abstract class DomainEvent {
  /** The signed-in user who caused it; null when nobody was (a failed sign-in, a stolen token presented). */
  abstract readonly actorId: number | null;
  abstract readonly at: Date;
}

/** An event class: its name is the event's name on the bus. */
export type DomainEventClass<E extends DomainEvent = DomainEvent> = abstract new (...args: never[]) => E;
