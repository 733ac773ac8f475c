import { ApiProperty } from '@nestjs/swagger';

class ExportAccountDto {
  @ApiProperty() username: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) bio: string | null;
  @ApiProperty({ type: String, nullable: true }) image: string | null;
  @ApiProperty({ enum: ['user', 'moderator', 'admin'] }) role: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) emailConfirmedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) suspendedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Whether two-factor sign-in is on (its secret is never exported)' })
  twoFactorEnabled: boolean;
}

class ExportRevisionDto {
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: [String] }) tagList: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Who wrote this version' }) editor: string | null;
  @ApiProperty({ format: 'date-time' }) writtenAt: string;
  @ApiProperty({ format: 'date-time' }) replacedAt: string;
}

class ExportArticleDto {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: [String] }) tagList: string[];
  @ApiProperty({ enum: ['draft', 'scheduled', 'published', 'unpublished'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) unpublishAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'In the trash since' })
  deletedAt: string | null;
  @ApiProperty({ type: 'integer' }) favoritesCount: number;
  @ApiProperty({ type: [ExportRevisionDto], description: 'Past versions, oldest first' })
  revisions: ExportRevisionDto[];
}

class ExportCommentDto {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({ description: "The article's slug" }) article: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deletedAt: string | null;
}

class ExportFavoriteDto {
  @ApiProperty({ description: "The article's slug" }) article: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class ExportFollowDto {
  @ApiProperty() username: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class ExportSessionDto {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastUsedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedReason: string | null;
}

export class DataExportDto {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ type: ExportAccountDto }) account: ExportAccountDto;
  @ApiProperty({ type: [ExportArticleDto], description: 'Every article, drafts and trash included' })
  articles: ExportArticleDto[];
  @ApiProperty({ type: [ExportCommentDto] }) comments: ExportCommentDto[];
  @ApiProperty({ type: [ExportFavoriteDto] }) favorites: ExportFavoriteDto[];
  @ApiProperty({ type: [ExportFollowDto], description: 'Whom the account follows' })
  following: ExportFollowDto[];
  @ApiProperty({ type: [ExportFollowDto], description: 'Who follows the account' })
  followers: ExportFollowDto[];
  @ApiProperty({ type: [ExportSessionDto], description: 'Sign-ins, ended ones included' })
  sessions: ExportSessionDto[];
}

export class DataExportResponseDto {
  @ApiProperty({ type: DataExportDto }) export: DataExportDto;
}
