import { Injectable, Type } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, TestingModule } from '@nestjs/testing';
import { TX } from '../../test/support/unit-doubles';
import type { Transaction } from '../database/sql-executor';
import { DomainEvent } from './domain-event';
import { DomainEvents } from './domain-events.service';
import { EventsModule } from './events.module';
import { OnDomainEvent, OnDomainEventWithin } from './on-domain-event.decorator';

class SomethingHappened extends DomainEvent {
  constructor(
    readonly actorId: number,
    readonly at: Date,
  ) {
    super();
  }
}

class SomethingElse extends DomainEvent {
  readonly actorId = 1;
  readonly at = new Date(0);
}

@Injectable()
class SlowSubscriber {
  readonly seen: string[] = [];

  @OnDomainEvent(SomethingHappened)
  async onHappened(event: SomethingHappened): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.seen.push(`happened by ${event.actorId}`);
  }

  @OnDomainEvent(SomethingHappened)
  async failing(): Promise<void> {
    throw new Error('a subscriber that fails');
  }
}

@Injectable()
class WithinSubscriber {
  readonly seen: { actorId: number; tx: Transaction }[] = [];

  @OnDomainEventWithin(SomethingHappened)
  async onHappened(event: SomethingHappened, tx: Transaction): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.seen.push({ actorId: event.actorId, tx });
  }
}

@Injectable()
class FailingWithinSubscriber {
  @OnDomainEventWithin(SomethingHappened)
  async onHappened(): Promise<void> {
    throw new Error('the outbox row could not be written');
  }
}

@Injectable()
class AfterCommitSubscriber {
  readonly seen: number[] = [];

  @OnDomainEvent(SomethingHappened)
  onHappened(event: SomethingHappened): void {
    this.seen.push(event.actorId);
  }
}

describe('DomainEvents', () => {
  let started: TestingModule | undefined;

  /** The bus as the application configures it (EventsModule), with the given subscribers. */
  async function start(...subscribers: Type[]): Promise<TestingModule> {
    started = await Test.createTestingModule({ imports: [EventsModule], providers: subscribers }).compile();
    started.useLogger(false);
    await started.init();
    return started;
  }

  afterEach(async () => {
    await started?.close();
    started = undefined;
  });

  it('should wait for every subscriber of the event class, and not fail the publisher when one throws', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [EventEmitterModule.forRoot()],
      providers: [DomainEvents, SlowSubscriber],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    const subscriber = moduleRef.get(SlowSubscriber);
    const events = moduleRef.get(DomainEvents);

    await events.publish(new SomethingHappened(7, new Date()));
    expect(subscriber.seen).toEqual(['happened by 7']);

    await events.publish(new SomethingElse());
    expect(subscriber.seen).toEqual(['happened by 7']);
    await moduleRef.close();
  });

  it('should not reach the @OnDomainEventWithin subscribers when publishing after the commit', async () => {
    const app = await start(WithinSubscriber, FailingWithinSubscriber, AfterCommitSubscriber);
    await app.get(DomainEvents).publish(new SomethingHappened(7, new Date()));
    expect(app.get(AfterCommitSubscriber).seen).toEqual([7]);
    expect(app.get(WithinSubscriber).seen).toEqual([]);
  });

  describe('publishWithin', () => {
    it('should hand the transaction to every @OnDomainEventWithin subscriber and wait for them', async () => {
      const app = await start(WithinSubscriber);
      await app.get(DomainEvents).publishWithin(TX, new SomethingHappened(7, new Date()));
      expect(app.get(WithinSubscriber).seen).toEqual([{ actorId: 7, tx: TX }]);
    });

    it('should fail the publisher when a subscriber within the transaction throws', async () => {
      const app = await start(WithinSubscriber, FailingWithinSubscriber);
      await expect(
        app.get(DomainEvents).publishWithin(TX, new SomethingHappened(7, new Date())),
      ).rejects.toThrow('the outbox row could not be written');
    });

    it('should not reach the @OnDomainEvent subscribers, which hear of the write after it committed', async () => {
      const app = await start(WithinSubscriber, AfterCommitSubscriber);
      await app.get(DomainEvents).publishWithin(TX, new SomethingHappened(7, new Date()));
      expect(app.get(AfterCommitSubscriber).seen).toEqual([]);
      expect(app.get(WithinSubscriber).seen).toHaveLength(1);
    });

    it('should not reach the subscribers of another event class', async () => {
      const app = await start(WithinSubscriber, FailingWithinSubscriber);
      await app.get(DomainEvents).publishWithin(TX, new SomethingElse());
      expect(app.get(WithinSubscriber).seen).toEqual([]);
    });
  });
});
