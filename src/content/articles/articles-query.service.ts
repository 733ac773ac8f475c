import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { ResponseCache } from '../../cache/response-cache.service';
import { notFound } from '../../common/errors/http-errors';
import { TagsService } from '../tags/tags.service';
import { ArticleRow, toArticleDto, toArticleSummaryDto } from './article-row';
import { MultipleArticlesResponseDto, SingleArticleResponseDto } from './dto/article-response.dto';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';
import { Article } from './entities/article.entity';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { Follow } from '../../users/entities/follow.entity';
import { User } from '../../users/entities/user.entity';
import { ArticleTag } from '../tags/entities/article-tag.entity';
import { normaliseTag } from '../tags/tag-name';
import { ArticleTotal } from './entities/article-total.entity';

/** No viewer id is ever 0, so anonymous reads can share the per-viewer subqueries. */
const ANONYMOUS = 0;

/**
 * The read side of articles. Every read costs a fixed number of queries whatever the page size: the total,
 * one page query (author, favorites count, favorited and following as subqueries) and one for the tags.
 */
@Injectable()
export class ArticlesQueryService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly tags: TagsService,
    private readonly cache: ResponseCache,
  ) {}

  /**
   * The common shapes read their total from counters (all articles, one tag, one author) and their page from one
   * index in order; combined filters count the matching rows.
   */
  list(query: ListArticlesQueryDto, viewerId?: number): Promise<MultipleArticlesResponseDto> {
    const { tag, author, favorited, limit, offset } = query;
    const key = `articles:${JSON.stringify([tag, author, favorited, limit, offset])}`;
    return this.cache.readShared(viewerId, key, () => this.listFromDatabase(query, viewerId));
  }

  findBySlugOrFail(slug: string, viewerId?: number): Promise<SingleArticleResponseDto> {
    return this.cache.readShared(viewerId, `article:${slug}`, () => this.findInDatabase(slug, viewerId));
  }

  private async listFromDatabase(
    query: ListArticlesQueryDto,
    viewerId?: number,
  ): Promise<MultipleArticlesResponseDto> {
    const { tag, author, favorited } = query;
    const filters = [tag, author, favorited].filter((value) => value !== undefined).length;
    if (filters === 0) return this.page(newestIds(), () => this.totalArticles(), query, viewerId);
    if (filters === 1 && tag !== undefined) {
      return this.page(tagIds(normaliseTag(tag)), () => this.tags.articlesCount(tag), query, viewerId);
    }
    if (filters === 1 && author !== undefined) {
      return this.page(
        newestIds((qb) => byAuthor(qb, author)),
        () => this.articlesCountOf(author),
        query,
        viewerId,
      );
    }
    const filtered = newestIds((qb) => withFilters(qb, query));
    return this.page(filtered, () => this.countRows(filtered), query, viewerId);
  }

  async feed(query: PaginationQueryDto, viewerId: number): Promise<MultipleArticlesResponseDto> {
    const followed = newestIds((qb) =>
      qb.andWhere('pa.author_id IN (SELECT fo.following_id FROM follows fo WHERE fo.follower_id = :feedOf)', {
        feedOf: viewerId,
      }),
    );
    return this.page(followed, () => this.feedCount(viewerId), query, viewerId);
  }

  private async findInDatabase(slug: string, viewerId?: number): Promise<SingleArticleResponseDto> {
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

  /**
   * A deferred join: the page's ids come first, from the ordering index alone (LIMIT/OFFSET applied there), and
   * only those rows are then joined with their authors and per-row subqueries. Without it, MySQL may join and
   * sort every matching article before it pages.
   */
  private async page(
    ids: PageIds,
    count: () => Promise<number>,
    { limit, offset }: PaginationQueryDto,
    viewerId?: number,
  ): Promise<MultipleArticlesResponseDto> {
    const articlesCount = await count();
    if (limit === 0 || offset >= articlesCount) return { articles: [], articlesCount };
    const rows = await this.selectArticle(this.articlesWithAuthors(), viewerId)
      .innerJoin((sub) => ids(sub).limit(limit).offset(offset), 'page', 'page.id = a.id')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .getRawMany<ArticleRow>();
    const tags = await this.tags.namesByArticle(rows.map((row) => Number(row.id)));
    return {
      articles: rows.map((row) => toArticleSummaryDto(row, tags.get(Number(row.id)) ?? [])),
      articlesCount,
    };
  }

  private articlesWithAuthors(): SelectQueryBuilder<Article> {
    return this.articles.createQueryBuilder('a').innerJoin('a.author', 'u');
  }

  private async totalArticles(): Promise<number> {
    const row = await this.articles.manager
      .createQueryBuilder(ArticleTotal, 'total')
      .select('SUM(total.articles)', 'count')
      .getRawOne<{ count: number | string | null }>();
    return Number(row?.count ?? 0);
  }

  private async articlesCountOf(username: string): Promise<number> {
    const user = await this.articles.manager.findOne(User, {
      select: { articlesCount: true },
      where: { username },
    });
    return user?.articlesCount ?? 0;
  }

  private async feedCount(viewerId: number): Promise<number> {
    const row = await this.articles.manager
      .createQueryBuilder(Follow, 'fo')
      .innerJoin(User, 'fu', 'fu.id = fo.following_id')
      .select('SUM(fu.articles_count)', 'count')
      .where('fo.follower_id = :viewerId', { viewerId })
      .getRawOne<{ count: number | string | null }>();
    return Number(row?.count ?? 0);
  }

  private async countRows(ids: PageIds): Promise<number> {
    const row = await ids(this.articles.manager.createQueryBuilder())
      .select('COUNT(*)', 'count')
      .orderBy()
      .getRawOne<{ count: number | string }>();
    return Number(row?.count ?? 0);
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

type Where = (qb: SelectQueryBuilder<any>) => SelectQueryBuilder<any>;

/** Builds, on the query builder it is given, the query of a page's article ids in page order. */
type PageIds = (qb: SelectQueryBuilder<any>) => SelectQueryBuilder<any>;

/** Articles newest first, from the (created_at, id) or (author_id, created_at, id) index. */
function newestIds(where: Where = (qb) => qb): PageIds {
  return (qb) =>
    where(qb.select('pa.id', 'id').from(Article, 'pa'))
      .orderBy('pa.created_at', 'DESC')
      .addOrderBy('pa.id', 'DESC');
}

/** A tag's articles newest first, from the (tag_id, created_at, article_id) index of the links alone. */
function tagIds(tag: string): PageIds {
  return (qb) =>
    qb
      .select('pl.article_id', 'id')
      .from(ArticleTag, 'pl')
      .where('pl.tag_id = (SELECT t.id FROM tags t WHERE t.name = :tag)', { tag })
      .orderBy('pl.created_at', 'DESC')
      .addOrderBy('pl.article_id', 'DESC');
}

function byAuthor(qb: SelectQueryBuilder<any>, author: string): SelectQueryBuilder<any> {
  return qb.andWhere('pa.author_id = (SELECT au.id FROM users au WHERE au.username = :author)', { author });
}

function withFilters(
  qb: SelectQueryBuilder<any>,
  { tag, author, favorited }: ListArticlesQueryDto,
): SelectQueryBuilder<any> {
  if (tag !== undefined) {
    qb.andWhere(
      'pa.id IN (SELECT link.article_id FROM article_tags link INNER JOIN tags t ON t.id = link.tag_id WHERE t.name = :tag)',
      { tag: normaliseTag(tag) },
    );
  }
  if (author !== undefined) byAuthor(qb, author);
  if (favorited !== undefined) {
    qb.andWhere(
      'pa.id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = :favoritedBy)',
      { favoritedBy: favorited },
    );
  }
  return qb;
}
