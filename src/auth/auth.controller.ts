import { Body, Controller, Get, HttpCode, Ip, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import {
  ApiBodyErrors,
  ApiCommonErrors,
  ApiErrorResponse,
} from '../common/decorators/api-responses.decorator';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { RateLimitBucket } from '../rate-limit/rate-limit.decorator';
import { AuthService } from './auth.service';
import { LoginUserRequestDto } from './dto/login-user.dto';
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
  @RateLimitBucket('registrations')
  @ApiOperation({ operationId: 'CreateUser', summary: 'Register a new user' })
  @ApiCreatedResponse({ type: UserResponseDto, description: 'The new user, signed in (with a token)' })
  @ApiBodyErrors({ email: ['is invalid'] })
  @ApiErrorResponse(409, 'The username or email is already taken', { email: ['has already been taken'] })
  @ApiErrorResponse(429, 'Too many registrations (or writes) from this address')
  create(@Body() body: RegisterUserRequestDto): Promise<UserResponseDto> {
    return this.auth.register(body.user);
  }

  @Post('users/login')
  @Auth('none')
  @HttpCode(200)
  @ApiOperation({ operationId: 'Login', summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: UserResponseDto, description: 'The user, with a fresh token' })
  @ApiErrorResponse(401, 'Unknown email or wrong password (the same answer for both)', {
    credentials: ['invalid'],
  })
  @ApiBodyErrors({ email: ["can't be blank"] })
  @ApiErrorResponse(429, 'Too many failed sign-ins for this account or address (or writes from it)', {
    credentials: ['too many failed sign-ins, retry in 900 s'],
  })
  login(@Body() body: LoginUserRequestDto, @Ip() address: string): Promise<UserResponseDto> {
    return this.auth.login(body.user, address);
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
    description: 'Fields left out stay as they are. A new password signs out every other session.',
  })
  @Auth('required')
  @ApiOkResponse({
    type: UserResponseDto,
    description: 'The updated user (a fresh token after a new password)',
  })
  @ApiBodyErrors({ image: ['must be an http(s) URL'] })
  @ApiErrorResponse(409, 'The new username or email is already taken', {
    username: ['has already been taken'],
  })
  update(@CurrentUser() user: AuthUser, @Body() body: UpdateUserRequestDto): Promise<UserResponseDto> {
    return this.auth.update(user, body.user);
  }
}
