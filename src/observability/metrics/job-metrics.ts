import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Counter, Gauge, Registry } from 'prom-client';
import { metricsConfig } from '../../config/configuration';
import { JobRunner } from '../../jobs/job-runner.service';
import { JobsRepository } from '../../jobs/jobs.repository';
import { METRICS_REGISTRY } from './metrics-registry';

/** The jobs table by type and status, read at each scrape, and this instance's attempts by outcome. */
@Injectable()
export class JobMetrics implements OnModuleInit {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(metricsConfig.KEY) private readonly config: ConfigType<typeof metricsConfig>,
    private readonly jobs: JobsRepository,
    private readonly runner: JobRunner,
  ) {}

  onModuleInit(): void {
    if (!this.config.enabled) return;
    const jobs = this.jobs;
    new Gauge({
      name: 'jobs',
      help: 'Background jobs by type and status (pending, running, done, dead), across all instances',
      labelNames: ['type', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        // A scrape while the database is down shows no job counts rather than failing.
        const counts = await jobs.countByTypeAndStatus().catch(() => []);
        for (const { type, status, count } of counts) this.set({ type, status }, count);
      },
    });
    const attempts = new Counter({
      name: 'job_attempts_total',
      help: "This instance's job attempts by type and outcome (done, retry: failed and scheduled again, dead)",
      labelNames: ['type', 'outcome'],
      registers: [this.registry],
    });
    this.runner.onOutcome((type, outcome) => attempts.inc({ type, outcome }));
  }
}
