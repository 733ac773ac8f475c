-- The SQL of auth/mfa/mfa.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- MfaRepository.findTotp
SELECT secret_ciphertext AS secretCiphertext, enabled_at AS enabledAt, last_step AS lastStep
  FROM mfa_totp WHERE user_id = ?;

-- MfaRepository.savePending
UPDATE mfa_totp SET secret_ciphertext = ?, last_step = 0, created_at = ?
  WHERE user_id = ? AND enabled_at IS NULL;

-- MfaRepository.useStep (use)
UPDATE mfa_totp SET last_step = ? WHERE user_id = ? AND last_step < ?;

-- MfaRepository.useStep (enable)
UPDATE mfa_totp SET last_step = ?, enabled_at = ? WHERE user_id = ? AND last_step < ? AND enabled_at IS NULL;

-- MfaRepository.replaceRecoveryCodes
DELETE FROM mfa_recovery_codes WHERE user_id = ?;

INSERT INTO mfa_recovery_codes (code_hash, user_id, used_at) VALUES (?, ?, NULL), (?, ?, NULL);

-- MfaRepository.useRecoveryCode
UPDATE mfa_recovery_codes SET used_at = ? WHERE code_hash = ? AND user_id = ? AND used_at IS NULL;

-- MfaRepository.removeTotp
DELETE FROM mfa_recovery_codes WHERE user_id = ?;

DELETE FROM mfa_totp WHERE user_id = ?;

-- MfaRepository.insertChallenge
INSERT INTO mfa_challenges (token_hash, user_id, created_at, expires_at, used_at, failed_attempts)
  VALUES (?, ?, ?, ?, NULL, 0);

-- MfaRepository.findChallenge
SELECT user_id AS userId, expires_at AS expiresAt, used_at AS usedAt, failed_attempts AS failedAttempts
  FROM mfa_challenges WHERE token_hash = ?;

-- MfaRepository.useChallenge
UPDATE mfa_challenges SET used_at = ? WHERE token_hash = ? AND used_at IS NULL;

-- MfaRepository.countFailedAttempt
UPDATE mfa_challenges SET failed_attempts = failed_attempts + 1 WHERE token_hash = ?;

-- MfaRepository.deleteExpiredChallenges
DELETE FROM mfa_challenges WHERE expires_at < ?;
