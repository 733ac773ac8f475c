-- The SQL of content/tags/tags.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- TagsRepository.findNamesInUse
SELECT name FROM tags WHERE articles_count > 0 ORDER BY articles_count DESC, name ASC;

-- TagsRepository.findLinkedNames
SELECT l.article_id AS articleId, t.name AS name FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id
  WHERE l.article_id IN (?, ?) ORDER BY l.article_id, l.position;

-- TagsRepository.findByNames
SELECT id, name FROM tags WHERE name IN (?, ?);

-- TagsRepository.insertMissing [mysql, mariadb]
INSERT IGNORE INTO tags (name, articles_count) VALUES (?, 0), (?, 0);

-- TagsRepository.insertMissing [sqlite]
INSERT OR IGNORE INTO tags (name, articles_count) VALUES (?, 0), (?, 0);

-- TagsRepository.addToArticleCounts
UPDATE tags SET articles_count = articles_count + ? WHERE id IN (?, ?);

-- TagsRepository.insertLinks
INSERT INTO article_tags (article_id, tag_id, position, listed_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?);

-- TagsRepository.setListedAt
UPDATE article_tags SET listed_at = ? WHERE article_id = ?;

-- TagsRepository.findLinkedTagIds
SELECT tag_id AS tagId FROM article_tags WHERE article_id = ?;

-- TagsRepository.deleteLinks
DELETE FROM article_tags WHERE article_id = ?;

-- TagsRepository.uncountAuthor
UPDATE tags SET articles_count = articles_count - (SELECT COUNT(*) FROM article_tags l INNER JOIN articles a ON a.id = l.article_id
  WHERE a.author_id = ? AND l.listed_at IS NOT NULL AND l.tag_id = tags.id)
  WHERE id IN (SELECT l.tag_id FROM article_tags l INNER JOIN articles a ON a.id = l.article_id
  WHERE a.author_id = ? AND l.listed_at IS NOT NULL);
