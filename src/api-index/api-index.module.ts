import { Module } from '@nestjs/common';
import { ApiIndexController } from './api-index.controller';

/** GET /api: what this API is and where its documentation lives. */
@Module({ controllers: [ApiIndexController] })
export class ApiIndexModule {}
