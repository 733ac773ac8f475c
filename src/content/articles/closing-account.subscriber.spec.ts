import { Test, TestingModule } from '@nestjs/testing';
import { TX } from '../../../test/support/unit-doubles';
import { DomainEvents } from '../../events/domain-events.service';
import { EventsModule } from '../../events/events.module';
import { AccountClosed, AccountClosing } from '../../users/user.events';
import { TagsService } from '../tags/tags.service';
import { ArticlesRepository } from './articles.repository';
import { ClosingAccountCounters } from './closing-account.subscriber';

const AT = new Date('2026-04-01T09:00:00.000Z');

describe('ClosingAccountCounters', () => {
  let articles: jest.Mocked<Pick<ArticlesRepository, 'uncountAuthor' | 'uncountFavoritesOf'>>;
  let tags: jest.Mocked<Pick<TagsService, 'uncountAuthor'>>;
  let moduleRef: TestingModule;
  let events: DomainEvents;

  beforeEach(async () => {
    articles = {
      uncountAuthor: jest.fn().mockResolvedValue(undefined),
      uncountFavoritesOf: jest.fn().mockResolvedValue(undefined),
    };
    tags = { uncountAuthor: jest.fn().mockResolvedValue(undefined) };
    moduleRef = await Test.createTestingModule({
      imports: [EventsModule],
      providers: [
        ClosingAccountCounters,
        { provide: ArticlesRepository, useValue: articles },
        { provide: TagsService, useValue: tags },
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    events = moduleRef.get(DomainEvents);
  });

  afterEach(async () => {
    await moduleRef.close();
  });

  it("should count the account's articles out of the tags and the total, and its favorites out of their articles, in the closing transaction", async () => {
    await events.publishWithin(TX, new AccountClosing(42, AT));
    expect(tags.uncountAuthor.mock.calls).toEqual([[42, TX]]);
    expect(articles.uncountAuthor.mock.calls).toEqual([[42, TX]]);
    expect(articles.uncountFavoritesOf.mock.calls).toEqual([[42, TX]]);
  });

  it('should fail the closing (so that it rolls back) when a counter cannot be updated', async () => {
    articles.uncountAuthor.mockRejectedValue(new Error('the total could not be updated'));
    await expect(events.publishWithin(TX, new AccountClosing(42, AT))).rejects.toThrow(
      'the total could not be updated',
    );
  });

  it('should count nothing out after the fact: not for AccountClosing after a commit, nor for AccountClosed', async () => {
    await events.publish(new AccountClosing(42, AT));
    await events.publish(new AccountClosed(42, 'jake', AT));
    expect(tags.uncountAuthor).not.toHaveBeenCalled();
    expect(articles.uncountAuthor).not.toHaveBeenCalled();
    expect(articles.uncountFavoritesOf).not.toHaveBeenCalled();
  });
});
