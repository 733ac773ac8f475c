import { Injectable } from '@nestjs/common';
import { ArticlesQueryService } from '../articles/articles-query.service';
import { ContentCache } from '../cache/content-cache.service';
import type { SearchQueryDto, SearchResponseDto } from './dto/search.dto';
import { snippetHtml } from './search-snippet';
import { parseSearchQuery } from './search-text';
import { SearchRepository } from './search.repository';

/** How much of a text a snippet looks through for a match (a longer text shows its start when nothing matched). */
const SNIPPET_SCAN_CHARS = 20_000;

/**
 * GET /api/search: the page of GET /api/articles?q= (most relevant first), each article with a snippet of where it
 * matched. Anonymous answers go through the content cache like the lists.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly articles: ArticlesQueryService,
    private readonly index: SearchRepository,
    private readonly cache: ContentCache,
  ) {}

  search(query: SearchQueryDto, viewerId?: number): Promise<SearchResponseDto> {
    const { q, limit, offset } = query;
    return this.cache.articleList(['search', q, limit, offset], viewerId, async () => {
      const parsed = parseSearchQuery(q);
      const page = await this.articles.searchPage(parsed, { limit, offset }, viewerId);
      const texts = await this.index.findTexts(page.articles.map((article) => article.slug));
      const scanned = (text: string): string => text.slice(0, SNIPPET_SCAN_CHARS);
      return {
        results: page.articles.map((article) => {
          const text = texts.get(article.slug);
          const candidates = [text?.body ?? '', article.description, article.title].map(scanned);
          return { article, snippet: parsed ? snippetHtml(candidates, parsed) : '' };
        }),
        resultsCount: page.articlesCount,
      };
    });
  }
}
