import { Module } from '@nestjs/common';
import { ArticlesModule } from './articles/articles.module';
import { CommentsModule } from './comments/comments.module';
import { TagsModule } from './tags/tags.module';

/** Articles, comments and tags: the content half of the RealWorld API. */
@Module({ imports: [ArticlesModule, CommentsModule, TagsModule] })
export class ContentModule {}
