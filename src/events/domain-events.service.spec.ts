import { Injectable } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DomainEvent } from './domain-event';
import { DomainEvents } from './domain-events.service';
import { OnDomainEvent } from './on-domain-event.decorator';

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

describe('DomainEvents', () => {
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
});
