import { OnEvent } from '@nestjs/event-emitter';
import type { DomainEvent, DomainEventClass } from './domain-event';

/**
 * Subscribes a provider's method to a domain event class. A subscriber that throws is logged and does not fail
 * the write that published the event: the write is committed and its client is owed its answer.
 */
export function OnDomainEvent<E extends DomainEvent>(event: DomainEventClass<E>): MethodDecorator {
  return OnEvent(event.name, { suppressErrors: true });
}

/**
 * Subscribes a method `(event, tx)` to a domain event published inside its write's transaction
 * (DomainEvents.publishWithin): what it writes through `tx` commits with the write, and if it throws the write
 * fails and rolls back.
 */
export function OnDomainEventWithin<E extends DomainEvent>(event: DomainEventClass<E>): MethodDecorator {
  return OnEvent(withinTransactionName(event.name), { suppressErrors: false });
}

export function withinTransactionName(eventName: string): string {
  return `${eventName}:within-transaction`;
}
