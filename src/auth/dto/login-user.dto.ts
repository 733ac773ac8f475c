import { ApiProperty } from '@nestjs/swagger';
import { EmailField, Envelope, RequiredText } from '../../common/validation/decorators';
import { PASSWORD_MAX } from '../password-hasher.service';

export class LoginUserDto {
  @ApiProperty({ example: 'jake@jake.jake' })
  @EmailField(true)
  email: string;

  @ApiProperty({ example: 'jakejake', format: 'password' })
  @RequiredText({ max: PASSWORD_MAX })
  password: string;
}

export class LoginUserRequestDto {
  @ApiProperty({ type: LoginUserDto })
  @Envelope(() => LoginUserDto)
  user: LoginUserDto;
}
