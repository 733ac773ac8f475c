/**
 * `describe` when what the suite needs is there; otherwise `describe.skip` and one line on stderr naming what it
 * needs. (Jest drops the console output of a file whose tests are all skipped, so console.warn would say nothing.)
 */
export function describeIf(available: boolean, name: string, needs: string, body: () => void): void {
  if (available) return describe(name, body);
  process.stderr.write(`skipped: ${name} — needs ${needs}\n`);
  describe.skip(name, body);
}
