import { Module } from '@nestjs/common';
import { ContentCache } from './content-cache.service';

@Module({ providers: [ContentCache], exports: [ContentCache] })
export class ContentCacheModule {}
