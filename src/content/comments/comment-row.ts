import { toIsoTimestamp } from '../../database/timestamps';
import { toProfileDto } from '../../users/profile.mapper';
import { CommentDto } from './dto/comment-response.dto';

export interface CommentRow {
  id: number | string;
  body: string;
  createdAt: Date | string;
  updatedAt: Date | string;
  authorUsername: string;
  authorBio: string | null;
  authorImage: string | null;
  following: number | string;
}

export function toCommentDto(row: CommentRow): CommentDto {
  return {
    id: Number(row.id),
    createdAt: toIsoTimestamp(row.createdAt),
    updatedAt: toIsoTimestamp(row.updatedAt),
    body: row.body,
    author: toProfileDto(
      { username: row.authorUsername, bio: row.authorBio, image: row.authorImage },
      Number(row.following) > 0,
    ),
  };
}
