import { ApiProperty } from '@nestjs/swagger';

export class ErrorResponseDto {
  @ApiProperty({
    description: 'Messages per field (or per concern: token, credentials, article…)',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { email: ["can't be blank"] },
  })
  errors: Record<string, string[]>;
}
