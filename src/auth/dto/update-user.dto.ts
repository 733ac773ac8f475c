import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import {
  EmailField,
  Envelope,
  NullableText,
  OptionalText,
  UsernameField,
} from '../../common/validation/decorators';
import { BIO_MAX, IMAGE_MAX, USERNAME_MAX } from '../../users/entities/user.entity';
import { PASSWORD_MAX, PASSWORD_MIN } from '../password-hasher.service';

/** Every field optional; email, username and password may not be cleared, bio and image may ("" or null). */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'jake@jake.jake' })
  @EmailField(false)
  email?: string;

  @ApiPropertyOptional({ example: 'jacob', maxLength: USERNAME_MAX })
  @UsernameField(false, USERNAME_MAX)
  username?: string;

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    format: 'password',
    description: 'Changing it signs out other sessions',
  })
  @OptionalText({ min: PASSWORD_MIN, max: PASSWORD_MAX })
  password?: string;

  @ApiPropertyOptional({
    description:
      'With two-factor sign-in on: a code of the authenticator (or a recovery code), needed to change the e-mail address or the password',
    example: '123456',
  })
  @OptionalText({ max: 16 })
  mfaCode?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: BIO_MAX, example: 'I like to skateboard' })
  @NullableText({ max: BIO_MAX })
  bio?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: IMAGE_MAX,
    example: 'https://i.stack.imgur.com/xHWG8.jpg',
  })
  @NullableText({ max: IMAGE_MAX, url: true })
  image?: string | null;
}

export class UpdateUserRequestDto {
  @ApiProperty({ type: UpdateUserDto })
  @Envelope(() => UpdateUserDto)
  user: UpdateUserDto;
}
