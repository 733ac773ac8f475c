import { setTimeout as sleep } from 'node:timers/promises';
import { Global, Logger, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { StartupFailure } from '../common/errors/startup-failure';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions, describeDatabase } from './data-source-options';
import { DatabaseLogger } from './database-logger';
import { Database } from './database.service';
import { isDatabaseUnavailable } from './db-errors';
import type { DatabaseDeadlines } from './deadlines';
import { engineOf, isSqlite } from './engine';
import { FolioDataSource } from './folio-data-source';

/**
 * Tries at start while the server cannot be reached (it may be starting beside us), then gives up: with a refused
 * connection the start fails within about 2 s, with an unanswered one (3 s connect timeout each) within about 11 s.
 * Any other failure (wrong password, unknown database, a failing migration) stops the start at once.
 */
export const START_ATTEMPTS = 3;
const START_RETRY_DELAY_MS = 1_000;

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
        // openDataSource retries, briefly and in one line each; @nestjs/typeorm's retries log a stack every time.
        toRetry: () => false,
      }),
      dataSourceFactory: async (options) => openDataSource(options as FactoryOptions),
    }),
  ],
  providers: [Database],
  exports: [Database],
})
export class DatabaseModule {}

type FactoryOptions = DataSourceOptions & { deadlines: DatabaseDeadlines };

/** Connects and migrates (see START_ATTEMPTS), then logs where the database is and which migrations ran. */
async function openDataSource(options: FactoryOptions): Promise<FolioDataSource> {
  const logger = new Logger('Database');
  const where = describeDatabase(options);
  for (let attempt = 1; ; attempt++) {
    try {
      const { dataSource, applied } = await connectAndMigrate(options);
      logger.log(`database: ${engineOf(options)} ${where}`);
      logMigrations(logger, applied);
      return dataSource;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!isDatabaseUnavailable(error))
        throw new StartupFailure(`cannot open the database ${where}: ${reason}`, { cause: error });
      if (attempt === START_ATTEMPTS)
        throw new StartupFailure(
          `cannot connect to the database ${where} (${START_ATTEMPTS} attempts): ${reason}`,
          { cause: error },
        );
      logger.warn(
        `cannot connect to the database ${where} (${reason}); attempt ${attempt + 1} of ${START_ATTEMPTS} in ${START_RETRY_DELAY_MS} ms`,
      );
      await sleep(START_RETRY_DELAY_MS);
    }
  }
}

/**
 * On MySQL/MariaDB the migrations run first, over a connection of their own without the statement time limit (a
 * migration may rightly take minutes); the application's pool then opens with every deadline in place. SQLite has
 * no limits to lift and may be in memory, so it migrates on its one connection. `applied` is undefined when
 * MIGRATIONS_RUN=false.
 */
async function connectAndMigrate({
  deadlines,
  ...options
}: FactoryOptions): Promise<{ dataSource: FolioDataSource; applied?: string[] }> {
  const migrate = (source: FolioDataSource): Promise<string[]> =>
    source
      .runMigrations({ transaction: options.migrationsTransactionMode })
      .then((migrations) => migrations.map((migration) => migration.name));
  let applied: string[] | undefined;
  if (options.migrationsRun && !isSqlite(options)) {
    // migrationsRun off: initialize() would run them itself, and runMigrations() would then find none to name.
    const migrator = await new FolioDataSource({
      ...options,
      migrationsRun: false,
      extra: { connectionLimit: 1 },
    }).initialize();
    try {
      applied = await migrate(migrator);
    } finally {
      await migrator.destroy();
    }
  }
  const dataSource = await new FolioDataSource({ ...options, migrationsRun: false }, deadlines).initialize();
  if (options.migrationsRun && isSqlite(options)) {
    try {
      applied = await migrate(dataSource);
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
  }
  return { dataSource, applied };
}

function logMigrations(logger: Logger, applied?: string[]): void {
  // Not even looked at: asking TypeORM what is pending would create its migrations table.
  if (applied === undefined) logger.log('migrations: not run at start (MIGRATIONS_RUN=false)');
  else if (applied.length === 0) logger.log('migrations: none pending');
  else logger.log(`migrations applied: ${applied.join(', ')}`);
}
