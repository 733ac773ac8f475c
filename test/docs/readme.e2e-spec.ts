import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The text of a `## Title` section of the README, up to the next `## `. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Relative links of a Markdown file, resolved from its folder (anchors dropped). */
function localLinks(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => resolve(dirname(file), target));
}

describe('README', () => {
  it('should name every folder of src/ in its Layout section', () => {
    const layout = section('Layout');
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `src/${entry.name}/`);
    expect(folders.filter((folder) => !layout.includes(folder))).toEqual([]);
  });

  it('should document every environment variable the configuration reads', () => {
    const table = section('Configuration');
    const source = readFileSync(join(ROOT, 'src', 'config', 'env.validation.ts'), 'utf8');
    const variables = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+)\??(?: =|:)/gm)].map((match) => match[1]);
    expect(variables.length).toBeGreaterThan(20);
    expect(variables.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });

  it('should link only to files that exist, from the README and from docs/', () => {
    const pages = [
      join(ROOT, 'README.md'),
      ...readdirSync(join(ROOT, 'docs')).map((page) => join(ROOT, 'docs', page)),
    ];
    const broken = pages.flatMap((page) =>
      localLinks(page)
        .filter((target) => !existsSync(target))
        .map((target) => `${page.slice(ROOT.length + 1)} → ${target.slice(ROOT.length + 1)}`),
    );
    expect(broken).toEqual([]);
  });

  it('should stay short enough to read in five minutes', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(160);
  });
});
