-- The SQL of jobs/jobs.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- JobsRepository.insert [mysql, mariadb]
INSERT IGNORE INTO jobs (type, payload, status, attempts, max_attempts, run_at, locked_by,
  locked_until, last_error, dedupe_key, created_at, finished_at)
  VALUES (?, ?, 'pending', 0, ?, ?, NULL, NULL, NULL, ?, ?, NULL);

-- JobsRepository.insert [sqlite]
INSERT OR IGNORE INTO jobs (type, payload, status, attempts, max_attempts, run_at, locked_by,
  locked_until, last_error, dedupe_key, created_at, finished_at)
  VALUES (?, ?, 'pending', 0, ?, ?, NULL, NULL, NULL, ?, ?, NULL);

-- JobsRepository.claim [mysql, mariadb]
SELECT id FROM jobs WHERE status = 'pending' AND run_at <= ?
  ORDER BY run_at, id LIMIT 4 FOR UPDATE SKIP LOCKED;

-- JobsRepository.claim [sqlite]
SELECT id FROM jobs WHERE status = 'pending' AND run_at <= ?
  ORDER BY run_at, id LIMIT 4;

-- JobsRepository.releaseExpired
UPDATE jobs SET status = 'pending', locked_by = NULL, locked_until = NULL
  WHERE status = 'running' AND locked_until < ?;

-- JobsRepository.complete
UPDATE jobs SET status = 'done', payload = '{}', locked_by = NULL, locked_until = NULL, finished_at = ?
  WHERE id = ? AND locked_by = ? AND status = 'running';

-- JobsRepository.retryLater
UPDATE jobs SET status = 'pending', run_at = ?, locked_by = NULL, locked_until = NULL, last_error = ?
  WHERE id = ? AND locked_by = ? AND status = 'running';

-- JobsRepository.bury
UPDATE jobs SET status = 'dead', payload = '{}', locked_by = NULL, locked_until = NULL, last_error = ?,
  finished_at = ?
  WHERE id = ? AND locked_by = ? AND status = 'running';

-- JobsRepository.deleteFinished
DELETE FROM jobs WHERE status IN ('done', 'dead') AND finished_at < ?;

-- JobsRepository.countByTypeAndStatus
SELECT type, status, COUNT(*) AS count FROM jobs GROUP BY type, status;
