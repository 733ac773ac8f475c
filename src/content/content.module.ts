import { Module } from '@nestjs/common';
import { ArticlesModule } from './articles/articles.module';
import { CommentsModule } from './comments/comments.module';
import { ReportsModule } from './reports/reports.module';
import { RevisionsModule } from './revisions/revisions.module';
import { SearchModule } from './search/search.module';
import { TagsModule } from './tags/tags.module';
import { TrashModule } from './trash/trash.module';

/** Articles, comments and tags (the content half of the RealWorld API), reports of them, revisions of articles. */
@Module({
  imports: [
    ArticlesModule,
    CommentsModule,
    TagsModule,
    ReportsModule,
    RevisionsModule,
    TrashModule,
    SearchModule,
  ],
})
export class ContentModule {}
