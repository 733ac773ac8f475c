import { Module } from '@nestjs/common';
import { ArticlesModule } from './articles/articles.module';
import { CommentsModule } from './comments/comments.module';
import { ReportsModule } from './reports/reports.module';
import { TagsModule } from './tags/tags.module';

/** Articles, comments and tags (the content half of the RealWorld API), and reports of them. */
@Module({ imports: [ArticlesModule, CommentsModule, TagsModule, ReportsModule] })
export class ContentModule {}
