import { ApiProperty } from '@nestjs/swagger';
import { RequiredText } from '../../common/validation/decorators';

export class RefreshTokenRequestDto {
  @ApiProperty({
    description: 'The refresh token of the last sign-in or refresh; each one is good once',
    example: 'm2oQ9cF0t7y5Vx3LzJk8s1b6nE4aR0uWqPdHgYiTcXo',
  })
  @RequiredText({ max: 256 })
  refreshToken: string;
}
