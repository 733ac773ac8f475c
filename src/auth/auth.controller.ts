import { Body, Controller, Get, HttpCode, Ip, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { RateLimitBucket } from '../rate-limit/rate-limit.decorator';
import { AuthService } from './auth.service';
import { LoginUserRequestDto } from './dto/login-user.dto';
import { RegisterUserRequestDto } from './dto/register-user.dto';
import { UpdateUserRequestDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';

@ApiTags('User and Authentication')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('users')
  @Public()
  @RateLimitBucket('registrations')
  @ApiOperation({ operationId: 'CreateUser', summary: 'Register a new user' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The username or email is already taken' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'A field is missing or invalid' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many registrations from this address',
  })
  register(@Body() body: RegisterUserRequestDto): Promise<UserResponseDto> {
    return this.auth.register(body.user);
  }

  @Post('users/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'Login', summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'Unknown email or wrong password: `{"errors":{"credentials":["invalid"]}}`',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many failed sign-ins for this account or address',
  })
  login(@Body() body: LoginUserRequestDto, @Ip() address: string): Promise<UserResponseDto> {
    return this.auth.login(body.user, address);
  }

  @Get('user')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'GetCurrentUser', summary: 'Get the signed-in user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  currentUser(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.auth.currentUser(user);
  }

  @Put('user')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'UpdateCurrentUser', summary: 'Update the signed-in user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The new username or email is already taken' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
  updateUser(@CurrentUser() user: AuthUser, @Body() body: UpdateUserRequestDto): Promise<UserResponseDto> {
    return this.auth.updateUser(user, body.user);
  }
}
