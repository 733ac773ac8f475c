-- The SQL of users/users.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- UsersRepository.insert
INSERT INTO users (email, username, password_hash, bio, image, articles_count, created_at, updated_at)
  VALUES (?, ?, ?, NULL, NULL, 0, ?, ?);

-- UsersRepository.update (profile)
UPDATE users SET bio = ?, image = ?, updated_at = ? WHERE id = ?;

-- UsersRepository.update (password)
UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?;

-- UsersRepository.findAccountById
SELECT id, email, username, bio, image FROM users WHERE id = ?;

-- UsersRepository.findCredentialsByEmail
SELECT id, email, username, bio, image, password_hash AS passwordHash FROM users WHERE email = ?;

-- UsersRepository.findProfileByUsername
SELECT id, username, bio, image FROM users WHERE username = ?;

-- UsersRepository.addToArticleCount
UPDATE users SET articles_count = articles_count + ? WHERE id = ?;
