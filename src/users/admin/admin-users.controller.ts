import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
import { Allow } from '../../policy/allow.decorator';
import { AdminUsersService } from './admin-users.service';
import {
  AdminUsersQueryDto,
  ManageUserRequestDto,
  MultipleAdminUsersResponseDto,
  SingleAdminUserResponseDto,
} from './dto/admin-user.dto';

@ApiTags('Admin')
@ApiCommonErrors()
@Auth('required')
@Allow('user.manage')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly admin: AdminUsersService) {}

  @Get()
  @ApiOperation({
    operationId: 'ListUsers',
    summary: 'Accounts, newest first: filter by role, status, part of the username or e-mail',
  })
  @ApiOkResponse({ type: MultipleAdminUsersResponseDto })
  @ApiErrorResponse(422, 'A query parameter is invalid', { role: ['must be user, moderator or admin'] })
  list(@Query() query: AdminUsersQueryDto): Promise<MultipleAdminUsersResponseDto> {
    return this.admin.list(query);
  }

  @Patch(':username')
  @ApiOperation({
    operationId: 'ManageUser',
    summary: "Change an account's role, suspend it or restore it",
    description:
      'A suspended account cannot sign in and every session of it ends at once; its articles and comments stay ' +
      'published. An admin cannot change their own role or suspend themselves.',
  })
  @ApiParam({ name: 'username', example: 'jake' })
  @ApiOkResponse({ type: SingleAdminUserResponseDto })
  @ApiBodyErrors({ role: ['must be user, moderator or admin'] })
  @ApiErrorResponse(404, 'No such user', { user: ['not found'] })
  manage(
    @Param('username') username: string,
    @Body() body: ManageUserRequestDto,
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
  ): Promise<SingleAdminUserResponseDto> {
    return this.admin.manage(username, user, body.user, client);
  }
}
