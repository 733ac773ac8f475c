import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Envelope, OptionalText, RequiredText } from '../../common/validation/decorators';
import { PASSWORD_MAX } from '../../auth/password-hasher.service';

export class CloseAccountDto {
  @ApiProperty({ format: 'password', description: "The account's password" })
  @RequiredText({ max: PASSWORD_MAX })
  password: string;

  @ApiPropertyOptional({
    description: 'With two-factor sign-in on: a code of the authenticator (or a recovery code)',
    example: '123456',
  })
  @OptionalText({ max: 16 })
  mfaCode?: string;
}

export class CloseAccountRequestDto {
  @ApiProperty({ type: CloseAccountDto })
  @Envelope(() => CloseAccountDto)
  user: CloseAccountDto;
}
