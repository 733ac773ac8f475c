-- The SQL of privacy/data-export.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- DataExportRepository.account
SELECT username, email, bio, image, role, email_confirmed_at AS emailConfirmedAt, suspended_at AS suspendedAt,
  created_at AS createdAt, updated_at AS updatedAt
  FROM users WHERE id = ?;

-- DataExportRepository.articles
SELECT id, slug, title, description, body, status, created_at AS createdAt, updated_at AS updatedAt,
  published_at AS publishedAt, publish_at AS publishAt, unpublish_at AS unpublishAt,
  deleted_at AS deletedAt, favorites_count AS favoritesCount
  FROM articles WHERE author_id = ? ORDER BY created_at, id;

-- DataExportRepository.articleTags
SELECT l.article_id AS articleId, t.name AS name
  FROM articles a INNER JOIN article_tags l ON l.article_id = a.id INNER JOIN tags t ON t.id = l.tag_id
  WHERE a.author_id = ? ORDER BY l.article_id, l.position;

-- DataExportRepository.revisions
SELECT r.article_id AS articleId, r.title, r.description, r.body, r.tag_list AS tagList,
  e.username AS editor, r.written_at AS writtenAt, r.replaced_at AS replacedAt
  FROM articles a INNER JOIN article_revisions r ON r.article_id = a.id LEFT JOIN users e ON e.id = r.editor_id
  WHERE a.author_id = ? ORDER BY r.article_id, r.id;

-- DataExportRepository.comments
SELECT c.id, a.slug AS article, c.body, c.created_at AS createdAt, c.deleted_at AS deletedAt
  FROM comments c INNER JOIN articles a ON a.id = c.article_id
  WHERE c.author_id = ? ORDER BY c.id;

-- DataExportRepository.favorites
SELECT a.slug AS article, f.created_at AS createdAt
  FROM favorites f INNER JOIN articles a ON a.id = f.article_id
  WHERE f.user_id = ? ORDER BY f.created_at, a.id;

-- DataExportRepository.follows
SELECT 'following' AS direction, u.username, f.created_at AS createdAt
  FROM follows f INNER JOIN users u ON u.id = f.following_id WHERE f.follower_id = ?
  UNION ALL
  SELECT 'follower' AS direction, u.username, f.created_at AS createdAt
  FROM follows f INNER JOIN users u ON u.id = f.follower_id WHERE f.following_id = ?;

-- DataExportRepository.sessions
SELECT id, label, address, created_at AS createdAt, last_used_at AS lastUsedAt, expires_at AS expiresAt,
  revoked_at AS revokedAt, revoked_reason AS revokedReason
  FROM sessions WHERE user_id = ? ORDER BY created_at, id;
