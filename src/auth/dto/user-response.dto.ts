import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class UserDto {
  @ApiProperty({ example: 'jake@jake.jake' })
  email: string;

  @ApiProperty({ description: 'JWT to send as `Authorization: Token <jwt>` (or `Bearer <jwt>`)' })
  token: string;

  @ApiProperty({ example: 'jake' })
  username: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  bio: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  image: string | null;

  @ApiPropertyOptional({
    description:
      'After a sign-in or a refresh: the token to trade for the next `token` at `POST /api/auth/refresh` ' +
      '(good once; a used one presented again signs the session out)',
  })
  refreshToken?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'After a sign-in, a refresh or an update: when `token` expires',
  })
  tokenExpiresAt?: string;
}

export class UserResponseDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;
}
