import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Auth } from '../common/decorators/auth.decorator';
import { HealthCheckResponseDto } from './health-check-response.dto';
import { HealthResponseDto } from './health-response.dto';
import { HealthService } from './health.service';

const NO_STORE = 'no-store';

@ApiTags('Health')
@Controller('health')
// Probes poll often from a few addresses, and each answer must come within the probe bound even while Redis (where
// the counters live) hangs: never rate limited.
@SkipThrottle({ reads: true, writes: true, registrations: true })
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Auth('none')
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({
    operationId: 'GetHealth',
    summary: 'Readiness, summarised: the database (and Redis when configured)',
    description: 'The same checks as GET /api/health/ready, in the summary shape this route has always had.',
  })
  @ApiOkResponse({ type: HealthResponseDto, description: 'Up, and every dependency answers' })
  @ApiServiceUnavailableResponse({
    type: HealthResponseDto,
    description: 'A dependency does not answer, or the instance is shutting down',
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponseDto> {
    const report = await this.health.summary();
    void reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get('live')
  @Auth('none')
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({
    operationId: 'GetLiveness',
    summary: 'Liveness: the process is up and serving',
    description: 'Consults no dependency, so an outage elsewhere never gets the process restarted.',
  })
  @ApiOkResponse({ type: HealthCheckResponseDto, description: 'Serving' })
  live(): Promise<HealthCheckResponseDto> {
    return this.health.liveness();
  }

  @Get('ready')
  @Auth('none')
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({
    operationId: 'GetReadiness',
    summary: 'Readiness: the database (and Redis when REDIS_URL is set) answer',
    description:
      'Each dependency has 1.5 s to answer; a 503 means this instance should get no traffic for now.',
  })
  @ApiOkResponse({ type: HealthCheckResponseDto, description: 'Every dependency answers' })
  @ApiServiceUnavailableResponse({
    type: HealthCheckResponseDto,
    description:
      'A dependency does not answer (status `error`), or the instance is shutting down (`shutting_down`)',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResponseDto> {
    const result = await this.health.readiness();
    void reply.status(result.status === 'ok' ? 200 : 503);
    return result;
  }
}
