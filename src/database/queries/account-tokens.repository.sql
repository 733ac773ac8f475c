-- The SQL of auth/account/account-tokens.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- AccountTokensRepository.insert
INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at, used_at)
  VALUES (?, ?, ?, ?, ?, ?, NULL);

-- AccountTokensRepository.use
UPDATE account_tokens SET used_at = ?
  WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?;

SELECT user_id AS userId, email FROM account_tokens WHERE token_hash = ?;

-- AccountTokensRepository.retire
UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL;

-- AccountTokensRepository.deleteExpired
DELETE FROM account_tokens WHERE expires_at < ?;
