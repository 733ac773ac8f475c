import {
  fold,
  indexedWords,
  indexText,
  MAX_WORD,
  MIN_WORD,
  parseSearchQuery,
  QUERY_MAX_TERMS,
  toBooleanMode,
  toFts5,
  type SearchQuery,
  type SearchTerm,
} from './search-text';

/** InnoDB's default stopwords (information_schema.INNODB_FT_DEFAULT_STOPWORD). */
const INNODB_STOPWORDS = [
  'a',
  'about',
  'an',
  'are',
  'as',
  'at',
  'be',
  'by',
  'com',
  'de',
  'en',
  'for',
  'from',
  'how',
  'i',
  'in',
  'is',
  'it',
  'la',
  'of',
  'on',
  'or',
  'that',
  'the',
  'this',
  'to',
  'was',
  'what',
  'when',
  'where',
  'who',
  'will',
  'with',
  'und',
  'www',
];

const word = (text: string, more: Partial<SearchTerm> = {}): SearchTerm => ({
  words: [text],
  prefix: false,
  excluded: false,
  text,
  ...more,
});

const parsed = (q: string): SearchQuery => {
  const query = parseSearchQuery(q);
  if (query === null) throw new Error(`${JSON.stringify(q)} parsed to null`);
  return query;
};

/**
 * What an engine would find: every wanted term in the indexed words of `text` (a phrase as consecutive words, a
 * prefix as a word's beginning), no excluded one. A model of both engines' boolean semantics, to check that the
 * index and the query are made alike.
 */
function finds(query: SearchQuery, text: string): boolean {
  const indexed = indexedWords(text);
  const has = (term: SearchTerm): boolean =>
    term.prefix
      ? indexed.some((w) => w.startsWith(term.words[0]))
      : indexed.some((_, i) => term.words.every((w, k) => indexed[i + k] === w));
  return query.terms.every((term) => has(term) !== term.excluded);
}

/** A small seeded generator (mulberry32), so that the random cases are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomStrings(alphabet: string[], count: number, seed: number, maxParts = 14): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const parts = 1 + Math.floor(next() * maxParts);
    return Array.from({ length: parts }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  });
}

describe('fold', () => {
  it.each([
    ['Crème Brûlée', 'creme brulee'],
    ['ÉCOLE', 'ecole'],
    ['Ñandú', 'nandu'],
    ['Façade', 'facade'],
    ['Über Öl Ähre', 'uber ol ahre'],
    ['ёлка Ёж', 'елка еж'],
    ['Йога й', 'иога и'],
    ['İstanbul', 'istanbul'],
    ['Ωμέγα', 'ωμεγα'],
  ])('takes the accents off and lower-cases %j', (text, expected) => {
    expect(fold(text)).toBe(expected);
  });

  it('takes off combining marks of decomposed text as well as precomposed accents', () => {
    expect(fold('cafe\u0301')).toBe('cafe');
    expect(fold('café')).toBe('cafe');
    expect(fold('cafe\u0301')).toBe(fold('café'));
  });

  it('expands compatibility characters (NFKD): ligatures, full-width, super- and subscripts, numerals', () => {
    expect(fold('ﬁle ﬂow')).toBe('file flow');
    expect(fold('ＦＵＬＬ　ｗｉｄｔｈ')).toBe('full width');
    expect(fold('x² H₂O')).toBe('x2 h2o');
    expect(fold('Ⅻ')).toBe('xii');
    expect(fold('Ǆ')).toBe('dz');
  });

  it('leaves letters that are not an accented form of another alone: ß, æ, ø, ł', () => {
    expect(fold('Straße')).toBe('straße');
    expect(fold('ÆØ æø')).toBe('æø æø');
    expect(fold('Łódź')).toBe('łodz');
  });

  it('leaves Han, Hiragana and Katakana characters as they are', () => {
    expect(fold('東京')).toBe('東京');
    expect(fold('ひらかな')).toBe('ひらかな');
    expect(fold('タワ')).toBe('タワ');
  });

  it('takes the (semi-)voiced marks off kana, like accents (デ → テ, が → か), and half-width kana to full-width', () => {
    expect(fold('デ')).toBe('テ');
    expect(fold('が')).toBe('か');
    expect(fold('ﾃﾞｰﾀ')).toBe('テータ');
  });

  it('keeps Hangul syllables whole (NFKD splits them, NFC joins them again)', () => {
    expect(fold('한')).toBe('한');
  });

  it('folds a final Greek sigma to σ, as a lone capital sigma folds', () => {
    expect(fold('ΟΔΟΣ')).toBe('οδοσ');
    expect(fold('οδός')).toBe('οδοσ');
    expect(fold('Σ')).toBe('σ');
  });

  it('is idempotent', () => {
    for (const text of ['Crème Brûlée', 'ﬁle', 'Ⅻ', 'ёЙ', '한국어', 'ΟΔΟΣ', 'Straße', '東京タワー', 'ｶﾞ'])
      expect(fold(fold(text))).toBe(fold(text));
  });
});

describe('indexedWords and indexText', () => {
  it('lists the words of a text folded, in order, and indexText joins them with spaces', () => {
    expect(indexedWords('How to Train your Dragon')).toEqual(['train', 'your', 'dragon']);
    expect(indexText('How to Train your Dragon')).toBe('train your dragon');
    expect(indexText('Crème BRÛLÉE, façade!')).toBe('creme brulee facade');
  });

  it('is empty for a text without indexed words', () => {
    expect(indexedWords('')).toEqual([]);
    expect(indexText('')).toBe('');
    expect(indexText('  !? -- ** ')).toBe('');
    expect(indexText('go is ok')).toBe('');
  });

  it(`drops words shorter than ${MIN_WORD} letters and keeps those of ${MIN_WORD}`, () => {
    expect(MIN_WORD).toBe(3);
    expect(indexedWords('x go api Go API')).toEqual(['api', 'api']);
  });

  it(`keeps words of ${MAX_WORD} letters and drops longer ones`, () => {
    expect(MAX_WORD).toBe(84);
    const longest = 'a'.repeat(MAX_WORD);
    expect(indexedWords(`${longest} ${'b'.repeat(MAX_WORD + 1)}`)).toEqual([longest]);
  });

  it('counts letters (code points), not UTF-16 units, and after folding', () => {
    const gothic = '𐌰'.repeat(MAX_WORD); // U+10330, two UTF-16 units each
    expect(gothic.length).toBe(2 * MAX_WORD);
    expect(indexedWords(gothic)).toEqual([gothic]);
    expect(indexedWords('𐌰𐌰')).toEqual([]);
    // Decomposed accents count once their marks are gone: 84 letters, 168 code points before folding.
    expect(indexedWords('e\u0301'.repeat(MAX_WORD))).toEqual(['e'.repeat(MAX_WORD)]);
    // A ligature counts as the letters it stands for: ﬁx is fix, 3 letters.
    expect(indexedWords('ﬁx')).toEqual(['fix']);
  });

  it("drops every one of InnoDB's default stopwords, in any case", () => {
    expect(indexText(INNODB_STOPWORDS.join(' '))).toBe('');
    expect(indexText(INNODB_STOPWORDS.map((w) => w.toUpperCase()).join(' '))).toBe('');
    expect(indexText('The WWW Und')).toBe('');
  });

  it('keeps words that are operators elsewhere but not InnoDB stopwords (and, not, near)', () => {
    expect(indexText('this and that, not near')).toBe('and not near');
  });

  it(`keeps numbers of ${MIN_WORD} digits or more, alone or within words`, () => {
    expect(indexedWords('42 007 2024 1e10 v8engine')).toEqual(['007', '2024', '1e10', 'v8engine']);
    expect(indexedWords('x² ① ②③')).toEqual([]);
  });

  it('splits words at anything that is not a letter or a digit', () => {
    expect(indexedWords("don't e-mail foo_bar C++ node.js user@example.org")).toEqual([
      'don',
      'mail',
      'foo',
      'bar',
      'node',
      'user',
      'example',
      'org',
    ]);
  });

  it('codes a CJK character as cjk<hex> and a pair of neighbours as cjk<hex>x<hex>: unigrams, then bigrams', () => {
    expect(indexedWords('東')).toEqual(['cjk6771']);
    expect(indexedWords('東京')).toEqual(['cjk6771', 'cjk4eac', 'cjk6771x4eac']);
    expect(indexedWords('東京都')).toEqual(['cjk6771', 'cjk4eac', 'cjk90fd', 'cjk6771x4eac', 'cjk4eacx90fd']);
  });

  it('treats Hiragana and Katakana like Han', () => {
    expect(indexedWords('ひと')).toEqual(['cjk3072', 'cjk3068', 'cjk3072x3068']);
    expect(indexedWords('タワ')).toEqual(['cjk30bf', 'cjk30ef', 'cjk30bfx30ef']);
  });

  it('codes a Han character outside the BMP by its code point', () => {
    expect(indexedWords('𠀀')).toEqual(['cjk20000']);
    expect(indexedWords('𠀀東')).toEqual(['cjk20000', 'cjk6771', 'cjk20000x6771']);
  });

  it('codes Hangul syllables as well, whole', () => {
    expect(indexedWords('한')).toEqual(['cjkd55c']);
    expect(indexedWords('한국').every((w) => /^cjk[0-9a-f]+(x[0-9a-f]+)?$/.test(w))).toBe(true);
  });

  it('ends a CJK run at a space or punctuation: no pair spans two runs', () => {
    expect(indexedWords('東京 タワ')).toEqual([
      'cjk6771',
      'cjk4eac',
      'cjk6771x4eac',
      'cjk30bf',
      'cjk30ef',
      'cjk30bfx30ef',
    ]);
    expect(indexedWords('東、京')).toEqual(['cjk6771', 'cjk4eac']);
  });

  it('keeps CJK short runs that a word of that length would lose (one character is a token)', () => {
    expect(indexedWords('x 東 y')).toEqual(['cjk6771']);
  });

  it('indexes mixed Latin and CJK text separated by spaces as words and CJK tokens', () => {
    expect(indexText('Visit 東京 in spring 2026')).toBe('visit cjk6771 cjk4eac cjk6771x4eac spring 2026');
  });

  it('indexes a Latin word directly after a CJK run as a word of its own', () => {
    expect(indexText('東京tower')).toBe('cjk6771 cjk4eac cjk6771x4eac tower');
  });

  it('indexes a Latin word directly before a CJK run as a word of its own', () => {
    expect(indexText('tower東京')).toBe('tower cjk6771 cjk4eac cjk6771x4eac');
    expect(finds(parsed('react'), 'React组件')).toBe(true);
  });

  it('makes the same words of the same text, whatever its case and accents', () => {
    expect(indexText('CRÈME brûlée')).toBe(indexText('creme BRULEE'));
  });
});

describe('parseSearchQuery', () => {
  it('reads words, all wanted, folded', () => {
    expect(parseSearchQuery('Train DRAGON')).toEqual({ terms: [word('train'), word('dragon')] });
    expect(parseSearchQuery('Crème')).toEqual({ terms: [word('creme')] });
  });

  it('drops words that are not indexed: too short, too long, stopwords', () => {
    expect(parseSearchQuery(`how to train a ${'x'.repeat(MAX_WORD + 1)} dragon of it`)).toEqual({
      terms: [word('train'), word('dragon')],
    });
  });

  it('splits a run at anything but letters and digits, each part a wanted word', () => {
    expect(parseSearchQuery('node.js e-mail foo_bar')).toEqual({
      terms: [word('node'), word('mail'), word('foo'), word('bar')],
    });
  });

  it('reads a "phrase" as one term of its indexed words, its text folded as written', () => {
    expect(parseSearchQuery('"How to Train your Dragon"')).toEqual({
      terms: [
        {
          words: ['train', 'your', 'dragon'],
          prefix: false,
          excluded: false,
          text: 'how to train your dragon',
        },
      ],
    });
  });

  it('reads a phrase among words', () => {
    expect(parseSearchQuery('cat "train your dragon" bird')).toEqual({
      terms: [
        word('cat'),
        { words: ['train', 'your', 'dragon'], prefix: false, excluded: false, text: 'train your dragon' },
        word('bird'),
      ],
    });
  });

  it('reads an unterminated quote as a phrase to the end', () => {
    expect(parseSearchQuery('dragon "train your')).toEqual({
      terms: [
        word('dragon'),
        { words: ['train', 'your'], prefix: false, excluded: false, text: 'train your' },
      ],
    });
  });

  it('drops a phrase with no indexed word, and an empty one', () => {
    expect(parseSearchQuery('"the of" dragon ""')).toEqual({ terms: [word('dragon')] });
  });

  it('keeps a phrase of one indexed word as a one-word term', () => {
    expect(parseSearchQuery('"the dragon"')).toEqual({
      terms: [{ words: ['dragon'], prefix: false, excluded: false, text: 'the dragon' }],
    });
  });

  it('takes quotes within a run as separators, not as the start of a phrase', () => {
    expect(parseSearchQuery('foo"bar baz"qux')).toEqual({
      terms: [word('foo'), word('bar'), word('baz'), word('qux')],
    });
  });

  it('reads -word and -"phrase" as excluded', () => {
    expect(parseSearchQuery('cat -dragon -"train your"')).toEqual({
      terms: [
        word('cat'),
        word('dragon', { excluded: true }),
        { words: ['train', 'your'], prefix: false, excluded: true, text: 'train your' },
      ],
    });
  });

  it('reads an unterminated excluded phrase', () => {
    expect(parseSearchQuery('cat -"train your')).toEqual({
      terms: [word('cat'), { words: ['train', 'your'], prefix: false, excluded: true, text: 'train your' }],
    });
  });

  it('excludes every word of a run that starts with -, and none of a run with - inside', () => {
    expect(parseSearchQuery('cat -foo-bar')).toEqual({
      terms: [word('cat'), word('foo', { excluded: true }), word('bar', { excluded: true })],
    });
    expect(parseSearchQuery('foo-bar')).toEqual({ terms: [word('foo'), word('bar')] });
    expect(parseSearchQuery('--cat')).toBeNull();
  });

  it('ignores a lone - or a - before nothing indexed', () => {
    expect(parseSearchQuery('cat - -a -"" -"the"')).toEqual({ terms: [word('cat')] });
  });

  it('reads prefix* as a prefix, also when excluded', () => {
    expect(parseSearchQuery('drag*')).toEqual({ terms: [word('drag', { prefix: true })] });
    expect(parseSearchQuery('cat -drag*')).toEqual({
      terms: [word('cat'), word('drag', { prefix: true, excluded: true })],
    });
    expect(parseSearchQuery('drag**')).toEqual({ terms: [word('drag', { prefix: true })] });
  });

  it('applies * to the last word of a run only: foo-bar* is foo and bar*', () => {
    expect(parseSearchQuery('foo-bar*')).toEqual({ terms: [word('foo'), word('bar', { prefix: true })] });
    expect(parseSearchQuery('foo.bar.baz*')).toEqual({
      terms: [word('foo'), word('bar'), word('baz', { prefix: true })],
    });
  });

  it('reads no prefix from a * that does not end the run, nor after a phrase', () => {
    expect(parseSearchQuery('*drag')).toEqual({ terms: [word('drag')] });
    expect(parseSearchQuery('drag*on')).toEqual({ terms: [word('drag')] });
    expect(parseSearchQuery('"train dragon"*')).toEqual({
      terms: [{ words: ['train', 'dragon'], prefix: false, excluded: false, text: 'train dragon' }],
    });
  });

  it('drops a prefix shorter than a word, or a stopword prefix', () => {
    expect(parseSearchQuery('dr*')).toBeNull();
    expect(parseSearchQuery('the*')).toBeNull();
  });

  it('gives no prefix to a word when the run ends with a word that is dropped', () => {
    expect(parseSearchQuery('dragon-of*')).toEqual({ terms: [word('dragon')] });
  });

  it('reads a CJK run of one character as its unigram', () => {
    expect(parseSearchQuery('東')).toEqual({
      terms: [{ words: ['cjk6771'], prefix: false, excluded: false, text: '東' }],
    });
  });

  it('reads a CJK run of n characters as the phrase of its n - 1 bigrams', () => {
    expect(parseSearchQuery('東京')).toEqual({
      terms: [{ words: ['cjk6771x4eac'], prefix: false, excluded: false, text: '東京' }],
    });
    expect(parseSearchQuery('東京都庁')).toEqual({
      terms: [
        {
          words: ['cjk6771x4eac', 'cjk4eacx90fd', 'cjk90fdx5e81'],
          prefix: false,
          excluded: false,
          text: '東京都庁',
        },
      ],
    });
  });

  it('reads CJK among words, excluded CJK, and never a CJK prefix', () => {
    expect(parseSearchQuery('tower 東京 -都 東京*')).toEqual({
      terms: [
        word('tower'),
        { words: ['cjk6771x4eac'], prefix: false, excluded: false, text: '東京' },
        { words: ['cjk90fd'], prefix: false, excluded: true, text: '都' },
        { words: ['cjk6771x4eac'], prefix: false, excluded: false, text: '東京' },
      ],
    });
  });

  it('reads a CJK run followed by a word without a space as the run and the word', () => {
    expect(parseSearchQuery('東京tower')).toEqual({
      terms: [{ words: ['cjk6771x4eac'], prefix: false, excluded: false, text: '東京' }, word('tower')],
    });
  });

  it('finds with a CJK query any text that holds the run, within a longer run', () => {
    expect(finds(parsed('東京'), '我住在東京都')).toBe(true);
    expect(finds(parsed('京都'), '東京都庁')).toBe(true);
    expect(finds(parsed('東'), '東京')).toBe(true);
    expect(finds(parsed('東京'), '東 京')).toBe(false);
    expect(finds(parsed('京東'), '東京')).toBe(false);
    expect(finds(parsed('東京都'), '東京 京都')).toBe(false);
  });

  it('finds with a quoted CJK run the texts the unquoted run finds', () => {
    expect(finds(parsed('東京'), '東京都')).toBe(true);
    expect(finds(parsed('"東京"'), '東京都')).toBe(true);
  });

  it('does not find a Hangul syllable in a text that only has a longer syllable beginning alike', () => {
    expect(finds(parsed('하'), '한국어')).toBe(false);
  });

  // Known and accepted (docs/search.md): the ASCII coding of CJK collides with such made-up words: a search for the
  // word `cjk6771` finds every text with 東.
  it.failing('does not confuse a word that looks like a CJK code with that CJK character', () => {
    expect(finds(parsed('cjk6771'), '東')).toBe(false);
  });

  it('finds with a search the text it is made of, with the words of both folded alike', () => {
    const alphabet = [
      'Dragon',
      'crème',
      'CRÈME',
      'ﬁle',
      'Ёлка',
      ' ',
      ' ',
      ',',
      '.',
      '東京',
      'タワ',
      '都',
      '2026',
      'the',
    ];
    for (const text of randomStrings(alphabet, 200, 7)) {
      const query = parseSearchQuery(text);
      if (query !== null) expect(finds(query, text)).toBe(true);
    }
  });

  it('is null when nothing wanted is left', () => {
    for (const q of [
      '',
      '   ',
      'a an the of',
      'x y z',
      '-dragon',
      '-dragon -"train your"',
      '"" - * " "',
      '+ ~ < > ( ) @',
    ])
      expect(parseSearchQuery(q)).toBeNull();
  });

  it(`keeps at most ${QUERY_MAX_TERMS} terms, the first ones`, () => {
    expect(QUERY_MAX_TERMS).toBe(16);
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`);
    expect(parsed(words.join(' ')).terms.map((term) => term.words[0])).toEqual(
      words.slice(0, QUERY_MAX_TERMS),
    );
  });

  it(`counts a phrase as one term and the words of a run as one each`, () => {
    const phrases = Array.from({ length: 20 }, (_, i) => `"alpha${i} beta${i}"`).join(' ');
    expect(parsed(phrases).terms).toHaveLength(QUERY_MAX_TERMS);
    expect(parsed(Array.from({ length: 20 }, (_, i) => `word${i}`).join('-')).terms).toHaveLength(
      QUERY_MAX_TERMS,
    );
  });

  it(`is null when the first ${QUERY_MAX_TERMS} terms are all excluded, whatever follows`, () => {
    const excluded = Array.from({ length: QUERY_MAX_TERMS }, (_, i) => `-word${i}`).join(' ');
    expect(parseSearchQuery(`${excluded} wanted`)).toBeNull();
    expect(parseSearchQuery(`wanted ${excluded}`)?.terms).toHaveLength(QUERY_MAX_TERMS);
  });

  it('lets no operator of InnoDB boolean mode through: + ~ < > ( ) @ only separate words', () => {
    expect(parseSearchQuery('+foo ~bar <baz >qux (quux) corge@3 "grault"@4 garply+')).toEqual({
      terms: ['foo', 'bar', 'baz', 'qux', 'quux', 'corge', 'grault', 'garply'].map((w) => word(w)),
    });
  });

  it('lets no operator of FTS5 through: AND OR NOT NEAR are words (or a stopword), ^ : { } separate words', () => {
    expect(parseSearchQuery('dragon AND cat OR bird NOT fish NEAR(cow, 3)')).toEqual({
      terms: ['dragon', 'and', 'cat', 'bird', 'not', 'fish', 'near', 'cow'].map((w) => word(w)),
    });
    expect(parseSearchQuery('^dragon title_terms:cat {body_terms}:bird')).toEqual({
      terms: ['dragon', 'title', 'terms', 'cat', 'body', 'terms', 'bird'].map((w) => word(w)),
    });
  });
});

describe('toBooleanMode', () => {
  const query = parsed('foo "a big dragon" -bar -"no way" drag* 東京都');

  it('requires each wanted term (+), excludes each excluded one (-), quotes phrases, keeps prefixes', () => {
    expect(toBooleanMode(query)).toBe('+foo +"big dragon" -bar -way +drag* +"cjk6771x4eac cjk4eacx90fd"');
  });

  it('with anyWord, leaves the wanted terms optional and the excluded ones out', () => {
    expect(toBooleanMode(query, { anyWord: true })).toBe(
      'foo "big dragon" drag* "cjk6771x4eac cjk4eacx90fd"',
    );
  });

  it('renders an excluded prefix and a single CJK bigram or unigram unquoted', () => {
    expect(toBooleanMode(parsed('cat -drag* 東京 都'))).toBe('+cat -drag* +cjk6771x4eac +cjk90fd');
  });

  it('is the same with anyWord false as without options', () => {
    expect(toBooleanMode(query, { anyWord: false })).toBe(toBooleanMode(query));
    expect(toBooleanMode(query, {})).toBe(toBooleanMode(query));
  });

  it('renders a query built by hand term by term', () => {
    const terms: SearchTerm[] = [
      { words: ['one'], prefix: false, excluded: false, text: 'one' },
      { words: ['two', 'three'], prefix: false, excluded: true, text: 'two three' },
    ];
    expect(toBooleanMode({ terms })).toBe('+one -"two three"');
    expect(toBooleanMode({ terms }, { anyWord: true })).toBe('one');
  });
});

describe('toFts5', () => {
  it('quotes every string, joins the wanted ones with AND and puts each exclusion after NOT', () => {
    expect(toFts5(parsed('foo "a big dragon" -bar -"no way" drag* 東京都'))).toBe(
      '"foo" AND "big dragon" AND "drag"* AND "cjk6771x4eac cjk4eacx90fd" NOT "bar" NOT "way"',
    );
  });

  it('renders a single word quoted, with nothing else', () => {
    expect(toFts5(parsed('Dragon'))).toBe('"dragon"');
  });

  it('moves the exclusions after all the wanted terms, in order', () => {
    expect(toFts5(parsed('-dog cat -cow bird'))).toBe('"cat" AND "bird" NOT "dog" NOT "cow"');
  });

  it('puts the * of an excluded prefix after its quotes', () => {
    expect(toFts5(parsed('cat -drag*'))).toBe('"cat" NOT "drag"*');
  });

  it('quotes words that are FTS5 operators in upper case', () => {
    expect(toFts5(parsed('AND NOT NEAR'))).toBe('"and" AND "not" AND "near"');
  });
});

describe('rendering random queries', () => {
  const NASTY = [
    '"',
    '"',
    '-',
    '-',
    '+',
    '~',
    '<',
    '>',
    '(',
    ')',
    '@',
    '*',
    '*',
    ' ',
    ' ',
    ' ',
    '\t',
    '\n',
    "'",
    ':',
    '^',
    '{',
    '}',
    '\\',
    ',',
    '.',
    '%',
    '_',
    'AND',
    'OR',
    'NOT',
    'NEAR',
    'near',
    'dragon',
    'Crème',
    'ß',
    'ﬁle',
    'Ёж',
    'e\u0301',
    '東京',
    '都',
    'タワー',
    '한국',
    '😀',
    '𠀀',
    '123',
    '4',
    'x',
    'of',
    'the',
    'tower',
    '\u0000',
    '\u200b',
  ];
  const queries = randomStrings(NASTY, 400, 20260601)
    .map(parseSearchQuery)
    .filter((query): query is SearchQuery => query !== null);

  it('draws enough queries that parse', () => {
    expect(queries.length).toBeGreaterThan(200);
  });

  it('makes terms of indexed words only, at most the limit', () => {
    for (const { terms } of queries) {
      expect(terms.length).toBeLessThanOrEqual(QUERY_MAX_TERMS);
      expect(terms.some((term) => !term.excluded)).toBe(true);
      for (const term of terms) {
        expect(term.words.length).toBeGreaterThan(0);
        for (const w of term.words) expect(w).toMatch(/^[\p{L}\p{N}]{3,84}$/u);
      }
    }
  });

  const OPERATORS = /\b(?:AND|NOT)\b/g;
  const ONLY_ALLOWED = /^[\p{L}\p{N} "*+-]*$/u;
  const quotes = (text: string): number => text.split('"').length - 1;

  it('renders boolean mode of letters, digits, spaces, " * + - only, balanced quotes, no engine operator', () => {
    const booleanTerm = /^[+-]?(?:"[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)+"|[\p{L}\p{N}]+\*?)$/u;
    for (const query of queries) {
      for (const rendered of [toBooleanMode(query), toBooleanMode(query, { anyWord: true })]) {
        expect(rendered).toMatch(ONLY_ALLOWED);
        expect(quotes(rendered) % 2).toBe(0);
        expect(rendered).not.toMatch(/\b(?:AND|OR|NOT|NEAR)\b/);
        // Quoted phrases hold no space-separated operator: split outside quotes and check each term.
        for (const term of rendered.match(/[+-]?"[^"]*"|\S+/g) ?? []) expect(term).toMatch(booleanTerm);
      }
      expect(toBooleanMode(query, { anyWord: true })).not.toMatch(/(?:^| )[+-]/);
    }
  });

  it('renders FTS5 of letters, digits, spaces, " * and the words AND/NOT only, every string quoted', () => {
    const fts5Term = '"[\\p{L}\\p{N}]+(?: [\\p{L}\\p{N}]+)*"\\*?';
    const fts5Query = new RegExp(`^${fts5Term}(?: AND ${fts5Term})*(?: NOT ${fts5Term})*$`, 'u');
    for (const query of queries) {
      const rendered = toFts5(query);
      expect(rendered.replace(OPERATORS, '')).toMatch(ONLY_ALLOWED);
      expect(quotes(rendered) % 2).toBe(0);
      expect(rendered).toMatch(fts5Query);
      // Outside the quotes, only AND, NOT and * remain.
      expect(
        rendered
          .replace(/"[^"]*"/g, '')
          .replace(OPERATORS, '')
          .replace(/[ *]/g, ''),
      ).toBe('');
    }
  });
});
