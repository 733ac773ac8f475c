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

/** A just-written comment as its author sees it (nobody follows themselves). */
export function toNewCommentDto(
  comment: { id: number; body: string; createdAt: Date },
  author: { username: string; bio: string | null; image: string | null },
): CommentDto {
  return toCommentDto({
    ...comment,
    updatedAt: comment.createdAt,
    authorUsername: author.username,
    authorBio: author.bio,
    authorImage: author.image,
    following: 0,
  });
}
