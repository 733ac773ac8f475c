/**
 * Raw query rows carry timestamps as Date (mysql2) or as 'YYYY-MM-DD HH:MM:SS.SSS' UTC text (SQLite);
 * both become the ISO 8601 string the API returns.
 */
export function toIsoTimestamp(value: Date | string): string {
  return fromSqlTimestamp(value).toISOString();
}

/** A new updatedAt that is always later than the previous one, even within the same millisecond. */
export function nextTimestamp(previous: Date): Date {
  return new Date(Math.max(Date.now(), previous.getTime() + 1));
}

/** 'YYYY-MM-DD HH:MM:SS.SSS' in UTC: how both engines store datetime(3), for SQL text written by hand. */
export function toSqlTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 23);
}

/** A timestamp column as a Date, whichever form the driver gave it in. */
export function fromSqlTimestamp(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
