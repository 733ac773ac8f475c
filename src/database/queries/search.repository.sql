-- The SQL of content/search/search.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- SearchRepository.insert [mysql, mariadb]
INSERT INTO article_search (article_id, title_terms, body_terms) VALUES (?, ?, ?);

-- SearchRepository.insert [sqlite]
INSERT INTO article_search (rowid, title_terms, body_terms) VALUES (?, ?, ?);

-- SearchRepository.replace [mysql, mariadb]
DELETE FROM article_search WHERE article_id = ?;

INSERT INTO article_search (article_id, title_terms, body_terms) VALUES (?, ?, ?);

-- SearchRepository.replace [sqlite]
DELETE FROM article_search WHERE rowid = ?;

INSERT INTO article_search (rowid, title_terms, body_terms) VALUES (?, ?, ?);

-- SearchRepository.findTexts
SELECT slug, body FROM articles WHERE slug IN (?, ?);
