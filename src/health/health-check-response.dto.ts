import { ApiProperty } from '@nestjs/swagger';
import type { HealthCheckStatus, HealthIndicatorStatus } from '@nestjs/terminus';

const INDICATOR = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['up', 'down'] } },
  required: ['status'],
};

/** @nestjs/terminus's answer, each dependency reduced to its status (error details go to the log, not out). */
export class HealthCheckResponseDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], example: 'ok' })
  status: HealthCheckStatus;

  @ApiProperty({
    type: 'object',
    additionalProperties: INDICATOR,
    description: 'Dependencies that are up',
    example: { database: { status: 'up' } },
  })
  info: Record<string, { status: HealthIndicatorStatus }>;

  @ApiProperty({
    type: 'object',
    additionalProperties: INDICATOR,
    description: 'Dependencies that are down',
    example: {},
  })
  error: Record<string, { status: HealthIndicatorStatus }>;

  @ApiProperty({
    type: 'object',
    additionalProperties: INDICATOR,
    description: 'Every dependency checked',
    example: { database: { status: 'up' } },
  })
  details: Record<string, { status: HealthIndicatorStatus }>;
}
