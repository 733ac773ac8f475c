/** One line of a line diff: kept (`=`), only in the old text (`-`), only in the new one (`+`). */
export interface DiffLine {
  op: '=' | '-' | '+';
  text: string;
}

/** Past this many cells (old lines × new lines, after the common ends) the middle is shown as replaced whole. */
const MAX_CELLS = 1_000_000;

/**
 * The lines of `before` and `after` as a shortest edit script: a longest common subsequence of the lines between
 * the common first and last lines. Bounded: a pair of long, wholly different texts costs at most MAX_CELLS.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  return listDiff(before.split('\n'), after.split('\n'));
}

/** lineDiff of two lists of lines (an empty list has no line, where an empty text has one empty line). */
export function listDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const kept = (lines: readonly string[]): DiffLine[] => lines.map((text) => ({ op: '=', text }));
  return [
    ...kept(a.slice(0, start)),
    ...middleDiff(a.slice(start, endA), b.slice(start, endB)),
    ...kept(a.slice(endA)),
  ];
}

function middleDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  if (a.length * b.length > MAX_CELLS)
    return [
      ...a.map((text) => ({ op: '-' as const, text })),
      ...b.map((text) => ({ op: '+' as const, text })),
    ];
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..], one row of b.length + 1 per line of a.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ op: '=', text: a[i] });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])
      lines.push({ op: '-', text: a[i++] });
    else lines.push({ op: '+', text: b[j++] });
  }
  while (i < a.length) lines.push({ op: '-', text: a[i++] });
  while (j < b.length) lines.push({ op: '+', text: b[j++] });
  return lines;
}
