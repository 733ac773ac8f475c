import { ApiProperty } from '@nestjs/swagger';

export class TrashItemDto {
  @ApiProperty({ enum: ['article', 'comment'] })
  type: 'article' | 'comment';

  @ApiProperty({
    type: 'integer',
    example: 7,
    description: "A comment's id (restore it with this); an article's id",
  })
  id: number;

  @ApiProperty({
    example: 'how-to-train-your-dragon',
    description: "The article's slug (a comment's article's)",
  })
  slug: string;

  @ApiProperty({
    example: 'How to train your dragon',
    description: "The article's title (a comment's article's)",
  })
  title: string;

  @ApiProperty({ type: String, nullable: true, description: "A comment's text; null for an article" })
  body: string | null;

  @ApiProperty({ format: 'date-time' })
  deletedAt: string;

  @ApiProperty({ format: 'date-time', description: 'When the trash purge deletes it for good' })
  purgeAt: string;

  @ApiProperty({ description: 'Someone else (a moderator or an admin) deleted it' })
  removedByModerator: boolean;

  @ApiProperty({ description: 'Whether the caller may restore it' })
  restorable: boolean;
}

export class TrashResponseDto {
  @ApiProperty({ type: [TrashItemDto], description: 'Newest deletion first' })
  trash: TrashItemDto[];

  @ApiProperty({ type: 'integer', example: 2 })
  trashCount: number;
}
