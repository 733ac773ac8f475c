import type { DataSource } from 'typeorm';
import { poolStats } from './pool-stats';

const dataSource = (type: string, pool?: object): DataSource =>
  ({ options: { type }, driver: { pool } }) as unknown as DataSource;
const queue = (length: number): { length: number } => ({ length });

describe('poolStats', () => {
  it("should read mysql2's pool behind the MySQL/MariaDB driver", () => {
    const pool = {
      _allConnections: queue(4),
      _freeConnections: queue(1),
      _connectionQueue: queue(2),
      config: { connectionLimit: 10 },
    };
    expect(poolStats(dataSource('mariadb', pool))).toEqual({ total: 4, free: 1, queued: 2, limit: 10 });
    expect(poolStats(dataSource('mysql', pool))).toEqual({ total: 4, free: 1, queued: 2, limit: 10 });
  });

  it('should report one idle connection for SQLite', () => {
    expect(poolStats(dataSource('better-sqlite3'))).toEqual({ total: 1, free: 1, queued: 0, limit: 1 });
  });

  it('should report zeros rather than fail when the pool is not there (yet)', () => {
    expect(poolStats(dataSource('mysql'))).toEqual({ total: 0, free: 0, queued: 0, limit: 0 });
  });
});
