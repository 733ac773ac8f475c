-- The SQL of users/users.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- UsersRepository.insert
INSERT INTO users (email, username, password_hash, bio, image, email_confirmed_at, role, suspended_at,
  articles_count, created_at, updated_at)
  VALUES (?, ?, ?, NULL, NULL, NULL, 'user', NULL, 0, ?, ?);

-- UsersRepository.update (profile)
UPDATE users SET bio = ?, image = ?, updated_at = ? WHERE id = ?;

-- UsersRepository.update (password)
UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?;

-- UsersRepository.findAccountById
SELECT id, email, username, bio, image, email_confirmed_at AS emailConfirmedAt, role, suspended_at AS suspendedAt FROM users WHERE id = ?;

-- UsersRepository.findAccountByEmail
SELECT id, email, username, bio, image, email_confirmed_at AS emailConfirmedAt, role, suspended_at AS suspendedAt FROM users WHERE email = ?;

-- UsersRepository.setPassword
UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?;

-- UsersRepository.findCredentialsByEmail
SELECT id, email, username, bio, image, email_confirmed_at AS emailConfirmedAt, role, suspended_at AS suspendedAt, password_hash AS passwordHash FROM users WHERE email = ?;

-- UsersRepository.findProfileByUsername
SELECT id, username, bio, image FROM users WHERE username = ?;

-- UsersRepository.confirmEmail
UPDATE users SET email_confirmed_at = ? WHERE id = ? AND email = ? AND email_confirmed_at IS NULL;

-- UsersRepository.changeEmail
UPDATE users SET email = ?, email_confirmed_at = ?, updated_at = ? WHERE id = ?;

-- UsersRepository.findPage
SELECT id, email, username, bio, image, email_confirmed_at AS emailConfirmedAt, role, suspended_at AS suspendedAt, created_at AS createdAt, articles_count AS articlesCount FROM users WHERE role = ? AND suspended_at IS NULL AND (username LIKE ? ESCAPE '!' OR email LIKE ? ESCAPE '!')
  ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?;

SELECT COUNT(*) AS count FROM users WHERE role = ? AND suspended_at IS NULL AND (username LIKE ? ESCAPE '!' OR email LIKE ? ESCAPE '!');

-- UsersRepository.findAdminAccountByUsername
SELECT id, email, username, bio, image, email_confirmed_at AS emailConfirmedAt, role, suspended_at AS suspendedAt, created_at AS createdAt, articles_count AS articlesCount FROM users WHERE username = ?;

-- UsersRepository.setRole
UPDATE users SET role = ? WHERE id = ?;

-- UsersRepository.setSuspended (suspend)
UPDATE users SET suspended_at = ? WHERE id = ?;

-- UsersRepository.setSuspended (restore)
UPDATE users SET suspended_at = ? WHERE id = ?;

-- UsersRepository.addToArticleCount
UPDATE users SET articles_count = articles_count + ? WHERE id = ?;

-- UsersRepository.lock [mysql, mariadb]
SELECT 1 AS found FROM users WHERE id = ? FOR UPDATE;

-- UsersRepository.lock [sqlite]
SELECT 1 AS found FROM users WHERE id = ?;

-- UsersRepository.delete
DELETE FROM users WHERE id = ?;
