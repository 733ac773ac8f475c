import { OnEvent } from '@nestjs/event-emitter';
import type { DomainEvent, DomainEventClass } from './domain-event';

/**
 * Subscribes a provider's method to a domain event class. A subscriber that throws is logged and does not fail
 * the write that published the event: the write is committed and its client is owed its answer.
 */
export function OnDomainEvent<E extends DomainEvent>(event: DomainEventClass<E>): MethodDecorator {
  return OnEvent(event.name, { suppressErrors: true });
}
