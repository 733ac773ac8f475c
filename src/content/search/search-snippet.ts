import { fold, type SearchQuery } from './search-text';

export const SNIPPET_CHARS = 160;
const LEAD_CHARS = 50;
const WORD_CHAR = '[\\p{L}\\p{N}]';

/** Runs of ASCII (folded by lower-casing, one character for one) or one other character. */
const ASCII_OR_ONE = /[^\u0080-\uffff]+|[\s\S][\udc00-\udfff]?/g;

/**
 * `text` folded (search-text.ts) with, for each folded character, where it came from in `text`. ASCII runs fold by
 * lower-casing alone; any other character is folded on its own, as it may change length (ﬁ → fi).
 */
function foldWithOrigins(text: string): { folded: string; origins: number[] } {
  let folded = '';
  const origins: number[] = [];
  for (const { 0: run, index } of text.matchAll(ASCII_OR_ONE)) {
    const ascii = run.charCodeAt(0) < 0x80;
    const part = ascii ? run.toLowerCase() : fold(run);
    folded += part;
    for (let k = 0; k < part.length; k++) origins.push(ascii ? index + k : index);
  }
  origins.push(text.length);
  return { folded, origins };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What to look for in the text: each wanted word (a prefix as a word's beginning), each wanted CJK run as it is. */
function patternOf(query: SearchQuery): RegExp | null {
  const parts: string[] = [];
  for (const term of query.terms.filter((t) => !t.excluded)) {
    if (term.words[0].startsWith('cjk')) {
      parts.push(escapeRegExp(term.text));
      continue;
    }
    for (const word of term.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
      const end = term.prefix ? `${WORD_CHAR}*` : `(?!${WORD_CHAR})`;
      parts.push(`(?<!${WORD_CHAR})${escapeRegExp(word)}${end}`);
    }
  }
  return parts.length === 0 ? null : new RegExp(parts.join('|'), 'gu');
}

/** The ranges of `text` (start, end) that match the query's wanted words. */
export function matchRanges(text: string, query: SearchQuery): [number, number][] {
  const pattern = patternOf(query);
  if (!pattern) return [];
  const { folded, origins } = foldWithOrigins(text);
  return [...folded.matchAll(pattern)]
    .filter((match) => match[0].length > 0)
    .map((match) => [origins[match.index], origins[match.index + match[0].length]]);
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A short passage of the first of `texts` the query matches (else the start of the first), as HTML: the text
 * escaped, every match in `<mark>…</mark>`, `…` where it was cut. Nothing of the text is ever markup.
 */
export function snippetHtml(texts: string[], query: SearchQuery, size = SNIPPET_CHARS): string {
  const found = texts.map((text) => ({ text, ranges: matchRanges(text, query) }));
  const { text, ranges } = found.find((candidate) => candidate.ranges.length > 0) ??
    found[0] ?? { text: '', ranges: [] };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - LEAD_CHARS);
  if (start > 0) {
    // Begin with a whole word: after the first space or line break past the cut, when one comes before the match.
    const space = /\s/g;
    space.lastIndex = start;
    const found = space.exec(text);
    if (found && found.index < first) start = found.index + 1;
  }
  start = codePointBoundary(text, start, 1);
  const end = codePointBoundary(text, Math.min(text.length, start + size), -1);
  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue;
    const markFrom = Math.max(from, at);
    const markTo = Math.min(to, end);
    html += `${escapeHtml(text.slice(at, markFrom))}<mark>${escapeHtml(text.slice(markFrom, markTo))}</mark>`;
    at = markTo;
  }
  html += escapeHtml(text.slice(at, end));
  return end < text.length ? `${html}…` : html;
}

/** `at`, or the next (step 1) or previous (step -1) index when `at` would split a surrogate pair. */
function codePointBoundary(text: string, at: number, step: 1 | -1): number {
  const low = (i: number): boolean => i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]);
  return low(at) && /[\ud800-\udbff]/.test(text[at - 1]) ? at + step : at;
}
