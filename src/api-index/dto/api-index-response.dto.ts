import { ApiProperty } from '@nestjs/swagger';

export class ApiIndexLinksDto {
  @ApiProperty({ example: '/docs', description: 'Swagger UI' })
  docs: string;

  @ApiProperty({ example: '/docs-json', description: 'The OpenAPI 3 document, as JSON' })
  openapi: string;

  @ApiProperty({ example: '/api/health', description: 'Readiness, summarised' })
  health: string;

  @ApiProperty({ example: '/api', description: 'The base URL of the RealWorld (Conduit) endpoints' })
  realWorld: string;
}

export class ApiIndexResponseDto {
  @ApiProperty({ example: 'folio' })
  name: string;

  @ApiProperty({ example: '0.1.0', description: 'The version of the running server' })
  version: string;

  @ApiProperty({ type: ApiIndexLinksDto, description: 'Paths from the host’s root' })
  links: ApiIndexLinksDto;
}
