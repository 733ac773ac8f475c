-- The SQL of users/users.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- UsersRepository.insert
INSERT INTO users (email, username, password_hash, bio, image, token_version, password_session_id,
  articles_count, created_at, updated_at)
  VALUES (?, ?, ?, NULL, NULL, 0, NULL, 0, ?, ?);

-- UsersRepository.update (profile)
UPDATE users SET bio = ?, image = ?, updated_at = ? WHERE id = ?;

-- UsersRepository.update (password)
UPDATE users SET password_hash = ?, password_session_id = ?, token_version = token_version + 1, updated_at = ? WHERE id = ?;

-- UsersRepository.findAccountById
SELECT id, email, username, bio, image, token_version AS tokenVersion FROM users WHERE id = ?;

-- UsersRepository.findCredentialsByEmail
SELECT id, email, username, bio, image, token_version AS tokenVersion, password_hash AS passwordHash FROM users WHERE email = ?;

-- UsersRepository.findAuthState
SELECT id, token_version AS tokenVersion, password_session_id AS passwordSessionId, username, bio, image
  FROM users WHERE id = ?;

-- UsersRepository.findProfileByUsername
SELECT id, username, bio, image FROM users WHERE username = ?;

-- UsersRepository.addToArticleCount
UPDATE users SET articles_count = articles_count + ? WHERE id = ?;
