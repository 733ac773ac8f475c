import { SessionDto } from './dto/session-response.dto';
import type { SessionRow } from './sessions.repository';

export function toSessionDto(row: SessionRow, currentSessionId: string): SessionDto {
  return {
    id: row.id,
    current: row.id === currentSessionId,
    label: row.label,
    address: row.address,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
