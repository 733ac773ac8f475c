import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { notFound } from '../../common/errors/http-errors';
import { TagsService } from '../tags/tags.service';
import { ArticleRow, toArticleDto, toArticleSummaryDto } from './article-row';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import { Article } from './entities/article.entity';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';

/** No viewer id is ever 0, so anonymous reads can share the per-viewer subqueries. */
const ANONYMOUS = 0;

/**
 * The read side of articles. Every read costs a fixed number of queries whatever the page size:
 * a count, one page query (author, favorites count, favorited and following as subqueries) and one for the tags.
 */
@Injectable()
export class ArticlesQueryService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly tags: TagsService,
  ) {}

  async list(query: ListArticlesQueryDto, viewerId?: number): Promise<MultipleArticlesResponseDto> {
    const filtered = this.withFilters(
      this.articles.createQueryBuilder('a').innerJoin('a.author', 'u'),
      query,
    );
    return this.page(filtered, query, viewerId);
  }

  async feed(query: PaginationQueryDto, viewerId: number): Promise<MultipleArticlesResponseDto> {
    const filtered = this.articles
      .createQueryBuilder('a')
      .innerJoin('a.author', 'u')
      .where('a.author_id IN (SELECT fo.following_id FROM follows fo WHERE fo.follower_id = :feedOf)', {
        feedOf: viewerId,
      });
    return this.page(filtered, query, viewerId);
  }

  async findBySlugOrFail(slug: string, viewerId?: number): Promise<SingleArticleResponseDto> {
    const row = await this.selectArticle(
      this.articles.createQueryBuilder('a').innerJoin('a.author', 'u'),
      viewerId,
    )
      .addSelect('a.body', 'body')
      .where('a.slug = :slug', { slug })
      .getRawOne<ArticleRow>();
    if (!row) throw notFound('article');
    const tags = await this.tags.namesByArticle([row.id]);
    return { article: toArticleDto(row, tags.get(row.id) ?? []) };
  }

  private async page(
    filtered: SelectQueryBuilder<Article>,
    { limit, offset }: PaginationQueryDto,
    viewerId?: number,
  ): Promise<MultipleArticlesResponseDto> {
    const counted = await filtered
      .clone()
      .select('COUNT(*)', 'count')
      .getRawOne<{ count: number | string }>();
    const articlesCount = Number(counted?.count ?? 0);
    if (limit === 0 || offset >= articlesCount) return { articles: [], articlesCount };
    const rows = await this.selectArticle(filtered, viewerId)
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit)
      .offset(offset)
      .getRawMany<ArticleRow>();
    const tags = await this.tags.namesByArticle(rows.map((row) => Number(row.id)));
    return {
      articles: rows.map((row) => toArticleSummaryDto(row, tags.get(Number(row.id)) ?? [])),
      articlesCount,
    };
  }

  private withFilters(
    qb: SelectQueryBuilder<Article>,
    { tag, author, favorited }: ListArticlesQueryDto,
  ): SelectQueryBuilder<Article> {
    if (tag !== undefined) {
      qb.andWhere(
        'a.id IN (SELECT link.article_id FROM article_tags link INNER JOIN tags t ON t.id = link.tag_id WHERE t.name = :tag)',
        { tag: tag.trim().toLowerCase() },
      );
    }
    if (author !== undefined) qb.andWhere('u.username = :author', { author });
    if (favorited !== undefined) {
      qb.andWhere(
        'a.id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = :favoritedBy)',
        { favoritedBy: favorited },
      );
    }
    return qb;
  }

  private selectArticle(qb: SelectQueryBuilder<Article>, viewerId = ANONYMOUS): SelectQueryBuilder<Article> {
    return qb
      .select('a.id', 'id')
      .addSelect('a.slug', 'slug')
      .addSelect('a.title', 'title')
      .addSelect('a.description', 'description')
      .addSelect('a.created_at', 'createdAt')
      .addSelect('a.updated_at', 'updatedAt')
      .addSelect('u.username', 'authorUsername')
      .addSelect('u.bio', 'authorBio')
      .addSelect('u.image', 'authorImage')
      .addSelect('(SELECT COUNT(*) FROM favorites f WHERE f.article_id = a.id)', 'favoritesCount')
      .addSelect(
        '(SELECT COUNT(*) FROM favorites mf WHERE mf.article_id = a.id AND mf.user_id = :viewerId)',
        'favorited',
      )
      .addSelect(
        '(SELECT COUNT(*) FROM follows mfo WHERE mfo.following_id = a.author_id AND mfo.follower_id = :viewerId)',
        'following',
      )
      .setParameter('viewerId', viewerId);
  }
}
