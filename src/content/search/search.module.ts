import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { ContentCacheModule } from '../cache/content-cache.module';
import { SearchIndex } from './search-index.service';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

@Module({
  imports: [ArticlesModule, ContentCacheModule],
  controllers: [SearchController],
  providers: [SearchRepository, SearchIndex, SearchService],
})
export class SearchModule {}
