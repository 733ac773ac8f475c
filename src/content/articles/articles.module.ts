import { Module } from '@nestjs/common';
import { UsersModule } from '../../users/users.module';
import { ContentCacheModule } from '../cache/content-cache.module';
import { TagsModule } from '../tags/tags.module';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';
import { FavoritesRepository } from './favorites.repository';
import { FavoritesService } from './favorites.service';

@Module({
  imports: [TagsModule, UsersModule, ContentCacheModule],
  controllers: [ArticlesController],
  providers: [
    ArticlesRepository,
    FavoritesRepository,
    ArticlesService,
    ArticlesQueryService,
    FavoritesService,
  ],
  exports: [ArticlesQueryService],
})
export class ArticlesModule {}
