import { lineDiff, listDiff, type DiffLine } from './line-diff';
import { mulberry32 } from '../../../bench/seed/random';

const kept = (text: string): DiffLine => ({ op: '=', text });
const removed = (text: string): DiffLine => ({ op: '-', text });
const added = (text: string): DiffLine => ({ op: '+', text });

/** The text a diff's lines of `ops` spell: '=' and '+' give the new text, '=' and '-' the old one. */
const rebuild = (diff: DiffLine[], ops: DiffLine['op'][]): string =>
  diff
    .filter(({ op }) => ops.includes(op))
    .map(({ text }) => text)
    .join('\n');

/** The length of a longest common subsequence, the textbook way: what an optimal diff keeps. */
function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++)
      row.push(line === b[j] ? previous[j] + 1 : Math.max(previous[j + 1], row[j]));
    previous = row;
  }
  return previous[b.length];
}

const lines = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix} ${i}`);

describe('lineDiff', () => {
  it('should keep every line of equal texts', () => {
    expect(lineDiff('one\ntwo\nthree', 'one\ntwo\nthree')).toEqual([kept('one'), kept('two'), kept('three')]);
    expect(lineDiff('single', 'single')).toEqual([kept('single')]);
  });

  it('should show a changed middle line as removed then added, between the kept ones', () => {
    expect(lineDiff('one\ntwo\nthree', 'one\n2\nthree')).toEqual([
      kept('one'),
      removed('two'),
      added('2'),
      kept('three'),
    ]);
  });

  it("should put a replaced block's old lines before its new ones", () => {
    expect(lineDiff('a\nold 1\nold 2\nz', 'a\nnew 1\nnew 2\nnew 3\nz')).toEqual([
      kept('a'),
      removed('old 1'),
      removed('old 2'),
      added('new 1'),
      added('new 2'),
      added('new 3'),
      kept('z'),
    ]);
    expect(lineDiff('old', 'new')).toEqual([removed('old'), added('new')]);
  });

  it('should show lines inserted or deleted at the start', () => {
    expect(lineDiff('b\nc', 'a0\na1\nb\nc')).toEqual([added('a0'), added('a1'), kept('b'), kept('c')]);
    expect(lineDiff('a0\na1\nb\nc', 'b\nc')).toEqual([removed('a0'), removed('a1'), kept('b'), kept('c')]);
  });

  it('should show lines inserted or deleted at the end', () => {
    expect(lineDiff('a\nb', 'a\nb\nc0\nc1')).toEqual([kept('a'), kept('b'), added('c0'), added('c1')]);
    expect(lineDiff('a\nb\nc0\nc1', 'a\nb')).toEqual([kept('a'), kept('b'), removed('c0'), removed('c1')]);
  });

  it('should show lines inserted and deleted at both ends around a kept middle', () => {
    expect(lineDiff('gone\nmiddle\nalso gone', 'new\nmiddle\nalso new')).toEqual([
      removed('gone'),
      added('new'),
      kept('middle'),
      removed('also gone'),
      added('also new'),
    ]);
  });

  it('should treat an empty text as one empty line', () => {
    expect(lineDiff('', '')).toEqual([kept('')]);
    expect(lineDiff('', 'text')).toEqual([removed(''), added('text')]);
    expect(lineDiff('text', '')).toEqual([removed('text'), added('')]);
    expect(lineDiff('', 'a\nb')).toEqual([removed(''), added('a'), added('b')]);
  });

  it('should show a trailing newline as a last empty line', () => {
    expect(lineDiff('a\nb', 'a\nb\n')).toEqual([kept('a'), kept('b'), added('')]);
    expect(lineDiff('a\nb\n', 'a\nb')).toEqual([kept('a'), kept('b'), removed('')]);
    expect(lineDiff('a\nb\n', 'a\nc\n')).toEqual([kept('a'), removed('b'), added('c'), kept('')]);
  });

  it('should split on \\n only: CRLF lines keep their \\r, so a change of line endings changes every line', () => {
    expect(lineDiff('a\r\nb\r\nc', 'a\r\nB\r\nc')).toEqual([
      kept('a\r'),
      removed('b\r'),
      added('B\r'),
      kept('c'),
    ]);
    expect(lineDiff('a\r\nb', 'a\nb')).toEqual([removed('a\r'), added('a'), kept('b')]);
  });

  it('should show two long, wholly different texts as all old lines removed, then all new ones added', () => {
    const before = lines('old', 1_100);
    const after = lines('new', 1_100);
    const diff = lineDiff(before.join('\n'), after.join('\n'));
    expect(diff).toHaveLength(2_200);
    expect(diff).toEqual([...before.map(removed), ...after.map(added)]);
  });

  it('should bound only the middle: the common first and last lines are still kept', () => {
    const before = ['title', ...lines('old', 1_100), 'signature'];
    const after = ['title', ...lines('new', 1_100), 'signature'];
    expect(lineDiff(before.join('\n'), after.join('\n'))).toEqual([
      kept('title'),
      ...lines('old', 1_100).map(removed),
      ...lines('new', 1_100).map(added),
      kept('signature'),
    ]);
  });

  it('should give up on common lines inside a middle over the bound, and still find them at the bound', () => {
    // 1,100 × 1,100 cells: over the bound, the shared line in the middle is removed and added like the others.
    const over = lineDiff(
      [...lines('old', 550), 'shared', ...lines('old tail', 549)].join('\n'),
      [...lines('new', 550), 'shared', ...lines('new tail', 549)].join('\n'),
    );
    expect(over.filter(({ op }) => op === '=')).toEqual([]);
    expect(over).toHaveLength(2_200);
    // 1,000 × 1,000 cells: at the bound, a line by line diff that keeps it.
    const at = lineDiff(
      [...lines('old', 500), 'shared', ...lines('old tail', 499)].join('\n'),
      [...lines('new', 500), 'shared', ...lines('new tail', 499)].join('\n'),
    );
    expect(at.filter(({ op }) => op === '=')).toEqual([kept('shared')]);
    expect(at).toHaveLength(1_999);
  });

  it('should rebuild both texts from the diff, and keep as many lines as possible, for random texts', () => {
    const random = mulberry32(20_260_101);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const vocabulary = ['alpha', 'beta', 'gamma', 'delta', '', ' ', 'alpha ', 'Beta'];
    const randomLines = (): string[] =>
      Array.from({ length: Math.floor(random() * 25) }, () => pick(vocabulary));
    for (let run = 0; run < 300; run++) {
      const before = randomLines();
      // Half the time an edit of `before`, so that the texts share lines; otherwise unrelated lines.
      const after =
        random() < 0.5
          ? before.flatMap((line) => {
              const roll = random();
              if (roll < 0.15) return [];
              if (roll < 0.3) return [pick(vocabulary)];
              if (roll < 0.4) return [line, pick(vocabulary)];
              return [line];
            })
          : randomLines();
      const [oldText, newText] = [before.join('\n'), after.join('\n')];
      const diff = lineDiff(oldText, newText);
      const context = { run, oldText, newText };
      expect({ ...context, rebuilt: rebuild(diff, ['=', '+']) }).toEqual({ ...context, rebuilt: newText });
      expect({ ...context, rebuilt: rebuild(diff, ['=', '-']) }).toEqual({ ...context, rebuilt: oldText });
      expect({ ...context, keeps: diff.filter(({ op }) => op === '=').length }).toEqual({
        ...context,
        keeps: lcsLength(oldText.split('\n'), newText.split('\n')),
      });
    }
  });

  it('should rebuild both texts from the bounded fallback too', () => {
    const random = mulberry32(7);
    const before = Array.from({ length: 1_200 }, () => `line ${Math.floor(random() * 5_000)}`);
    const after = Array.from({ length: 1_200 }, () => `line ${Math.floor(random() * 5_000)}`);
    const diff = lineDiff(before.join('\n'), after.join('\n'));
    expect(rebuild(diff, ['=', '+'])).toBe(after.join('\n'));
    expect(rebuild(diff, ['=', '-'])).toBe(before.join('\n'));
  });
});

describe('listDiff', () => {
  it('should diff lists of lines, an empty list having no line at all', () => {
    expect(listDiff([], ['dragons'])).toEqual([{ op: '+', text: 'dragons' }]);
    expect(listDiff(['dragons'], [])).toEqual([{ op: '-', text: 'dragons' }]);
    expect(listDiff([], [])).toEqual([]);
    expect(listDiff(['a', 'b'], ['b', 'c'])).toEqual([
      { op: '-', text: 'a' },
      { op: '=', text: 'b' },
      { op: '+', text: 'c' },
    ]);
  });
});
