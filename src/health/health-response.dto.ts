import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDatabaseDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  state: 'up' | 'down';

  @ApiProperty({ description: 'The TypeORM driver in use', example: 'better-sqlite3' })
  engine: string;
}

export class HealthRedisDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  state: 'up' | 'down';
}

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ type: HealthDatabaseDto })
  database: HealthDatabaseDto;

  @ApiPropertyOptional({ type: HealthRedisDto, description: 'Present only when REDIS_URL is set' })
  redis?: HealthRedisDto;
}
