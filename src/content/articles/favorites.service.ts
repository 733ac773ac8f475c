import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesService } from './articles.service';
import { SingleArticleResponseDto } from './dto/article-response.dto';
import { Favorite } from './entities/favorite.entity';

/** Favorites are rows keyed by (user, article): repeating one is a no-op and favoritesCount is counted from them. */
@Injectable()
export class FavoritesService {
  constructor(
    @InjectRepository(Favorite) private readonly favorites: Repository<Favorite>,
    private readonly articles: ArticlesService,
    private readonly queries: ArticlesQueryService,
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
    return this.queries.findBySlugOrFail(slug, userId);
  }

  async unfavorite(slug: string, userId: number): Promise<SingleArticleResponseDto> {
    const articleId = await this.articles.findIdBySlugOrFail(slug);
    await this.favorites.delete({ userId, articleId });
    return this.queries.findBySlugOrFail(slug, userId);
  }
}
