import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalText } from '../../common/validation/decorators';

export class RefreshTokenRequestDto {
  @ApiPropertyOptional({
    description:
      'The refresh token of the last sign-in or refresh; each one is good once. Left out in browser mode ' +
      '(REFRESH_TOKEN_COOKIE): the folio_refresh cookie carries it, and X-CSRF-Token must repeat the folio_csrf cookie',
    example: 'm2oQ9cF0t7y5Vx3LzJk8s1b6nE4aR0uWqPdHgYiTcXo',
  })
  @OptionalText({ max: 256 })
  refreshToken?: string;
}
