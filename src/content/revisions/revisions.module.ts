import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { RevisionsController } from './revisions.controller';
import { RevisionsRepository } from './revisions.repository';
import { RevisionsService } from './revisions.service';

@Module({
  imports: [ArticlesModule],
  controllers: [RevisionsController],
  providers: [RevisionsRepository, RevisionsService],
})
export class RevisionsModule {}
