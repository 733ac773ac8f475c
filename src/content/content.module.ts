import { Module } from '@nestjs/common';

/** Articles, comments and tags (the content half of the RealWorld API). */
@Module({})
export class ContentModule {}
