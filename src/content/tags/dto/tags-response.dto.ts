import { ApiProperty } from '@nestjs/swagger';

export class TagsResponseDto {
  @ApiProperty({
    type: [String],
    example: ['reactjs', 'angularjs'],
    description: 'Tags in use, the most used first',
  })
  tags: string[];
}
