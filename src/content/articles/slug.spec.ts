import { SLUG_MAX } from './entities/article.entity';
import { slugify, withRandomSuffix } from './slug';

describe('slugify', () => {
  it.each([
    ['How to train your dragon', 'how-to-train-your-dragon'],
    ['Crème brûlée', 'creme-brulee'],
    ['Привет мир', 'привет-мир'],
    ['  --Hello,   World!!  ', 'hello-world'],
    ['C++ & Rust: 2 languages', 'c-rust-2-languages'],
    ['東京 2026', '東京-2026'],
  ])('should turn %j into %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('should give a title with nothing usable the slug "article"', () => {
    expect(slugify('!!! 🎉 ???')).toBe('article');
  });

  it('should leave room for a suffix under the column limit, without a trailing hyphen', () => {
    const slug = slugify(`${'word '.repeat(100)}end`);
    expect([...slug].length).toBeLessThanOrEqual(SLUG_MAX - 8);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('withRandomSuffix', () => {
  it('should append a hyphen and 6 or 7 base-36 characters, different each time', () => {
    const slugs = new Set(Array.from({ length: 50 }, () => withRandomSuffix('dragons')));
    for (const slug of slugs) expect(slug).toMatch(/^dragons-[0-9a-z]{6,7}$/);
    expect(slugs.size).toBeGreaterThan(45);
  });

  it('should fit in the column when the base is as long as slugify makes it', () => {
    const base = slugify('x'.repeat(400));
    expect([...withRandomSuffix(base)].length).toBeLessThanOrEqual(SLUG_MAX);
  });
});
