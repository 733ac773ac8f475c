import { ApiProperty } from '@nestjs/swagger';
import { EmailField, Envelope, RequiredText, UsernameField } from '../../common/validation/decorators';
import { EMAIL_MAX, USERNAME_MAX } from '../../users/entities/user.entity';
import { PASSWORD_MAX, PASSWORD_MIN } from '../password-hasher.service';

export class RegisterUserDto {
  @ApiProperty({ example: 'jacob', maxLength: USERNAME_MAX, pattern: '^[\\p{L}\\p{N}_.-]+$' })
  @UsernameField(true, USERNAME_MAX)
  username: string;

  @ApiProperty({ example: 'jake@jake.jake', maxLength: EMAIL_MAX, description: 'Stored lower-cased' })
  @EmailField(true)
  email: string;

  @ApiProperty({ example: 'jakejake', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, format: 'password' })
  @RequiredText({ min: PASSWORD_MIN, max: PASSWORD_MAX })
  password: string;
}

export class RegisterUserRequestDto {
  @ApiProperty({ type: RegisterUserDto })
  @Envelope(() => RegisterUserDto)
  user: RegisterUserDto;
}
