/**
 * The text both engines index and search, made the same way on both so that they find the same articles: words
 * lower-cased with their accents taken off (é → e, ё → е), at least MIN_WORD letters and at most MAX_WORD (InnoDB's
 * innodb_ft_min_token_size and max size), none of InnoDB's stopwords; and Chinese, Japanese and Korean, which need
 * no spaces between words, as one token per character and one per pair of neighbouring characters (coded in ASCII,
 * e.g. 東京 → `cjk6771 cjk4eac cjk6771x4eac`), so a run of them is found by any part of it (its pairs, in order).
 */

export const MIN_WORD = 3;
export const MAX_WORD = 84;

/** InnoDB's default stopword list (information_schema.INNODB_FT_DEFAULT_STOPWORD), left out on both engines. */
const STOPWORDS = new Set(
  (
    'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when ' +
    'where who will with und www'
  ).split(' '),
);

/** Chinese, Japanese (with the prolonged sound mark ー) and Korean characters. */
const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30fc';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
/** Runs of CJK characters, or of other letters and digits (a word right before CJK text ends where it starts). */
const RUNS = new RegExp(`[${CJK_CLASS}]+|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])+`, 'gu');

/**
 * Lower case without accents: NFKD with combining marks dropped, then NFC again (so Hangul syllables, which NFKD
 * splits into letters, come back whole), and Greek final sigma as sigma. What both index and query compare.
 */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase().replace(/ς/g, 'σ');
}

const cjkCode = (char: string): string => char.codePointAt(0)!.toString(16);
const cjkUnigram = (char: string): string => `cjk${cjkCode(char)}`;
const cjkBigram = (a: string, b: string): string => `cjk${cjkCode(a)}x${cjkCode(b)}`;

/** A CJK run's tokens: its characters, then its pairs (adjacent, so that a phrase of pairs matches a substring). */
function cjkTokens(run: string): string[] {
  const chars = [...run];
  const pairs = chars.slice(1).map((char, i) => cjkBigram(chars[i], char));
  return [...chars.map(cjkUnigram), ...pairs];
}

function isIndexedWord(word: string): boolean {
  const length = [...word].length;
  return length >= MIN_WORD && length <= MAX_WORD && !STOPWORDS.has(word);
}

/** The words of `text` as they are indexed, in order. */
export function indexedWords(text: string): string[] {
  const words: string[] = [];
  for (const [run] of fold(text).matchAll(RUNS)) {
    if (CJK.test(run)) words.push(...cjkTokens(run));
    else if (isIndexedWord(run)) words.push(run);
  }
  return words;
}

/**
 * The column text of `text` in the search index. The AddArticleSearch migration filled the index with it: a change
 * to what it writes (or to fold and the tokens) needs a migration of its own that rewrites every row, or the
 * articles indexed before it are searched with words they were not indexed with.
 */
export function indexText(text: string): string {
  return indexedWords(text).join(' ');
}

/** One part of a search: a word, a word's beginning (`drag*`) or a phrase (`"train your dragon"`), wanted or not. */
export interface SearchTerm {
  /** Indexed words: one for a word or a prefix, several for a phrase (or a CJK run of several characters). */
  words: string[];
  prefix: boolean;
  excluded: boolean;
  /** As the user wrote it (folded), for highlighting. */
  text: string;
}

export interface SearchQuery {
  terms: SearchTerm[];
}

export const QUERY_MAX_TERMS = 16;
/** The longest `q` accepted, in characters. */
export const SEARCH_QUERY_MAX = 200;
/** `"a phrase"`, `-"a phrase"`, or a run of anything else up to a space. */
const QUERY_PARTS = /(-?)"([^"]*)"?|(\S+)/g;

/**
 * Reads a search as users write it: words (all wanted), `"phrases"`, `prefix*` and `-excluded` words or phrases.
 * Anything else that is not a letter or a digit separates words (so no operator of either engine gets through).
 * Words that are not indexed (too short, stopwords) are dropped; null when nothing wanted is left.
 */
export function parseSearchQuery(q: string): SearchQuery | null {
  const terms: SearchTerm[] = [];
  for (const [, minus, phrase, bare] of q.matchAll(QUERY_PARTS)) {
    if (phrase !== undefined) {
      const words = bareTerms(phrase).flatMap((term) => term.words);
      if (words.length > 0) terms.push({ words, prefix: false, excluded: minus === '-', text: fold(phrase) });
      continue;
    }
    terms.push(...bareTerms(bare));
  }
  const bounded = terms.slice(0, QUERY_MAX_TERMS);
  return bounded.some((term) => !term.excluded) ? { terms: bounded } : null;
}

/** `word`, `-word`, `word*`; a CJK run becomes the phrase of its pairs (or its one character). */
function bareTerms(bare: string): SearchTerm[] {
  const excluded = bare.startsWith('-');
  const prefix = bare.endsWith('*');
  const terms: SearchTerm[] = [];
  const runs = [...fold(bare).matchAll(RUNS)].map(([run]) => run);
  for (const [i, run] of runs.entries()) {
    // A prefix is the last run's (`foo-bar*` is foo and bar*), and only if that run is a word that is kept.
    const last = i === runs.length - 1;
    if (CJK.test(run)) {
      const chars = [...run];
      const words =
        chars.length === 1 ? [cjkUnigram(run)] : chars.slice(1).map((char, k) => cjkBigram(chars[k], char));
      terms.push({ words, prefix: false, excluded, text: run });
    } else if (isIndexedWord(run)) {
      terms.push({ words: [run], prefix: prefix && last, excluded, text: run });
    }
  }
  return terms;
}

/**
 * InnoDB's boolean mode: `+word +prefix* +"a phrase" -word`; with `anyWord`, the wanted terms without `+` and no
 * exclusion (any of them scores: the title's share of the relevance).
 */
export function toBooleanMode({ terms }: SearchQuery, { anyWord = false } = {}): string {
  return terms
    .filter((term) => !(anyWord && term.excluded))
    .map((term) => {
      const body =
        term.words.length > 1 ? `"${term.words.join(' ')}"` : `${term.words[0]}${term.prefix ? '*' : ''}`;
      return `${term.excluded ? '-' : anyWord ? '' : '+'}${body}`;
    })
    .join(' ');
}

/** SQLite FTS5: `"word" AND "prefix"* AND "a phrase" NOT "word"` (every string quoted: no bareword is an operator). */
export function toFts5({ terms }: SearchQuery): string {
  const render = (term: SearchTerm): string => `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`;
  const wanted = terms.filter((term) => !term.excluded).map(render);
  const unwanted = terms.filter((term) => term.excluded).map(render);
  return [wanted.join(' AND '), ...unwanted].join(' NOT ');
}
