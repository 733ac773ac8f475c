import { Body, Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { AccountClosureService } from './account-closure.service';
import { DataExportService } from './data-export.service';
import { CloseAccountRequestDto } from './dto/close-account.dto';
import { DataExportResponseDto } from './dto/data-export.dto';

@ApiTags('User and Authentication')
@ApiCommonErrors()
@Controller('user')
export class PrivacyController {
  constructor(
    private readonly exports: DataExportService,
    private readonly closure: AccountClosureService,
  ) {}

  @Get('export')
  @ApiOperation({
    operationId: 'ExportUserData',
    summary: 'Everything Folio holds about the caller, as one JSON document',
    description:
      'The account, every article (drafts and trash included) with its tags and past versions, comments, ' +
      'favorites, follows both ways and sessions. No secret: no password hash, token or two-factor secret.',
  })
  @Auth('required')
  @ApiOkResponse({ type: DataExportResponseDto })
  async export(@CurrentUser() user: AuthUser): Promise<DataExportResponseDto> {
    return { export: await this.exports.export(user.id) };
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'DeleteCurrentUser',
    summary: 'Delete the account and everything it owns, for good',
    description:
      'Needs the password, and `mfaCode` while two-factor sign-in is on. Articles (with their comments, favorites ' +
      'and revisions), comments, favorites, follows and sessions go at once; every token stops working; the ' +
      'e-mail address and the username can register again. There is no undo: export first.',
  })
  @Auth('required')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiBodyErrors({ password: ['is wrong'] })
  @ApiErrorResponse(403, 'Two-factor sign-in is on and the mfaCode is missing or wrong', {
    mfaCode: ['is required: two-factor sign-in is on for this account'],
  })
  close(
    @Body() body: CloseAccountRequestDto,
    @CurrentUser() user: AuthUser,
    @Client() client: ClientInfo,
  ): Promise<void> {
    return this.closure.close(user, body.user, client);
  }
}
