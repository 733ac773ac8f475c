-- The SQL of audit/audit.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- AuditRepository.insert
INSERT INTO audit_events (type, actor_id, target_type, target_id, address, user_agent, request_id, details,
  created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);
