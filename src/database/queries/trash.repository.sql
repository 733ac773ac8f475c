-- The SQL of content/trash/trash.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- TrashRepository.findPage
SELECT * FROM (
  SELECT * FROM (SELECT 'article' AS kind, id, slug, title, NULL AS body, deleted_at AS deletedAt,
  deleted_by AS deletedBy, author_id AS authorId
  FROM articles WHERE author_id = ? AND deleted_at IS NOT NULL
  ORDER BY deleted_at DESC, id DESC LIMIT ?) trashed_articles
  UNION ALL
  SELECT * FROM (SELECT 'comment' AS kind, c.id, a.slug, a.title, c.body, c.deleted_at AS deletedAt,
  c.deleted_by AS deletedBy, c.author_id AS authorId
  FROM comments c INNER JOIN articles a ON a.id = c.article_id
  WHERE c.author_id = ? AND c.deleted_at IS NOT NULL
  ORDER BY c.deleted_at DESC, c.id DESC LIMIT ?) trashed_comments
  ) trash ORDER BY deletedAt DESC, kind, id DESC LIMIT ? OFFSET ?;

-- TrashRepository.count
SELECT (SELECT COUNT(*) FROM articles WHERE author_id = ? AND deleted_at IS NOT NULL)
  + (SELECT COUNT(*) FROM comments WHERE author_id = ? AND deleted_at IS NOT NULL) AS count;

-- TrashRepository.purge (articles)
SELECT id FROM articles WHERE deleted_at < ? ORDER BY deleted_at LIMIT ?;

-- TrashRepository.purge (comments)
SELECT id FROM comments WHERE deleted_at < ? ORDER BY deleted_at LIMIT ?;
