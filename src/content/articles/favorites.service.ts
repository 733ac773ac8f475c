import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ResponseCache } from '../../cache/response-cache.service';
import { Repository } from 'typeorm';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesService } from './articles.service';
import { SingleArticleResponseDto } from './dto/article-response.dto';
import { Favorite } from './entities/favorite.entity';
import { articleScope, LISTS_SCOPE } from '../cache-scopes';

/**
 * Favorites are rows keyed by (user, article): repeating one is a no-op and favoritesCount is counted from them.
 * Every change retires cached anonymous views, which show the count.
 */
@Injectable()
export class FavoritesService {
  constructor(
    @InjectRepository(Favorite) private readonly favorites: Repository<Favorite>,
    private readonly articles: ArticlesService,
    private readonly queries: ArticlesQueryService,
    private readonly cache: ResponseCache,
  ) {}

  async favorite(slug: string, userId: number): Promise<SingleArticleResponseDto> {
    const articleId = await this.articles.findIdBySlugOrFail(slug);
    await this.favorites
      .createQueryBuilder()
      .insert()
      .values({ userId, articleId, createdAt: new Date() })
      .orIgnore()
      .updateEntity(false)
      .execute();
    await this.cache.invalidate([LISTS_SCOPE, articleScope(slug)]);
    return this.queries.findBySlugOrFail(slug, userId);
  }

  async unfavorite(slug: string, userId: number): Promise<SingleArticleResponseDto> {
    const articleId = await this.articles.findIdBySlugOrFail(slug);
    await this.favorites.delete({ userId, articleId });
    await this.cache.invalidate([LISTS_SCOPE, articleScope(slug)]);
    return this.queries.findBySlugOrFail(slug, userId);
  }
}
