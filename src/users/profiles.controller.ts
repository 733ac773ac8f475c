import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { ProfileResponseDto } from './dto/profile.dto';
import { ProfilesService } from './profiles.service';

@ApiTags('Profiles')
@ApiBearerAuth()
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get(':username')
  @Public()
  @ApiOperation({ operationId: 'GetProfileByUsername', summary: 'Get a profile (authentication optional)' })
  @ApiOkResponse({ type: ProfileResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No user has this username' })
  getProfile(
    @Param('username') username: string,
    @CurrentUser() user?: AuthUser,
  ): Promise<ProfileResponseDto> {
    return this.profiles.getProfile(username, user?.id);
  }

  @Post(':username/follow')
  @HttpCode(200)
  @ApiOperation({ operationId: 'FollowUserByUsername', summary: 'Follow a user (idempotent)' })
  @ApiOkResponse({ type: ProfileResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Users cannot follow themselves' })
  follow(@Param('username') username: string, @CurrentUser() user: AuthUser): Promise<ProfileResponseDto> {
    return this.profiles.follow(username, user.id);
  }

  @Delete(':username/follow')
  @ApiOperation({ operationId: 'UnfollowUserByUsername', summary: 'Unfollow a user (idempotent)' })
  @ApiOkResponse({ type: ProfileResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  unfollow(@Param('username') username: string, @CurrentUser() user: AuthUser): Promise<ProfileResponseDto> {
    return this.profiles.unfollow(username, user.id);
  }
}
