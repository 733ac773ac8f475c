/**
 * What one write can change together in the response cache (see ResponseCache): a new, changed or deleted article
 * or a favorite reorders or recounts the lists and the tags; an article's own view and its comments change with it.
 */
export const LISTS_SCOPE = 'lists';

export function articleScope(slug: string): string {
  return `article:${slug}`;
}
