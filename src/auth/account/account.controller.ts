import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import {
  ApiBodyErrors,
  ApiCommonErrors,
  ApiErrorResponse,
} from '../../common/decorators/api-responses.decorator';
import { Auth } from '../../common/decorators/auth.decorator';
import { Client } from '../../common/decorators/client.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { RateLimitBucket } from '../../rate-limit/rate-limit.decorator';
import { AllowUnconfirmedEmail } from '../email-confirmed.guard';
import { INVALID_TOKEN } from './account-tokens.service';
import {
  LinkTokenRequestDto,
  PasswordResetConfirmRequestDto,
  PasswordResetRequestDto,
} from './dto/account-requests.dto';
import { EmailChangeService } from './email-change.service';
import { EmailConfirmationService } from './email-confirmation.service';
import { PasswordResetService } from './password-reset.service';

const MAIL_LIMIT = 'Too many mails asked for from this address (RATE_LIMIT_MAILS_PER_HOUR)';

@ApiTags('User and Authentication')
@ApiCommonErrors()
@Controller()
export class AccountController {
  constructor(
    private readonly confirmations: EmailConfirmationService,
    private readonly emailChanges: EmailChangeService,
    private readonly passwordResets: PasswordResetService,
  ) {}

  @Post('auth/email-confirmation')
  @Auth('none')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'ConfirmEmail',
    summary: "Confirm an account's e-mail address with the token of the mailed link",
  })
  @ApiNoContentResponse({ description: 'The address is confirmed' })
  @ApiBodyErrors({ token: ["can't be blank"] })
  @ApiErrorResponse(422, 'The token is unknown, used or expired (one answer for all)', INVALID_TOKEN)
  confirmEmail(@Body() body: LinkTokenRequestDto, @Client() client: ClientInfo): Promise<void> {
    return this.confirmations.confirm(body.token, client);
  }

  @Post('user/email-confirmation')
  @Auth('required')
  @AllowUnconfirmedEmail()
  @RateLimitBucket('mail')
  @HttpCode(202)
  @ApiOperation({ operationId: 'ResendEmailConfirmation', summary: 'Mail the confirmation link again' })
  @ApiAcceptedResponse({ description: 'A new link is on its way' })
  @ApiErrorResponse(422, 'The address is confirmed already', { email: ['is already confirmed'] })
  @ApiErrorResponse(429, MAIL_LIMIT)
  resendConfirmation(@CurrentUser() user: AuthUser): Promise<void> {
    return this.confirmations.resend(user);
  }

  @Post('auth/password-reset')
  @Auth('none')
  @RateLimitBucket('mail')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'RequestPasswordReset',
    summary: 'Mail a password-reset link',
    description:
      'Answers the same, as fast, whether or not the address belongs to an account; only an account gets a mail. ' +
      'The link works once, for PASSWORD_RESET_EXPIRES_IN (1 h by default).',
  })
  @ApiAcceptedResponse({ description: 'If the address belongs to an account, a link is on its way' })
  @ApiBodyErrors({ email: ['is invalid'] })
  @ApiErrorResponse(429, MAIL_LIMIT)
  requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<void> {
    return this.passwordResets.request(body.email);
  }

  @Post('auth/password-reset/confirm')
  @Auth('none')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'ResetPassword',
    summary: 'Set a new password with the token of the reset link',
    description: 'Every session of the account is signed out; sign in with the new password.',
  })
  @ApiNoContentResponse({ description: 'The password is changed' })
  @ApiBodyErrors({ password: ['is too short (minimum is 8 characters)'] })
  @ApiErrorResponse(422, 'The token is unknown, used or expired (one answer for all)', INVALID_TOKEN)
  resetPassword(@Body() body: PasswordResetConfirmRequestDto, @Client() client: ClientInfo): Promise<void> {
    return this.passwordResets.reset(body.token, body.password, client);
  }

  @Post('auth/email-change/confirm')
  @Auth('none')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'ConfirmEmailChange',
    summary: 'Apply an e-mail change with the token of the link mailed to the new address',
  })
  @ApiNoContentResponse({ description: 'The account has its new address (confirmed); the old one is told' })
  @ApiBodyErrors({ token: ["can't be blank"] })
  @ApiErrorResponse(422, 'The token is unknown, used or expired (one answer for all)', INVALID_TOKEN)
  @ApiErrorResponse(409, 'Another account took the address meanwhile', { email: ['has already been taken'] })
  confirmEmailChange(@Body() body: LinkTokenRequestDto, @Client() client: ClientInfo): Promise<void> {
    return this.emailChanges.confirm(body.token, client);
  }
}
