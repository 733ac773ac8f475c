import { ApiProperty } from '@nestjs/swagger';

export class SessionDto {
  @ApiProperty({ example: 'q3Xv2m9cT0i8gk1ZpH4rLw', description: 'The session id (the `sid` of its tokens)' })
  id: string;

  @ApiProperty({ description: 'Whether the request was made with this session' })
  current: boolean;

  @ApiProperty({ example: 'Firefox on Linux', description: 'The client, as its User-Agent named it' })
  label: string;

  @ApiProperty({ example: '203.0.113.7', description: 'The address it signed in from' })
  address: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'Its last request, to the minute' })
  lastUsedAt: string;

  @ApiProperty({ format: 'date-time', description: 'When it ends unless refreshed' })
  expiresAt: string;
}

export class SessionListResponseDto {
  @ApiProperty({ type: [SessionDto] })
  sessions: SessionDto[];
}
