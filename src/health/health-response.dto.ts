import { ApiProperty } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ example: { state: 'up', engine: 'sqlite' } })
  database: { state: 'up' | 'down'; engine: string };
}
