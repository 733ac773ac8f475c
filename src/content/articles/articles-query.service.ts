import { Injectable } from '@nestjs/common';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { notFound } from '../../common/errors/http-errors';
import { NO_VIEWER } from '../../users/follows.repository';
import { ProfilesService } from '../../users/profiles.service';
import { ContentCache } from '../cache/content-cache.service';
import { ArticleFilter, feedFilter, listFilter } from './article-filter';
import { toArticleDto, toArticleSummaryDto } from './article-row';
import { ArticlesRepository } from './articles.repository';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';

/**
 * The read side of articles. Every read costs a fixed number of queries whatever the page size: an article is one
 * query, its tags included; a page of all articles, of one tag or of one author is one query carrying its total
 * (from counters), plus a count only when the page is empty; the feed is the followed authors, then the page.
 * Responses that are the same for every anonymous caller go through the content cache.
 */
@Injectable()
export class ArticlesQueryService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly profiles: ProfilesService,
    private readonly cache: ContentCache,
  ) {}

  findAll(query: ListArticlesQueryDto, viewerId?: number): Promise<MultipleArticlesResponseDto> {
    const { tag, author, favorited, limit, offset } = query;
    return this.cache.articleList([tag, author, favorited, limit, offset], viewerId, () => {
      const filter = listFilter(query);
      return this.page(filter, () => this.articles.count(filter), query, viewerId);
    });
  }

  async feed(query: PaginationQueryDto, viewerId: number): Promise<MultipleArticlesResponseDto> {
    const { filter, total } = feedFilter(viewerId, await this.profiles.followedAuthors(viewerId), query);
    if (query.offset >= total) return { articles: [], articlesCount: total };
    return this.page(filter, total, query, viewerId);
  }

  findOne(slug: string, viewerId?: number): Promise<SingleArticleResponseDto> {
    return this.cache.article(slug, viewerId, async () => {
      const row = await this.articles.findBySlug(slug, viewerId ?? NO_VIEWER);
      if (!row) throw notFound('article');
      return { article: toArticleDto(row) };
    });
  }

  async findIdOrFail(slug: string): Promise<number> {
    const id = await this.articles.findIdBySlug(slug);
    if (id === null) throw notFound('article');
    return id;
  }

  /** The page's rows with the total: known already, carried by the rows, or else counted. */
  private async page(
    filter: ArticleFilter,
    total: number | (() => Promise<number>),
    { limit, offset }: PaginationQueryDto,
    viewerId = NO_VIEWER,
  ): Promise<MultipleArticlesResponseDto> {
    const count = (): Promise<number> => (typeof total === 'number' ? Promise.resolve(total) : total());
    if (limit === 0) return { articles: [], articlesCount: await count() };
    const rows = await this.articles.findPage(filter, limit, offset, viewerId);
    const carried = typeof total === 'number' ? undefined : rows[0]?.articlesCount;
    return {
      articles: rows.map((row) => toArticleSummaryDto(row)),
      articlesCount: carried === undefined || carried === null ? await count() : Number(carried),
    };
  }
}
