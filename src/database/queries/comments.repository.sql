-- The SQL of content/comments/comments.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- CommentsRepository.findByArticleSlug (anonymous)
SELECT a.status AS articleStatus, a.author_id AS articleAuthorId, c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage, 0 AS following
  FROM articles a LEFT JOIN comments c ON c.article_id = a.id LEFT JOIN users u ON u.id = c.author_id
  WHERE a.slug = ?;

-- CommentsRepository.findByArticleSlug (signed in)
SELECT a.status AS articleStatus, a.author_id AS articleAuthorId, c.id AS id, c.body AS body, c.created_at AS createdAt, c.updated_at AS updatedAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = c.author_id AND vf.follower_id = ?) AS following
  FROM articles a LEFT JOIN comments c ON c.article_id = a.id LEFT JOIN users u ON u.id = c.author_id
  WHERE a.slug = ?;

-- CommentsRepository.insert
INSERT INTO comments (body, article_id, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?);

-- CommentsRepository.findAuthorId
SELECT author_id AS authorId FROM comments WHERE id = ? AND article_id = ?;

-- CommentsRepository.delete
DELETE FROM comments WHERE id = ?;
