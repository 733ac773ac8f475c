import { ApiProperty } from '@nestjs/swagger';

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
}

export class UserResponseDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;
}
