import { randomBytes } from 'node:crypto';
import { SLUG_MAX } from './entities/article.entity';

const SUFFIX_LENGTH = 7;

/**
 * A URL-safe slug from a title: accents folded (Crème → creme), letters of every script kept (Привет → привет),
 * everything else collapsed to single hyphens. A title with nothing usable becomes "article".
 */
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

/** The base slug with a random suffix, for when the base is taken. */
export function withRandomSuffix(base: string): string {
  const suffix = randomBytes(4)
    .readUInt32BE()
    .toString(36)
    .padStart(SUFFIX_LENGTH - 1, '0');
  return `${base}-${suffix}`;
}
