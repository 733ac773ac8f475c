-- The SQL of content/reports/reports.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- ReportsRepository.insert
INSERT INTO reports (reporter_id, target_type, target_id, article_slug, reason, status, created_at,
  resolved_at, resolver_id, resolution_note)
  VALUES (?, ?, ?, ?, ?, 'open', ?, NULL, NULL, NULL);

-- ReportsRepository.findById
SELECT r.id, r.target_type AS targetType, r.target_id AS targetId, r.article_slug AS articleSlug,
  r.reason, r.status, reporter.username AS reporter, r.created_at AS createdAt, r.resolved_at AS resolvedAt,
  resolver.username AS resolver, r.resolution_note AS resolutionNote FROM reports r LEFT JOIN users reporter ON reporter.id = r.reporter_id
  LEFT JOIN users resolver ON resolver.id = r.resolver_id WHERE r.id = ?;

-- ReportsRepository.findPage
SELECT r.id, r.target_type AS targetType, r.target_id AS targetId, r.article_slug AS articleSlug,
  r.reason, r.status, reporter.username AS reporter, r.created_at AS createdAt, r.resolved_at AS resolvedAt,
  resolver.username AS resolver, r.resolution_note AS resolutionNote FROM reports r LEFT JOIN users reporter ON reporter.id = r.reporter_id
  LEFT JOIN users resolver ON resolver.id = r.resolver_id
  WHERE r.status = ? ORDER BY r.created_at, r.id LIMIT ? OFFSET ?;

SELECT COUNT(*) AS count FROM reports WHERE status = ?;

-- ReportsRepository.close
UPDATE reports SET status = ?, resolver_id = ?, resolution_note = ?, resolved_at = ?
  WHERE id = ? AND status = 'open';

-- ReportsRepository.resolveTarget
UPDATE reports SET status = 'resolved', resolver_id = ?, resolution_note = 'content removed', resolved_at = ?
  WHERE target_type = ? AND target_id = ? AND status = 'open';
