import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { metricsConfig } from '../../config/configuration';
import { Database } from '../../database/database.service';
import type { PoolStats } from '../../database/pool-stats';
import { METRICS_REGISTRY } from './metrics-registry';

const POOL_GAUGES: { name: string; help: string; stat: keyof PoolStats }[] = [
  { name: 'db_pool_open_connections', help: 'Database connections open, busy or idle', stat: 'total' },
  { name: 'db_pool_free_connections', help: 'Open database connections waiting for work', stat: 'free' },
  { name: 'db_pool_queued_requests', help: 'Requests waiting for a database connection', stat: 'queued' },
  { name: 'db_pool_max_connections', help: 'The most connections the pool opens', stat: 'limit' },
];

/** The pool is read at each scrape; failed queries are counted as the database reports them. */
@Injectable()
export class DatabaseMetrics implements OnModuleInit {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(metricsConfig.KEY) private readonly config: ConfigType<typeof metricsConfig>,
    private readonly db: Database,
  ) {}

  onModuleInit(): void {
    if (!this.config.enabled) return;
    const db = this.db;
    for (const { name, help, stat } of POOL_GAUGES) {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(db.poolStats()[stat]);
        },
      });
    }
    const failures = new Counter({
      name: 'db_query_errors_total',
      help: 'Queries that failed, by driver error code (unique violations included: they are part of race-safe writes)',
      labelNames: ['code'],
      registers: [this.registry],
    });
    db.onQueryFailed((error) => failures.inc({ code: errorCode(error) }));
    this.observePool();
  }

  private observePool(): void {
    const registers = [this.registry];
    const waits = new Histogram({
      name: 'db_pool_wait_seconds',
      help: 'Time a request waited for a database connection (on SQLite: for its turn on the one connection)',
      buckets: [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const timeouts = new Counter({
      name: 'db_timeouts_total',
      help: 'Database calls given up: waiting for a connection (acquire) or for a statement (query)',
      labelNames: ['stage'],
      registers,
    });
    const rejections = new Counter({
      name: 'db_pool_rejections_total',
      help: 'Requests refused at once (503) because the queue for a database connection was full',
      registers,
    });
    this.db.poolEvents.add({
      waited: (seconds) => waits.observe(seconds),
      timedOut: (stage) => timeouts.inc({ stage }),
      rejected: () => rejections.inc(),
    });
  }
}

function errorCode(error: unknown): string {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const value = driverError?.code ?? code;
  return typeof value === 'string' ? value : 'unknown';
}
