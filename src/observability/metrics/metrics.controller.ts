import { Controller, Get, Header, Headers } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Registry } from 'prom-client';
import { Auth } from '../../common/decorators/auth.decorator';
import { ErrorResponseDto } from '../../common/dto/error-response.dto';
import { METRICS_SECURITY_SCHEME } from './metrics-security';
import { MetricsService } from './metrics.service';

@ApiTags('Operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Auth('none')
  // Every bucket the rate-limit guard knows: a scraper polling from one address must never be refused.
  @SkipThrottle({ reads: true, writes: true, registrations: true })
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiBearerAuth(METRICS_SECURITY_SCHEME)
  @ApiOperation({
    operationId: 'GetMetrics',
    summary: 'Prometheus metrics',
    description:
      'HTTP request durations by route template, requests in flight, the database pool, failed queries and the ' +
      'process (CPU, memory, event loop, GC). Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN ' +
      'is set; absent (404) when METRICS_ENABLED=false or when METRICS_PORT serves it on a port of its own.',
  })
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The Prometheus text exposition format', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'METRICS_TOKEN is set and was not sent' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Metrics are off or served on METRICS_PORT' })
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    return this.metrics.scrapeOnApiPort(authorization);
  }
}
