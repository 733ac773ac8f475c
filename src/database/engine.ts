/**
 * The one place that answers "which engine". MySQL and MariaDB share the mysql2 driver and almost all SQL; the few
 * things that differ between the two (a collation name) ask for the exact flavour.
 */
export type Engine = 'sqlite' | 'mysql' | 'mariadb';

/** Anything that carries TypeORM connection options: a DataSource, its options, a query runner's connection. */
type WithDriverType = { type: string } | { options: { type: string } };

export function engineOf(source: WithDriverType): Engine {
  const type = 'options' in source ? source.options.type : source.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'mysql' || type === 'mariadb') return type;
  throw new Error(`unsupported database driver "${type}"`);
}

export function isSqlite(source: WithDriverType | Engine): boolean {
  return (typeof source === 'string' ? source : engineOf(source)) === 'sqlite';
}

/** MySQL or MariaDB: the engines behind mysql2. */
export function isMysqlFamily(source: WithDriverType | Engine): boolean {
  return !isSqlite(source);
}
