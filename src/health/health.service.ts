import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { Database } from '../database/database.service';
import { HealthCheckResponseDto } from './health-check-response.dto';
import { HealthResponseDto } from './health-response.dto';
import { PROBE_TIMEOUT_MS } from './probe-timeout';
import { RedisHealthIndicator } from './redis.health';

@Injectable()
export class HealthService {
  private stopping = false;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly db: Database,
  ) {}

  /** Serving at all: no dependency is consulted. */
  async liveness(): Promise<HealthCheckResponseDto> {
    return toResponse(await this.health.check([]));
  }

  /**
   * Called when the process starts to stop: from then on readiness fails, so that a load balancer sends the
   * traffic elsewhere while the requests already on their way are still served.
   */
  stopServing(): void {
    this.stopping = true;
  }

  /**
   * The database, and Redis when REDIS_URL is set; every check is bounded by PROBE_TIMEOUT_MS. While the process
   * stops the status is `shutting_down`, whatever the checks say.
   */
  async readiness(): Promise<HealthCheckResponseDto> {
    const checks: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('database', { timeout: PROBE_TIMEOUT_MS }),
    ];
    if (this.redis.configured) checks.push(() => this.redis.pingCheck('redis'));
    const result = toResponse(await this.resultOf(checks));
    return this.stopping ? { ...result, status: 'shutting_down' } : result;
  }

  /** Readiness in the summary shape GET /api/health has always had. */
  async summary(): Promise<HealthResponseDto> {
    const { status, details } = await this.readiness();
    const state = (key: string): 'up' | 'down' => (details[key]?.status === 'up' ? 'up' : 'down');
    return {
      status: status === 'ok' ? 'ok' : 'unavailable',
      database: { state: state('database'), engine: this.db.driver },
      ...(this.redis.configured ? { redis: { state: state('redis') } } : {}),
    };
  }

  /** Terminus throws its result when a check fails; here a failed check is an answer, not an error. */
  private async resultOf(checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }
}

/** Only the status of each dependency leaves the process: error messages name internal hosts and ports. */
function toResponse(result: HealthCheckResult): HealthCheckResponseDto {
  return {
    status: result.status,
    info: statuses(result.info),
    error: statuses(result.error),
    details: statuses(result.details),
  };
}

function statuses(indicators: Partial<HealthIndicatorResult> | undefined): HealthCheckResponseDto['details'] {
  return Object.fromEntries(
    Object.entries(indicators ?? {}).flatMap(([key, value]) =>
      value ? [[key, { status: value.status }]] : [],
    ),
  );
}
