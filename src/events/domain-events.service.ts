import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { DomainEvent } from './domain-event';

/** Publishes domain events to their subscribers (@OnDomainEvent) and waits until every subscriber is done. */
@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  /**
   * Call after the write committed and before answering: a subscriber such as the response cache must have
   * retired what the write changed before the client can read again.
   */
  async publish(event: DomainEvent): Promise<void> {
    await this.emitter.emitAsync(event.constructor.name, event);
  }
}
