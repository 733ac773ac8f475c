-- The SQL of content/articles/favorites.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- FavoritesRepository.insert [mysql, mariadb]
INSERT IGNORE INTO favorites (user_id, article_id, created_at) VALUES (?, ?, ?);

-- FavoritesRepository.insert [sqlite]
INSERT OR IGNORE INTO favorites (user_id, article_id, created_at) VALUES (?, ?, ?);

-- FavoritesRepository.delete
DELETE FROM favorites WHERE user_id = ? AND article_id = ?;
