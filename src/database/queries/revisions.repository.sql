-- The SQL of content/revisions/revisions.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- RevisionsRepository.insert
INSERT INTO article_revisions (article_id, editor_id, title, description, body, tag_list, written_at, replaced_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- RevisionsRepository.prune
DELETE FROM article_revisions WHERE article_id = ? AND id <= (SELECT id FROM (SELECT id FROM article_revisions
  WHERE article_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?) oldest_kept_too_many);

-- RevisionsRepository.findByArticle
SELECT r.id AS id, r.title AS title, r.written_at AS writtenAt, r.replaced_at AS replacedAt,
  u.username AS editorUsername FROM article_revisions r LEFT JOIN users u ON u.id = r.editor_id
  WHERE r.article_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?;

-- RevisionsRepository.countByArticle
SELECT COUNT(*) AS count FROM article_revisions WHERE article_id = ?;

-- RevisionsRepository.findOne
SELECT r.id AS id, r.title AS title, r.written_at AS writtenAt, r.replaced_at AS replacedAt,
  u.username AS editorUsername, r.description AS description, r.body AS body, r.tag_list AS tagList
  FROM article_revisions r LEFT JOIN users u ON u.id = r.editor_id WHERE r.article_id = ? AND r.id = ?;
