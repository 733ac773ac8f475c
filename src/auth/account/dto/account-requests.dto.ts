import { ApiProperty } from '@nestjs/swagger';
import { EmailField, RequiredText } from '../../../common/validation/decorators';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../password-hasher.service';

const TOKEN_EXAMPLE = 'Vt1m3xQ0cJ9y2kL7bN4sR8wE6pA5dF0gH3jK1zX9qWe';

/** The token of a mailed link (the `token` query parameter of the link). */
export class LinkTokenRequestDto {
  @ApiProperty({ description: "The `token` parameter of the mail's link", example: TOKEN_EXAMPLE })
  @RequiredText({ max: 256 })
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'jake@jake.jake', description: 'The address of the account' })
  @EmailField(true)
  email: string;
}

export class PasswordResetConfirmRequestDto {
  @ApiProperty({ description: "The `token` parameter of the reset mail's link", example: TOKEN_EXAMPLE })
  @RequiredText({ max: 256 })
  token: string;

  @ApiProperty({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    format: 'password',
    example: 'a new password',
  })
  @RequiredText({ min: PASSWORD_MIN, max: PASSWORD_MAX })
  password: string;
}
