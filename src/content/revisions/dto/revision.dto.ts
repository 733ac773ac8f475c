import { ApiProperty } from '@nestjs/swagger';
import { DiffLine } from '../line-diff';

export class RevisionSummaryDto {
  @ApiProperty({ type: 'integer', example: 12 })
  id: number;

  @ApiProperty({ example: 'How to train your dragon' })
  title: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'jake',
    description: 'Who wrote this version (null: account gone)',
  })
  editor: string | null;

  @ApiProperty({ format: 'date-time', description: 'When this version was written' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'When an edit replaced it' })
  replacedAt: string;
}

export class RevisionListResponseDto {
  @ApiProperty({ type: [RevisionSummaryDto], description: 'Newest first' })
  revisions: RevisionSummaryDto[];

  @ApiProperty({ type: 'integer', example: 3 })
  revisionsCount: number;
}

export class DiffLineDto implements DiffLine {
  @ApiProperty({
    enum: ['=', '-', '+'],
    description: '= in both, - only in this revision, + only in the current text',
  })
  op: '=' | '-' | '+';

  @ApiProperty({ example: 'You have to believe' })
  text: string;
}

export class RevisionDiffDto {
  @ApiProperty({ type: [DiffLineDto] })
  title: DiffLineDto[];

  @ApiProperty({ type: [DiffLineDto] })
  description: DiffLineDto[];

  @ApiProperty({ type: [DiffLineDto] })
  body: DiffLineDto[];

  @ApiProperty({ type: [DiffLineDto], description: 'One tag per line' })
  tagList: DiffLineDto[];
}

export class RevisionDto extends RevisionSummaryDto {
  @ApiProperty({ example: 'Ever wonder how?' })
  description: string;

  @ApiProperty({ example: 'You have to believe' })
  body: string;

  @ApiProperty({ type: [String], example: ['dragons'] })
  tagList: string[];

  @ApiProperty({
    type: RevisionDiffDto,
    description: 'Line by line, from this revision to the current article',
  })
  diff: RevisionDiffDto;
}

export class RevisionResponseDto {
  @ApiProperty({ type: RevisionDto })
  revision: RevisionDto;
}
