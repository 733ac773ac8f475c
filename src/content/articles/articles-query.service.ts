import { Injectable } from '@nestjs/common';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { notFound } from '../../common/errors/http-errors';
import { NO_VIEWER } from '../../users/follows.repository';
import { ProfilesService } from '../../users/profiles.service';
import { ContentCache } from '../cache/content-cache.service';
import { TagsService } from '../tags/tags.service';
import { ArticleFilter, feedFilter, listFilter } from './article-filter';
import { toArticleDto, toArticleSummaryDto } from './article-row';
import { ArticlesRepository } from './articles.repository';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';

/**
 * The read side of articles. Every read costs a fixed number of queries whatever the page size: the total
 * (from counters for the common shapes: all, one tag, one author, the feed), one page query and one for the tags.
 * Responses that are the same for every anonymous caller go through the content cache.
 */
@Injectable()
export class ArticlesQueryService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly tags: TagsService,
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
    return this.page(filter, async () => total, query, viewerId);
  }

  findOne(slug: string, viewerId?: number): Promise<SingleArticleResponseDto> {
    return this.cache.article(slug, viewerId, async () => {
      const row = await this.articles.findBySlug(slug, viewerId ?? NO_VIEWER);
      if (!row) throw notFound('article');
      const id = Number(row.id);
      const tags = await this.tags.namesByArticle([id]);
      return { article: toArticleDto(row, tags.get(id) ?? []) };
    });
  }

  async findIdOrFail(slug: string): Promise<number> {
    const id = await this.articles.findIdBySlug(slug);
    if (id === null) throw notFound('article');
    return id;
  }

  private async page(
    filter: ArticleFilter,
    count: () => Promise<number>,
    { limit, offset }: PaginationQueryDto,
    viewerId = NO_VIEWER,
  ): Promise<MultipleArticlesResponseDto> {
    const articlesCount = await count();
    if (limit === 0 || offset >= articlesCount) return { articles: [], articlesCount };
    const rows = await this.articles.findPage(filter, limit, offset, viewerId);
    const tags = await this.tags.namesByArticle(rows.map((row) => Number(row.id)));
    return {
      articles: rows.map((row) => toArticleSummaryDto(row, tags.get(Number(row.id)) ?? [])),
      articlesCount,
    };
  }
}
