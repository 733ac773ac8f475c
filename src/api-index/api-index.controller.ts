import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Auth } from '../common/decorators/auth.decorator';
import { PATHS } from '../common/http/paths';
import { packageInfo } from '../config/package-info';
import { ApiIndexResponseDto } from './dto/api-index-response.dto';

/** What GET /api answers: the same for every caller, built once. */
function apiIndex(): ApiIndexResponseDto {
  const { name, version } = packageInfo();
  return {
    name,
    version,
    links: { docs: PATHS.docs, openapi: PATHS.openApiJson, health: PATHS.health, realWorld: PATHS.api },
  };
}

@ApiTags('Operations')
@Controller()
export class ApiIndexController {
  private readonly index = apiIndex();

  @Get()
  @Auth('none')
  // A constant answer that touches nothing: rate limiting it would protect nothing.
  @SkipThrottle({ reads: true, writes: true, registrations: true })
  @ApiOperation({
    operationId: 'GetApiIndex',
    summary: 'The API’s name, version and where its documentation lives',
    description:
      'The URL the server prints at start. Links are paths from the host’s root. A known path asked with a ' +
      'method it does not serve answers 405 with an `Allow` header; `GET /` redirects to the Swagger UI.',
  })
  @ApiOkResponse({ type: ApiIndexResponseDto })
  show(): ApiIndexResponseDto {
    return this.index;
  }
}
