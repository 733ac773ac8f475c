import { matchRanges, snippetHtml, SNIPPET_CHARS } from './search-snippet';
import { fold, parseSearchQuery, type SearchQuery } from './search-text';
import { mulberry32 } from '../../../bench/seed/random';

const parsed = (q: string): SearchQuery => {
  const query = parseSearchQuery(q);
  if (query === null) throw new Error(`${JSON.stringify(q)} parsed to null`);
  return query;
};

/** The parts of `text` that `matchRanges` gives. */
const matched = (text: string, q: string): string[] =>
  matchRanges(text, parsed(q)).map(([from, to]) => text.slice(from, to));

const unescape = (html: string): string =>
  html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** The text a snippet shows: marks and ellipses off, characters unescaped. */
const plain = (html: string): string =>
  unescape(
    html
      .replace(/<\/?mark>/g, '')
      .replace(/^…/, '')
      .replace(/…$/, ''),
  );

/** The marked parts of a snippet, unescaped. */
const marks = (html: string): string[] =>
  [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map(([, m]) => unescape(m));

/** A lone surrogate (half of a pair): with the u flag, a whole pair is one code point, never Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

describe('matchRanges', () => {
  it('gives the start and end of each match in the text', () => {
    expect(matchRanges('How to train your dragon', parsed('dragon'))).toEqual([[18, 24]]);
    expect(matchRanges('dragon and dragon', parsed('dragon'))).toEqual([
      [0, 6],
      [11, 17],
    ]);
  });

  it('is empty without a match', () => {
    expect(matchRanges('How to train your cat', parsed('dragon'))).toEqual([]);
    expect(matchRanges('', parsed('dragon'))).toEqual([]);
  });

  it('matches every wanted word, in the order of the text', () => {
    expect(matched('The cat met a dragon and a bird', 'bird dragon cat')).toEqual(['cat', 'dragon', 'bird']);
  });

  it('matches without regard to case or accents, in the text and in the query', () => {
    expect(matched('Crème BRÛLÉE', 'creme brulee')).toEqual(['Crème', 'BRÛLÉE']);
    expect(matched('creme brulee', 'CRÈME Brûlée')).toEqual(['creme', 'brulee']);
    expect(matched('ёлка и Йога', 'елка иога')).toEqual(['ёлка', 'Йога']);
  });

  it('maps matches back to the text when folding adds characters (ligatures, compatibility forms)', () => {
    expect(matchRanges('ﬁle and profile', parsed('file'))).toEqual([[0, 3]]);
    expect(matched('the ﬁnal ﬁgure', 'final figure')).toEqual(['ﬁnal', 'ﬁgure']);
    // ½ folds to 3 characters and ﬃ to 3: the match after them is still where it is in the text.
    expect(matchRanges('½ ﬃ dragon', parsed('dragon'))).toEqual([[4, 10]]);
    expect(matched('ＤＲＡＧＯＮ', 'dragon')).toEqual(['ＤＲＡＧＯＮ']);
  });

  it('maps matches back to the text when folding drops characters (decomposed accents)', () => {
    expect(matchRanges('cafe\u0301 noir', parsed('café'))).toEqual([[0, 5]]);
    expect(matched('cafe\u0301 noir cafe\u0301', 'cafe noir')).toEqual(['cafe\u0301', 'noir', 'cafe\u0301']);
    expect(matchRanges('e\u0301e\u0301e\u0301 dragon', parsed('dragon'))).toEqual([[7, 13]]);
  });

  it('counts positions in UTF-16 units past characters outside the BMP', () => {
    expect(matchRanges('😀 dragon 𠀀 dragon', parsed('dragon'))).toEqual([
      [3, 9],
      [13, 19],
    ]);
  });

  it('matches whole words only, without a prefix', () => {
    expect(matched('dragons drag undrag drag-on', 'drag')).toEqual(['drag', 'drag']);
    expect(matchRanges('dragons drag', parsed('drag'))).toEqual([[8, 12]]);
  });

  it('extends a prefix match over the rest of the word, never from inside a word', () => {
    expect(matched('Dragons drag dragonfly undrag', 'drag*')).toEqual(['Dragons', 'drag', 'dragonfly']);
    expect(matched('Drägerwerk', 'drag*')).toEqual(['Drägerwerk']);
  });

  it('matches each word of a phrase on its own', () => {
    expect(matched('your dragon, train it: train your dragon', '"train your dragon"')).toEqual([
      'your',
      'dragon',
      'train',
      'train',
      'your',
      'dragon',
    ]);
  });

  it('matches no excluded term', () => {
    expect(matched('dragon cat dragon', 'cat -dragon')).toEqual(['cat']);
    expect(matched('dragon cat train', 'cat -"train dragon"')).toEqual(['cat']);
  });

  it('matches a CJK run anywhere, inside a longer run', () => {
    expect(matchRanges('我住在東京都', parsed('東京'))).toEqual([[3, 5]]);
    expect(matched('東京 京都 東', '東')).toEqual(['東', '東']);
    expect(matched('Visit 東京タワ today', '東京タワ today')).toEqual(['東京タワ', 'today']);
  });

  it('matches Hangul syllables back in the text, though they are folded to jamo', () => {
    expect(matchRanges('대한민국 한국어', parsed('한국'))).toEqual([[5, 7]]);
  });

  it('is empty for a query with nothing wanted', () => {
    const query: SearchQuery = {
      terms: [{ words: ['dragon'], prefix: false, excluded: true, text: 'dragon' }],
    };
    expect(matchRanges('dragon', query)).toEqual([]);
  });

  it('never gives an empty or backwards range, nor one outside the text', () => {
    const query = parsed('dragon creme file drag* 東京 cafe');
    const text = 'ﬁle, Crème and cafe\u0301 – dragons, 東京… ½ dragon';
    for (const [from, to] of matchRanges(text, query)) {
      expect(from).toBeGreaterThanOrEqual(0);
      expect(to).toBeGreaterThan(from);
      expect(to).toBeLessThanOrEqual(text.length);
    }
  });

  it('matches a capitalised Greek word that ends in sigma', () => {
    expect(fold('ΟΔΟΣ')).toBe(fold('οδος'));
    expect(matchRanges('ΟΔΟΣ ΚΑΙ', parsed('οδος'))).toEqual([[0, 4]]);
  });

  // Hangul syllables stay whole in folding: 하 is not the beginning of 한.
  it('does not match a Hangul syllable inside another one', () => {
    expect(matchRanges('한국어', parsed('하'))).toEqual([]);
  });
});

describe('snippetHtml', () => {
  it('is the whole of a short text with its matches marked', () => {
    expect(snippetHtml(['How to train your dragon'], parsed('dragon'))).toBe(
      'How to train your <mark>dragon</mark>',
    );
    expect(snippetHtml(['Dragon, DRAGON and dragons'], parsed('dragon'))).toBe(
      '<mark>Dragon</mark>, <mark>DRAGON</mark> and dragons',
    );
  });

  it('marks the text as written, accents and ligatures included', () => {
    expect(snippetHtml(['Crème brûlée, ﬁle'], parsed('creme file'))).toBe(
      '<mark>Crème</mark> brûlée, <mark>ﬁle</mark>',
    );
    expect(snippetHtml(['我住在東京都'], parsed('東京'))).toBe('我住在<mark>東京</mark>都');
  });

  it('escapes every HTML special character of the text, in and out of marks', () => {
    expect(snippetHtml(['<b>"Tom" & \'Jerry\'</b>'], parsed('tom'))).toBe(
      '&#60;b&#62;&#34;<mark>Tom</mark>&#34; &#38; &#39;Jerry&#39;&#60;/b&#62;',
    );
    expect(snippetHtml(['<script>alert("x")</script>'], parsed('script'))).toBe(
      '&#60;<mark>script</mark>&#62;alert(&#34;x&#34;)&#60;/<mark>script</mark>&#62;',
    );
    expect(snippetHtml(['&amp; &lt;dragon&gt;'], parsed('dragon'))).toBe(
      '&#38;amp; &#38;lt;<mark>dragon</mark>&#38;gt;',
    );
  });

  it('escapes a text without a match too', () => {
    expect(snippetHtml(['<img src=x onerror="alert(1)">'], parsed('dragon'))).toBe(
      '&#60;img src=x onerror=&#34;alert(1)&#34;&#62;',
    );
  });

  it('takes the first text of the list that has a match', () => {
    expect(snippetHtml(['no match here', 'a dragon here', 'dragon again'], parsed('dragon'))).toBe(
      'a <mark>dragon</mark> here',
    );
    expect(snippetHtml(['', 'the title dragon'], parsed('dragon'))).toBe('the title <mark>dragon</mark>');
  });

  it('takes the start of the first text when none has a match', () => {
    expect(snippetHtml(['first text', 'second text'], parsed('dragon'))).toBe('first text');
    const long = 'word '.repeat(100);
    expect(snippetHtml([long, 'a dragon'], parsed('cat'))).toBe(`${long.slice(0, SNIPPET_CHARS)}…`);
  });

  it('is empty without texts, or when the first one is empty and none matches', () => {
    expect(snippetHtml([], parsed('dragon'))).toBe('');
    expect(snippetHtml(['', 'no match'], parsed('dragon'))).toBe('');
  });

  it(`shows at most ${SNIPPET_CHARS} characters by default, and … where the text goes on`, () => {
    expect(SNIPPET_CHARS).toBe(160);
    const text = 'dragon ' + 'tail '.repeat(100);
    const html = snippetHtml([text], parsed('dragon'));
    expect(html).toBe(`<mark>dragon</mark> ${text.slice(7, SNIPPET_CHARS)}…`);
    expect(plain(html)).toHaveLength(SNIPPET_CHARS);
  });

  it('takes another size', () => {
    expect(snippetHtml(['dragon one two three four'], parsed('dragon'), 13)).toBe(
      '<mark>dragon</mark> one tw…',
    );
    expect(snippetHtml(['one two dragon'], parsed('dragon'), 100)).toBe('one two <mark>dragon</mark>');
  });

  it('cuts a match that reaches past the end, marking the part shown', () => {
    expect(snippetHtml(['aaaa dragon'], parsed('dragon'), 7)).toBe('aaaa <mark>dr</mark>…');
  });

  it('starts at the text when the first match is near its start', () => {
    const text = 'word '.repeat(8) + 'dragon ' + 'tail '.repeat(50);
    const html = snippetHtml([text], parsed('dragon'));
    expect(html.startsWith('word word')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  it('starts shortly before a later first match, with … and at the beginning of a word', () => {
    const text = 'alpha '.repeat(20) + 'dragon' + ' omega'.repeat(3);
    const html = snippetHtml([text], parsed('dragon'));
    // The match is at 120: the snippet would start 50 before (mid-word, at 70), and starts at the next word.
    expect(html).toBe(`…${'alpha '.repeat(8)}<mark>dragon</mark>${' omega'.repeat(3)}`);
  });

  it('cuts at both ends, keeping the first match and a lead of at most 50 characters before it', () => {
    const text = 'word '.repeat(30) + 'dragon' + ' tail'.repeat(60);
    const html = snippetHtml([text], parsed('dragon'));
    expect(html.startsWith('…word ')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    const shown = plain(html);
    expect(shown).toHaveLength(SNIPPET_CHARS);
    const start = text.indexOf(shown);
    expect(start).toBeGreaterThan(0);
    expect(text[start - 1]).toBe(' ');
    expect(shown.indexOf('dragon')).toBeLessThanOrEqual(50);
    expect(marks(html)).toEqual(['dragon']);
  });

  it('marks every match within the snippet, none past it', () => {
    const text = 'dragon '.repeat(10) + 'tail '.repeat(40) + 'dragon';
    const html = snippetHtml([text], parsed('dragon'), 80);
    expect(marks(html)).toEqual(Array(10).fill('dragon'));
    expect(html).not.toMatch(/<mark>dragon<\/mark>…$/);
  });

  it('keeps a decomposed accent with its letter, inside the mark', () => {
    expect(snippetHtml(['cafe\u0301 noir'], parsed('cafe'))).toBe('<mark>cafe\u0301</mark> noir');
  });

  it('marks nothing excluded', () => {
    expect(snippetHtml(['dragon and cat'], parsed('cat -dragon'))).toBe('dragon and <mark>cat</mark>');
  });

  it('starts at the beginning of a word when the words are separated by newlines', () => {
    const text = 'alpha\n'.repeat(20) + 'dragon';
    const html = snippetHtml([text], parsed('dragon'));
    const shown = plain(html);
    expect(text[text.indexOf(shown) - 1]).toMatch(/[^\p{L}\p{N}]/u);
  });

  it('never begins with half of a surrogate pair', () => {
    const html = snippetHtml(['😀'.repeat(40) + '-dragon'], parsed('dragon'));
    expect(html).not.toMatch(LONE_SURROGATE);
  });

  it('never ends with half of a surrogate pair', () => {
    const html = snippetHtml(['a' + '😀'.repeat(100)], parsed('dragon'));
    expect(html).not.toMatch(LONE_SURROGATE);
  });

  it('keeps surrogate pairs whole where the cuts fall between them', () => {
    // The match at 81 (after a space at 80) starts the snippet; it ends at 241, between the emoji from 89 on.
    const html = snippetHtml(['😀'.repeat(40) + ' dragon  ' + '😀'.repeat(100)], parsed('dragon'));
    expect(html).not.toMatch(LONE_SURROGATE);
    expect(html.startsWith('…<mark>dragon</mark>')).toBe(true);
  });

  describe('on random texts', () => {
    const ALPHABET = [
      'dragon',
      'Dragon',
      'drägons',
      'cat',
      'ﬁle',
      'e\u0301',
      '東京',
      '都',
      '<',
      '>',
      '&',
      '"',
      "'",
      '&#60;',
      '<mark>',
      ' ',
      ' ',
      ' ',
      ' ',
      'word',
      'x',
      '.',
      '\n',
    ];
    const next = mulberry32(160);
    const draw = (parts: number): string =>
      Array.from({ length: parts }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
    const queries = ['dragon', 'drag*', 'cat file', '東京', '"dragon cat"', 'cafe -cat', 'word'].map(parsed);
    const cases = Array.from({ length: 300 }, (_, i) => ({
      texts: Array.from({ length: 1 + Math.floor(next() * 3) }, () => draw(Math.floor(next() * 80))),
      query: queries[i % queries.length],
      size: [SNIPPET_CHARS, 1 + Math.floor(next() * 60)][i % 2],
    }));

    it('lets no markup of the text through: only <mark> and </mark>, well nested, and character references', () => {
      for (const { texts, query, size } of cases) {
        const html = snippetHtml(texts, query, size);
        expect(html).toMatch(/^(?:[^<>&"']|&#\d+;|<mark>[^<>]+<\/mark>)*$/);
      }
    });

    it('shows a part of one of the texts, at most size characters, with … exactly where it was cut', () => {
      for (const { texts, query, size } of cases) {
        const html = snippetHtml(texts, query, size);
        const shown = plain(html);
        expect(shown.length).toBeLessThanOrEqual(size);
        const text = texts.find((t) => matchRanges(t, query).length > 0) ?? texts[0];
        const cutBefore = html.startsWith('…');
        const cutAfter = html.endsWith('…');
        // Where `shown` is in the text, with … before it exactly when it does not start the text, after it exactly
        // when it does not end it.
        const fits = Array.from({ length: text.length + 1 }, (_, at) => at).some(
          (at) =>
            text.startsWith(shown, at) &&
            cutBefore === at > 0 &&
            cutAfter === at + shown.length < text.length,
        );
        expect(fits).toBe(true);
      }
    });

    it('marks matches of the query only', () => {
      for (const { texts, query, size } of cases) {
        const html = snippetHtml(texts, query, size);
        const text = texts.find((t) => matchRanges(t, query).length > 0) ?? texts[0];
        const whole = matchRanges(text, query).map(([from, to]) => text.slice(from, to));
        // A mark is a match, or the part of the first or last match that the cuts leave.
        for (const mark of marks(html)) expect(whole.some((match) => match.includes(mark))).toBe(true);
      }
    });
  });
});
