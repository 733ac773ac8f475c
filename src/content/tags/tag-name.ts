/** Tags are stored trimmed and lower-cased; filters compare the same way. */
export function normaliseTag(name: string): string {
  return name.trim().toLowerCase();
}

interface NamedRow {
  id: number;
  name: string;
}

/**
 * Which stored tag each requested name is: the row spelled exactly so, else one the database collates as equal
 * (MySQL's collation matches names case- and accent-insensitively, so "Café" finds "cafe"). `linked` holds each
 * matched tag once, in the order of the names; `missing` the names no row matches.
 */
export function matchTagRows<T extends NamedRow>(
  rows: T[],
  names: string[],
): { linked: T[]; missing: string[] } {
  const linked = new Map<number, T>();
  const missing: string[] = [];
  for (const name of names) {
    const row =
      rows.find((candidate) => candidate.name === name) ??
      rows.find((candidate) => candidate.name.localeCompare(name, undefined, { sensitivity: 'base' }) === 0);
    if (!row) missing.push(name);
    else if (!linked.has(row.id)) linked.set(row.id, row);
  }
  return { linked: [...linked.values()], missing };
}
