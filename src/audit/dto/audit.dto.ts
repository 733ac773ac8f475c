import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { OptionalText } from '../../common/validation/decorators';
import { AUDIT_TYPES } from '../audit-types';

const TARGET_TYPES = ['user', 'session', 'article', 'comment', 'report'] as const;

export class AuditQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: "The actor's username", example: 'jake' })
  @OptionalText({ max: 64 })
  actor?: string;

  @ApiPropertyOptional({ enum: TARGET_TYPES })
  @IsOptional()
  @IsIn(TARGET_TYPES, { message: `must be one of ${TARGET_TYPES.join(', ')}` })
  targetType?: (typeof TARGET_TYPES)[number];

  @ApiPropertyOptional({
    description: 'The target id (a user id, a session id, an article slug…)',
    example: '7',
  })
  @OptionalText({ max: 64 })
  targetId?: string;

  @ApiPropertyOptional({ enum: AUDIT_TYPES })
  @IsOptional()
  @IsIn(AUDIT_TYPES, { message: 'is not an audit event type' })
  type?: (typeof AUDIT_TYPES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'From this time (inclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Until this time (exclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  to?: Date;
}

export class AuditTargetDto {
  @ApiProperty({ enum: TARGET_TYPES })
  type: string;

  @ApiProperty({ example: '7' })
  id: string;
}

export class AuditEventDto {
  @ApiProperty({ type: 'integer' })
  id: number;

  @ApiProperty({ enum: AUDIT_TYPES })
  type: string;

  @ApiProperty({ type: String, nullable: true, description: "The actor's username (null: nobody signed in)" })
  actor: string | null;

  @ApiProperty({ type: AuditTargetDto, nullable: true })
  target: AuditTargetDto | null;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  address: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The X-Request-Id of the request' })
  requestId: string | null;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: { reason: 'revoked' } })
  details: Record<string, unknown> | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class AuditEventsResponseDto {
  @ApiProperty({ type: [AuditEventDto] })
  events: AuditEventDto[];

  @ApiProperty({ type: 'integer' })
  eventsCount: number;
}
