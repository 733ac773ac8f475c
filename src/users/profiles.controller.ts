import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { ApiCommonErrors, ApiErrorResponse } from '../common/decorators/api-responses.decorator';
import { Auth } from '../common/decorators/auth.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ProfileResponseDto } from './dto/profile.dto';
import { ProfilesService } from './profiles.service';

@ApiTags('Profiles')
@ApiCommonErrors()
@ApiParam({ name: 'username', description: 'The username of the profile', example: 'jake' })
@ApiErrorResponse(404, 'No user has this username', { profile: ['not found'] })
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get(':username')
  @ApiOperation({ operationId: 'GetProfileByUsername', summary: 'Get a profile (authentication optional)' })
  @Auth('optional')
  @ApiOkResponse({ type: ProfileResponseDto, description: '`following` is false for anonymous callers' })
  findOne(@Param('username') username: string, @CurrentUser() user?: AuthUser): Promise<ProfileResponseDto> {
    return this.profiles.findOne(username, user?.id);
  }

  @Post(':username/follow')
  @HttpCode(200)
  @ApiOperation({ operationId: 'FollowUserByUsername', summary: 'Follow a user (idempotent)' })
  @Auth('required')
  @ApiOkResponse({ type: ProfileResponseDto, description: 'The profile, now followed' })
  @ApiErrorResponse(422, 'Users cannot follow themselves', { username: ['cannot follow yourself'] })
  follow(@Param('username') username: string, @CurrentUser() user: AuthUser): Promise<ProfileResponseDto> {
    return this.profiles.follow(username, user.id);
  }

  @Delete(':username/follow')
  @ApiOperation({ operationId: 'UnfollowUserByUsername', summary: 'Unfollow a user (idempotent)' })
  @Auth('required')
  @ApiOkResponse({ type: ProfileResponseDto, description: 'The profile, no longer followed' })
  unfollow(@Param('username') username: string, @CurrentUser() user: AuthUser): Promise<ProfileResponseDto> {
    return this.profiles.unfollow(username, user.id);
  }
}
