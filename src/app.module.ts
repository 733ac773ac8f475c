import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { ApiIndexModule } from './api-index/api-index.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { CacheModule } from './cache/cache.module';
import {
  accountConfig,
  appConfig,
  auditConfig,
  contentConfig,
  authConfig,
  cacheConfig,
  databaseConfig,
  healthConfig,
  jobsConfig,
  mailConfig,
  metricsConfig,
  mfaConfig,
  rateLimitConfig,
} from './config/configuration';
import { validateEnvironment } from './config/env.validation';
import { ContentModule } from './content/content.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { ObservabilityModule } from './observability/observability.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: validateEnvironment,
      load: [
        appConfig,
        authConfig,
        databaseConfig,
        rateLimitConfig,
        cacheConfig,
        metricsConfig,
        healthConfig,
        jobsConfig,
        mailConfig,
        accountConfig,
        auditConfig,
        contentConfig,
        mfaConfig,
      ],
    }),
    DatabaseModule,
    EventsModule,
    ObservabilityModule,
    CacheModule,
    RateLimitModule,
    UsersModule,
    AuthModule,
    AuditModule,
    JobsModule,
    ContentModule,
    PrivacyModule,
    HealthModule,
    ApiIndexModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class AppModule {}
