-- The SQL of auth/sessions/sessions.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- SessionsRepository.insert
INSERT INTO sessions (id, user_id, label, address, created_at, last_used_at, expires_at, revoked_at,
  revoked_reason)
  VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL);

-- SessionsRepository.insertRefreshToken
INSERT INTO refresh_tokens (token_hash, session_id, created_at, used_at) VALUES (?, ?, ?, NULL);

-- SessionsRepository.findLive
SELECT s.user_id AS userId, s.last_used_at AS lastUsedAt, u.username, u.bio, u.image,
  u.email_confirmed_at AS emailConfirmedAt, u.role
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.suspended_at IS NULL;

-- SessionsRepository.touch
UPDATE sessions SET last_used_at = ? WHERE id = ? AND last_used_at < ?;

-- SessionsRepository.findLiveByUser
SELECT id, label, address, created_at AS createdAt, last_used_at AS lastUsedAt, expires_at AS expiresAt
  FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
  ORDER BY last_used_at DESC, id;

-- SessionsRepository.findRefreshToken
SELECT r.session_id AS sessionId, s.user_id AS userId, r.used_at AS usedAt, s.revoked_at AS revokedAt,
  s.expires_at AS expiresAt
  FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
  WHERE r.token_hash = ?;

-- SessionsRepository.useRefreshToken
UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL;

-- SessionsRepository.extend
UPDATE sessions SET last_used_at = ?, expires_at = ?
  WHERE id = ? AND revoked_at IS NULL AND expires_at > ?;

-- SessionsRepository.revoke
UPDATE sessions SET revoked_at = ?, revoked_reason = ?
  WHERE id = ? AND user_id = ? AND revoked_at IS NULL;

-- SessionsRepository.revokeAllBut (others)
UPDATE sessions SET revoked_at = ?, revoked_reason = ?
  WHERE user_id = ? AND revoked_at IS NULL AND id <> ?;

-- SessionsRepository.revokeAllBut (all)
UPDATE sessions SET revoked_at = ?, revoked_reason = ?
  WHERE user_id = ? AND revoked_at IS NULL;
