-- The SQL of content/comments/comments.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- CommentsRepository.findByArticleSlug (anonymous)
SELECT a.status AS articleStatus, a.author_id AS articleAuthorId, c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage, 0 AS following
  FROM articles a LEFT JOIN comments c ON c.article_id = a.id AND c.deleted_at IS NULL
  LEFT JOIN users u ON u.id = c.author_id
  WHERE a.slug = ? AND a.deleted_at IS NULL;

-- CommentsRepository.findByArticleSlug (signed in)
SELECT a.status AS articleStatus, a.author_id AS articleAuthorId, c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = c.author_id AND vf.follower_id = ?) AS following
  FROM articles a LEFT JOIN comments c ON c.article_id = a.id AND c.deleted_at IS NULL
  LEFT JOIN users u ON u.id = c.author_id
  WHERE a.slug = ? AND a.deleted_at IS NULL;

-- CommentsRepository.findByArticleSlug (one comment)
SELECT a.status AS articleStatus, a.author_id AS articleAuthorId, c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = c.author_id AND vf.follower_id = ?) AS following
  FROM articles a LEFT JOIN comments c ON c.article_id = a.id AND c.deleted_at IS NULL AND c.id = ?
  LEFT JOIN users u ON u.id = c.author_id
  WHERE a.slug = ? AND a.deleted_at IS NULL;

-- CommentsRepository.insert
INSERT INTO comments (body, article_id, author_id, created_at, updated_at)
  SELECT ?, id, ?, ?, ? FROM articles WHERE id = ? AND deleted_at IS NULL;

-- CommentsRepository.findOnArticle
SELECT author_id AS authorId, deleted_at AS deletedAt, deleted_by AS deletedBy
  FROM comments WHERE id = ? AND article_id = ?;

-- CommentsRepository.moveToTrash
UPDATE comments SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL;

-- CommentsRepository.restore
UPDATE comments SET deleted_at = NULL, deleted_by = NULL WHERE id = ? AND deleted_at IS NOT NULL;
