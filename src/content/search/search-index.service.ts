import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../database/sql-executor';
import { OnDomainEventWithin } from '../../events/on-domain-event.decorator';
import { ArticleTextWritten } from '../articles/article.events';
import { indexText } from './search-text';
import { SearchRepository } from './search.repository';

/**
 * Keeps article_search in step with the articles: a new text is indexed in the transaction that writes it (so a
 * search never finds a text that rolled back, nor misses one that committed); a row goes with its article.
 */
@Injectable()
export class SearchIndex {
  constructor(private readonly search: SearchRepository) {}

  @OnDomainEventWithin(ArticleTextWritten)
  async index({ articleId, text, isNew }: ArticleTextWritten, tx: Transaction): Promise<void> {
    const title = indexText(text.title);
    const body = indexText(`${text.description}\n${text.body}`);
    if (isNew) await this.search.insert(articleId, title, body, tx);
    else await this.search.replace(articleId, title, body, tx);
  }
}
