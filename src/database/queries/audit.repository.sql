-- The SQL of audit/audit.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- AuditRepository.insert
INSERT INTO audit_events (type, actor_id, target_type, target_id, address, user_agent, request_id, details,
  created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);

-- AuditRepository.findPage
SELECT e.id, e.type, e.actor_id AS actorId, u.username AS actor, e.target_type AS targetType,
  e.target_id AS targetId, e.address, e.user_agent AS userAgent, e.request_id AS requestId, e.details,
  e.created_at AS createdAt
  FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
  WHERE e.actor_id = (SELECT id FROM users WHERE username = ?) AND e.type = ? AND e.created_at >= ? AND e.created_at < ? ORDER BY e.created_at DESC, e.id DESC LIMIT ? OFFSET ?;

SELECT COUNT(*) AS count FROM audit_events e WHERE e.actor_id = (SELECT id FROM users WHERE username = ?) AND e.type = ? AND e.created_at >= ? AND e.created_at < ?;

-- AuditRepository.deleteBefore
DELETE FROM audit_events WHERE created_at < ?;
