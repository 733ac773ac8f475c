import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { ContentCacheModule } from '../cache/content-cache.module';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

@Module({
  imports: [ArticlesModule, ContentCacheModule],
  controllers: [CommentsController],
  providers: [CommentsRepository, CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
