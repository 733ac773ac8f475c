import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { Database } from './database.service';
import { FolioDataSource } from './folio-data-source';

/** The connection (TypeORM, migrated at start unless MIGRATIONS_RUN=false) and the Database repositories use. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => ({
        ...buildDataSourceOptions(config.url),
        migrationsRun: config.migrationsRun,
        retryAttempts: 3,
      }),
      dataSourceFactory: async (options) => new FolioDataSource(options!).initialize(),
    }),
  ],
  providers: [Database],
  exports: [Database],
})
export class DatabaseModule {}
