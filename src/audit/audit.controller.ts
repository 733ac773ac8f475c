import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors, ApiErrorResponse } from '../common/decorators/api-responses.decorator';
import { Auth } from '../common/decorators/auth.decorator';
import { Allow } from '../policy/allow.decorator';
import { AuditService } from './audit.service';
import { AuditEventsResponseDto, AuditQueryDto } from './dto/audit.dto';

@ApiTags('Admin')
@ApiCommonErrors()
@Auth('required')
@Allow('audit.read')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    operationId: 'ListAuditEvents',
    summary: 'Security events, newest first: filter by actor, target, type and time',
  })
  @ApiOkResponse({ type: AuditEventsResponseDto })
  @ApiErrorResponse(422, 'A query parameter is invalid', { from: ['must be an ISO 8601 date-time'] })
  list(@Query() query: AuditQueryDto): Promise<AuditEventsResponseDto> {
    return this.audit.list(query);
  }
}
