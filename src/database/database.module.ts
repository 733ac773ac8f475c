import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseLogger } from './database-logger';
import { Database } from './database.service';
import type { DatabaseDeadlines } from './deadlines';
import { isSqlite } from './engine';
import { FolioDataSource } from './folio-data-source';

/** The connection (TypeORM, migrated at start unless MIGRATIONS_RUN=false) and the Database repositories use. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => ({
        ...buildDataSourceOptions(config.url),
        logger: new DatabaseLogger(),
        migrationsRun: config.migrationsRun,
        deadlines: config.deadlines,
        retryAttempts: 3,
      }),
      dataSourceFactory: async (options) => openDataSource(options as FactoryOptions),
    }),
  ],
  providers: [Database],
  exports: [Database],
})
export class DatabaseModule {}

type FactoryOptions = DataSourceOptions & { deadlines: DatabaseDeadlines };

/**
 * On MySQL/MariaDB the migrations run first, over a connection of their own without the statement time limit (a
 * migration may rightly take minutes); the application's pool then opens with every deadline in place. SQLite has
 * no limits to lift and may be in memory, so it migrates on its one connection.
 */
async function openDataSource({ deadlines, ...options }: FactoryOptions): Promise<FolioDataSource> {
  if (options.migrationsRun && !isSqlite(options)) {
    const migrator = await new FolioDataSource({
      ...options,
      extra: { connectionLimit: 1 },
    }).initialize();
    try {
      await migrator.runMigrations();
    } finally {
      await migrator.destroy();
    }
  }
  const migrationsRun = options.migrationsRun && isSqlite(options);
  return new FolioDataSource({ ...options, migrationsRun }, deadlines).initialize();
}
