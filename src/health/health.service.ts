import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthResponseDto } from './health-response.dto';

const PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<HealthResponseDto> {
    const up = await this.databaseAnswers();
    return {
      status: up ? 'ok' : 'unavailable',
      database: { state: up ? 'up' : 'down', engine: this.dataSource.options.type },
    };
  }

  /** A bounded probe: an unreachable server must not hold the health check open. */
  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)),
    );
    const probe = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
