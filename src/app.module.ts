import { Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { CacheModule } from './cache/cache.module';
import {
  appConfig,
  authConfig,
  cacheConfig,
  databaseConfig,
  healthConfig,
  metricsConfig,
  rateLimitConfig,
} from './config/configuration';
import { validateEnvironment } from './config/env.validation';
import { ContentModule } from './content/content.module';
import { buildDataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { FolioDataSource } from './database/engine-columns';
import { HealthModule } from './health/health.module';
import { ObservabilityModule } from './observability/observability.module';
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
      ],
    }),
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => ({
        ...buildDataSourceOptions(config.url),
        migrationsRun: config.migrationsRun,
        retryAttempts: 3,
      }),
      dataSourceFactory: async (options) => new FolioDataSource(options!).initialize(),
    }),
    DatabaseModule,
    ObservabilityModule,
    CacheModule,
    RateLimitModule,
    UsersModule,
    AuthModule,
    ContentModule,
    HealthModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class AppModule {}
