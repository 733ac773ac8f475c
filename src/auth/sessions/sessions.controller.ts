import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { ApiCommonErrors, ApiErrorResponse } from '../../common/decorators/api-responses.decorator';
import { Auth } from '../../common/decorators/auth.decorator';
import { Client } from '../../common/decorators/client.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { AllowUnconfirmedEmail } from '../email-confirmed.guard';
import { SessionListResponseDto } from './dto/session-response.dto';
import { SessionsService } from './sessions.service';

@ApiTags('Sessions')
@ApiCommonErrors()
@Auth('required')
@AllowUnconfirmedEmail()
@Controller('user/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({
    operationId: 'ListSessions',
    summary: "The signed-in user's sessions that still work",
    description: 'One per sign-in; `current` marks the one this request was made with.',
  })
  @ApiOkResponse({ type: SessionListResponseDto })
  list(@CurrentUser() user: AuthUser): Promise<SessionListResponseDto> {
    return this.sessions.list(user);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'RevokeOtherSessions',
    summary: 'Sign out every other session',
    description:
      'Every session but the current one ends; their tokens and refresh tokens stop working at once.',
  })
  @ApiNoContentResponse({ description: 'The other sessions are signed out' })
  revokeOthers(@CurrentUser() user: AuthUser, @Client() client: ClientInfo): Promise<void> {
    return this.sessions.revokeAllBut(user.id, user.sessionId, 'revoked', client);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'RevokeSession',
    summary: 'Sign out one session',
    description:
      'Its tokens and refresh token stop working at once. Revoking the current one signs this client out.',
  })
  @ApiNoContentResponse({ description: 'The session is signed out' })
  @ApiErrorResponse(404, 'No live session of the signed-in user has this id', { session: ['not found'] })
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.sessions.revoke(user, id, client);
  }
}
