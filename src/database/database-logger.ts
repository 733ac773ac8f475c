import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

const SQL_SHOWN_CHARS = 300;

/**
 * TypeORM's log lines, through the application's logger. A slow statement is logged by its SQL text alone: its
 * parameters may hold e-mail addresses or password hashes. Statement errors are the callers' to log.
 */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuerySlow(milliseconds: number, query: string): void {
    this.logger.warn(`slow statement (${milliseconds} ms): ${query.slice(0, SQL_SHOWN_CHARS)}`);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }

  logQuery(): void {}

  logQueryError(): void {}

  logSchemaBuild(): void {}
}
