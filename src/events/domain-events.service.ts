import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Transaction } from '../database/sql-executor';
import type { DomainEvent } from './domain-event';
import { withinTransactionName } from './on-domain-event.decorator';

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

  /**
   * Call inside the write's transaction: subscribers (@OnDomainEventWithin) write their part (an outbox row: a
   * mail, later a webhook delivery) in it, so it commits with the change or not at all. A subscriber that throws
   * fails the write.
   */
  async publishWithin(tx: Transaction, event: DomainEvent): Promise<void> {
    await this.emitter.emitAsync(withinTransactionName(event.constructor.name), event, tx);
  }
}
