import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TagsModule } from '../tags/tags.module';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { Article } from './entities/article.entity';
import { Favorite } from './entities/favorite.entity';
import { FavoritesService } from './favorites.service';

@Module({
  imports: [TypeOrmModule.forFeature([Article, Favorite]), TagsModule],
  controllers: [ArticlesController],
  providers: [ArticlesService, ArticlesQueryService, FavoritesService],
  exports: [ArticlesService],
})
export class ArticlesModule {}
