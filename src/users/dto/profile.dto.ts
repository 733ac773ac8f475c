import { ApiProperty } from '@nestjs/swagger';

export class ProfileDto {
  @ApiProperty({ example: 'jake' })
  username: string;

  @ApiProperty({ type: String, nullable: true, example: 'I work at statefarm' })
  bio: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'https://api.realworld.io/images/smiley-cyrus.jpg' })
  image: string | null;

  @ApiProperty({
    description: 'Whether the caller follows this user (false for anonymous callers)',
    example: false,
  })
  following: boolean;
}

export class ProfileResponseDto {
  @ApiProperty({ type: ProfileDto })
  profile: ProfileDto;
}
