import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiExtraModels,
  getSchemaPath,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import type { ClientInfo } from '../common/client-info';
import {
  ApiBodyErrors,
  ApiCommonErrors,
  ApiErrorResponse,
} from '../common/decorators/api-responses.decorator';
import { Auth } from '../common/decorators/auth.decorator';
import { Client } from '../common/decorators/client.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { RateLimitBucket } from '../rate-limit/rate-limit.decorator';
import { AuthService } from './auth.service';
import { AllowUnconfirmedEmail } from './email-confirmed.guard';
import { RefreshCookie } from './sessions/refresh-cookie';
import { LoginUserRequestDto } from './dto/login-user.dto';
import { RefreshTokenRequestDto } from './dto/refresh-token.dto';
import { CompleteMfaRequestDto, MfaChallengeResponseDto } from './mfa/dto/mfa.dto';
import { RegisterUserRequestDto } from './dto/register-user.dto';
import { UpdateUserRequestDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';

@ApiTags('User and Authentication')
@ApiCommonErrors()
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('users')
  @Auth('none')
  @RefreshCookie('issue')
  @RateLimitBucket('registrations')
  @ApiOperation({ operationId: 'CreateUser', summary: 'Register a new user' })
  @ApiCreatedResponse({
    type: UserResponseDto,
    description: 'The new user, signed in: a token, its expiry and a refresh token (a new session)',
  })
  @ApiBodyErrors({ email: ['is invalid'] })
  @ApiErrorResponse(409, 'The username or email is already taken', { email: ['has already been taken'] })
  @ApiErrorResponse(429, 'Too many registrations (or writes) from this address')
  create(@Body() body: RegisterUserRequestDto, @Client() client: ClientInfo): Promise<UserResponseDto> {
    return this.auth.register(body.user, client);
  }

  @Post('users/login')
  @Auth('none')
  @RefreshCookie('issue')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'Login',
    summary: 'Sign in with email and password',
    description:
      'Answers the signed-in user, or, when the account has two-factor sign-in on, `{"mfa": {"challenge", ' +
      '"expiresAt", "methods"}}`: complete it with a code at `POST /api/auth/mfa`.',
  })
  @ApiExtraModels(UserResponseDto, MfaChallengeResponseDto)
  @ApiOkResponse({
    description:
      'The user, signed in (a token, its expiry and a refresh token: a new session); or a two-factor challenge',
    schema: {
      oneOf: [{ $ref: getSchemaPath(UserResponseDto) }, { $ref: getSchemaPath(MfaChallengeResponseDto) }],
    },
  })
  @ApiErrorResponse(403, 'The account is suspended (answered only to the right password)', {
    credentials: ['this account is suspended'],
  })
  @ApiErrorResponse(401, 'Unknown email or wrong password (the same answer for both)', {
    credentials: ['invalid'],
  })
  @ApiBodyErrors({ email: ["can't be blank"] })
  @ApiErrorResponse(429, 'Too many failed sign-ins for this account or address (or writes from it)', {
    credentials: ['too many failed sign-ins, retry in 900 s'],
  })
  login(
    @Body() body: LoginUserRequestDto,
    @Client() client: ClientInfo,
  ): Promise<UserResponseDto | MfaChallengeResponseDto> {
    return this.auth.login(body.user, client);
  }

  @Post('auth/mfa')
  @Auth('none')
  @RefreshCookie('issue')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'CompleteMfa',
    summary: "Complete a two-factor sign-in: the login's challenge and a code",
    description:
      "Send `code` (the authenticator app's 6 digits) or `recoveryCode`. A code works once; a challenge works once, " +
      'for 5 minutes, and dies after 5 wrong codes; wrong codes also count against the account like failed sign-ins.',
  })
  @ApiOkResponse({ type: UserResponseDto, description: 'The user, signed in (a new session)' })
  @ApiErrorResponse(401, 'The challenge is unknown, used or expired, or the code is wrong', {
    code: ['is invalid'],
  })
  @ApiBodyErrors({ challenge: ["can't be blank"] })
  @ApiErrorResponse(429, 'Too many wrong codes for this account', {
    credentials: ['too many failed sign-ins, retry in 900 s'],
  })
  completeMfa(@Body() body: CompleteMfaRequestDto, @Client() client: ClientInfo): Promise<UserResponseDto> {
    return this.auth.completeMfa(body, client);
  }

  @Post('auth/refresh')
  @Auth('none')
  @RefreshCookie('read')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'RefreshToken',
    summary: 'Trade a refresh token for a new token and refresh token',
    description:
      'Each refresh token is good once. Presenting a used one again (a copy, or two requests racing) signs its ' +
      'session out: every token of the session stops working and the event goes to the audit log.',
  })
  @ApiOkResponse({ type: UserResponseDto, description: 'The user with a new token and a new refresh token' })
  @ApiErrorResponse(401, 'The refresh token is missing, unknown, used, revoked or expired', {
    refreshToken: ['is invalid'],
  })
  @ApiErrorResponse(403, 'Browser mode: the X-CSRF-Token header does not repeat the folio_csrf cookie', {
    csrf: ['the X-CSRF-Token header must repeat the folio_csrf cookie'],
  })
  @ApiBodyErrors({ refreshToken: ["can't be blank"] })
  refresh(@Body() body: RefreshTokenRequestDto, @Client() client: ClientInfo): Promise<UserResponseDto> {
    return this.auth.refresh(body.refreshToken, client);
  }

  @Post('auth/logout')
  @Auth('required')
  @RefreshCookie('clear')
  @AllowUnconfirmedEmail()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'Logout',
    summary: 'Sign out: end the current session',
    description: "The session's tokens and refresh token stop working at once.",
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  logout(@CurrentUser() user: AuthUser, @Client() client: ClientInfo): Promise<void> {
    return this.auth.logout(user, client);
  }

  @Get('user')
  @ApiOperation({ operationId: 'GetCurrentUser', summary: 'Get the signed-in user' })
  @Auth('required')
  @ApiOkResponse({ type: UserResponseDto, description: 'The signed-in user' })
  findCurrent(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.auth.findCurrent(user);
  }

  @Put('user')
  @ApiOperation({
    operationId: 'UpdateCurrentUser',
    summary: 'Update the signed-in user',
    description:
      'Fields left out stay as they are. A new password signs out every other session. A new `email` replacing a ' +
      'confirmed address is not applied here: a link is mailed to it, and the change applies when it is followed ' +
      '(`POST /api/auth/email-change/confirm`); until then the answer shows the current address. An address never ' +
      'confirmed is replaced at once (and the new one gets a confirmation link).',
  })
  @Auth('required')
  @AllowUnconfirmedEmail()
  @ApiOkResponse({
    type: UserResponseDto,
    description: 'The updated user (a fresh token after a new password)',
  })
  @ApiBodyErrors({ image: ['must be an http(s) URL'] })
  @ApiErrorResponse(
    403,
    'Two-factor sign-in is on and the e-mail or password change came without a right mfaCode',
    {
      mfaCode: ['is required: two-factor sign-in is on for this account'],
    },
  )
  @ApiErrorResponse(409, 'The new username or email is already taken', {
    username: ['has already been taken'],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Body() body: UpdateUserRequestDto,
    @Client() client: ClientInfo,
  ): Promise<UserResponseDto> {
    return this.auth.update(user, body.user, client);
  }
}
