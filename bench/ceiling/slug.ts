import { randomBytes } from 'node:crypto';

const SLUG_MAX = 255;
const SUFFIX_LENGTH = 7;

/** Folio's slug rule: accents folded, letters of every script kept, the rest collapsed to single hyphens. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const bounded = [...slug]
    .slice(0, SLUG_MAX - SUFFIX_LENGTH - 1)
    .join('')
    .replace(/-+$/, '');
  return bounded || 'article';
}

export function withRandomSuffix(base: string): string {
  const suffix = randomBytes(4)
    .readUInt32BE()
    .toString(36)
    .padStart(SUFFIX_LENGTH - 1, '0');
  return `${base}-${suffix}`;
}
