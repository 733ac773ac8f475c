import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource, DataSourceOptions, QueryRunner } from 'typeorm';
import { isClientTimeout, isStatementTimeout } from './db-errors';
import { CLIENT_GRACE_MS, DatabaseDeadlines, PoolEvents } from './deadlines';
import { Engine, engineOf, isMysqlFamily, isSqlite } from './engine';
import { columnVariants } from './per-engine.decorator';
import { boundPoolWaits, Mysql2Pool } from './pool-deadlines';

/**
 * TypeORM's DataSource with three additions: the per-engine column variants (@PerEngine) are applied as soon as the
 * metadata is built; an SQLite file's folder is created when the connection opens (not when a module loads); and,
 * given deadlines, every call to MySQL/MariaDB is bounded: the wait for a pooled connection, each statement on the
 * server (max_statement_time / max_execution_time) and on the client (a connection whose statement never returns
 * is destroyed, so the pool heals).
 */
export class FolioDataSource extends DataSource {
  /** What the pool went through (waits, timeouts, refusals); the metrics subscribe. */
  readonly poolEvents = new PoolEvents();

  constructor(
    options: DataSourceOptions,
    readonly deadlines?: DatabaseDeadlines,
  ) {
    super(deadlines ? withDeadlines(options, deadlines) : options);
  }

  override async initialize(): Promise<this> {
    const { database } = this.options as { database?: unknown };
    if (isSqlite(this) && typeof database === 'string' && database !== ':memory:')
      mkdirSync(dirname(database), { recursive: true });
    await super.initialize();
    if (this.deadlines && isMysqlFamily(this)) this.boundConnections(this.deadlines);
    return this;
  }

  override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    const engine = engineOf(this);
    for (const { target, property, variants } of columnVariants()) {
      const variant = variants[engine];
      if (!variant) continue;
      const metadata = this.entityMetadatas.find((candidate) => candidate.target === target);
      // An entity that this DataSource does not map (another DataSource's, a spec's).
      if (!metadata) continue;
      const column = metadata.columns.find((candidate) => candidate.propertyName === property);
      if (!column) throw new Error(`@PerEngine column ${String(property)} is not mapped`);
      if (variant.type !== undefined) column.type = variant.type;
      if (variant.collation !== undefined) column.collation = variant.collation;
    }
  }

  private boundConnections(deadlines: DatabaseDeadlines): void {
    const logger = new Logger('Database');
    const pool = (this.driver as unknown as { pool: Mysql2Pool }).pool;
    boundPoolWaits(pool, deadlines, this.poolEvents, sessionSettings(engineOf(this), deadlines), (error) =>
      logger.warn(`could not apply the session's settings: ${error.message}`),
    );
    this.subscribers.push({
      afterQuery: ({ success, error, queryRunner }) => {
        if (success || !isStatementTimeout(error)) return;
        this.poolEvents.timedOut('query');
        if (isClientTimeout(error)) destroyConnectionOf(queryRunner);
      },
    });
  }
}

/** The client's own limit comes a little after the server's, and the pool's queue is bounded. */
function withDeadlines(options: DataSourceOptions, deadlines: DatabaseDeadlines): DataSourceOptions {
  if (!isMysqlFamily(options)) return options;
  return {
    ...options,
    enableQueryTimeout: true,
    maxQueryExecutionTime: deadlines.queryTimeoutMs + CLIENT_GRACE_MS,
    extra: { ...(options as { extra?: object }).extra, queueLimit: deadlines.queueLimit },
  } as DataSourceOptions;
}

/**
 * The statement limits: MariaDB's max_statement_time covers every statement, MySQL's max_execution_time only SELECTs
 * (lock waits: both). And room for an article's tag list in one GROUP_CONCAT (Dialect.orderedList): MySQL's
 * default of 1 KiB would cut it silently; 1 MiB is MariaDB's default.
 */
function sessionSettings(engine: Engine, { queryTimeoutMs }: DatabaseDeadlines): string[] {
  const lockWaitSeconds = Math.max(1, Math.ceil(queryTimeoutMs / 1000));
  const statementLimit =
    engine === 'mariadb'
      ? `SET SESSION max_statement_time = ${queryTimeoutMs / 1000}`
      : `SET SESSION max_execution_time = ${queryTimeoutMs}`;
  return [
    statementLimit,
    `SET SESSION innodb_lock_wait_timeout = ${lockWaitSeconds}`,
    'SET SESSION group_concat_max_len = 1048576',
  ];
}

/** A statement the client gave up on may still be answered later: the connection cannot be reused. */
function destroyConnectionOf(queryRunner: QueryRunner): void {
  const connection = (queryRunner as { databaseConnection?: { destroy?: () => void } }).databaseConnection;
  connection?.destroy?.();
}
