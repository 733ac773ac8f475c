import { Module } from '@nestjs/common';
import { JobsModule } from '../../jobs/jobs.module';
import { UsersModule } from '../../users/users.module';
import { ContentCacheModule } from '../cache/content-cache.module';
import { TagsModule } from '../tags/tags.module';
import { ArticleListing } from './article-listing.service';
import { ArticleSchedule } from './article-schedule.service';
import { ArticleTrash } from './article-trash.service';
import { ClosingAccountCounters } from './closing-account.subscriber';
import { ArticlesQueryService } from './articles-query.service';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';
import { FavoritesRepository } from './favorites.repository';
import { FavoritesService } from './favorites.service';
import { OwnArticlesController } from './own-articles.controller';

@Module({
  imports: [TagsModule, UsersModule, ContentCacheModule, JobsModule],
  controllers: [ArticlesController, OwnArticlesController],
  providers: [
    ArticlesRepository,
    FavoritesRepository,
    ArticlesService,
    ArticlesQueryService,
    FavoritesService,
    ArticleListing,
    ArticleSchedule,
    ArticleTrash,
    ClosingAccountCounters,
  ],
  exports: [ArticlesQueryService, ArticlesService],
})
export class ArticlesModule {}
