import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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
import {
  DisableMfaRequestDto,
  MfaCodeRequestDto,
  RecoveryCodesResponseDto,
  TotpEnrolmentResponseDto,
} from './dto/mfa.dto';
import { MfaService } from './mfa.service';

@ApiTags('Two-factor sign-in')
@ApiCommonErrors()
@Auth('required')
@Controller('user/mfa/totp')
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Post()
  @ApiOperation({
    operationId: 'EnrolTotp',
    summary: 'Start two-factor sign-in: a secret and its QR code for an authenticator app',
    description: 'Nothing changes until a first code confirms it (`POST /api/user/mfa/totp/confirm`).',
  })
  @ApiCreatedResponse({ type: TotpEnrolmentResponseDto })
  @ApiErrorResponse(409, 'Two-factor sign-in is on already', { mfa: ['is already enabled'] })
  enrol(@CurrentUser() user: AuthUser): Promise<TotpEnrolmentResponseDto> {
    return this.mfa.enrol(user);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'ConfirmTotp',
    summary: 'Turn two-factor sign-in on with a first code; answers the recovery codes, once',
  })
  @ApiOkResponse({ type: RecoveryCodesResponseDto })
  @ApiBodyErrors({ code: ['is invalid'] })
  @ApiErrorResponse(409, 'Two-factor sign-in is on already', { mfa: ['is already enabled'] })
  confirm(
    @CurrentUser() user: AuthUser,
    @Body() body: MfaCodeRequestDto,
    @Client() client: ClientInfo,
  ): Promise<RecoveryCodesResponseDto> {
    return this.mfa.confirm(user, body.code, client);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'DisableTotp',
    summary: 'Turn two-factor sign-in off: needs the password and a code (or a recovery code)',
  })
  @ApiNoContentResponse({ description: 'Off; the recovery codes are gone too' })
  @ApiBodyErrors({ password: ['is wrong'] })
  disable(
    @CurrentUser() user: AuthUser,
    @Body() body: DisableMfaRequestDto,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.mfa.disable(user, body.password, body.code, client);
  }
}
