import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../database/sql-executor';
import { OnDomainEventWithin } from '../../events/on-domain-event.decorator';
import { AccountClosing } from '../../users/user.events';
import { TagsService } from '../tags/tags.service';
import { ArticlesRepository } from './articles.repository';

/**
 * An account is closing: its articles (with their tag links, comments and favorites) and its favorites are about to
 * go by the cascading foreign keys, so the counters they are in count them out first, in the same transaction.
 */
@Injectable()
export class ClosingAccountCounters {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly tags: TagsService,
  ) {}

  @OnDomainEventWithin(AccountClosing)
  async countOut({ userId }: AccountClosing, tx: Transaction): Promise<void> {
    await this.tags.uncountAuthor(userId, tx);
    await this.articles.uncountAuthor(userId, tx);
    await this.articles.uncountFavoritesOf(userId, tx);
  }
}
