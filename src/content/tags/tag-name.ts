/** Tags are stored trimmed and lower-cased; filters compare the same way. */
export function normaliseTag(name: string): string {
  return name.trim().toLowerCase();
}
