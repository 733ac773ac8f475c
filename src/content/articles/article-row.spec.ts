import { ArticleRow, tagListOf, toArticleDto, toArticleSummaryDto, toNewArticleDto } from './article-row';

/** As mysql2 returns a row: Date objects, COUNT(*) as strings. */
const mysqlRow: ArticleRow = {
  id: 3,
  slug: 'dragons',
  title: 'Dragons',
  description: 'About dragons',
  body: 'Text',
  createdAt: new Date('2026-11-30T10:00:00.123Z'),
  updatedAt: new Date('2026-11-30T11:00:00.456Z'),
  authorId: 7,
  status: 'published',
  publishedAt: new Date('2026-11-30T10:00:00.123Z'),
  publishAt: null,
  unpublishAt: new Date('2026-12-31T00:00:00.000Z'),
  authorUsername: 'jake',
  authorBio: null,
  authorImage: 'https://example.com/jake.png',
  favoritesCount: '12',
  tagNames: null,
  favorited: '1',
  following: '0',
};

/** As better-sqlite3 returns it: timestamps as UTC text, counts as numbers. */
const sqliteRow: ArticleRow = {
  ...mysqlRow,
  createdAt: '2026-11-30 10:00:00.123',
  updatedAt: '2026-11-30 11:00:00.456',
  authorId: '7',
  publishedAt: '2026-11-30 10:00:00.123',
  unpublishAt: '2026-12-31 00:00:00.000',
  favoritesCount: 12,
  favorited: 1,
  following: 0,
};

describe('article mappers', () => {
  it("should decode the read queries' tag column: hex UTF-8 names, comma-separated, in order", () => {
    const names = ['dragons', 'a, b', 'café ☕', '😀'];
    const column = names.map((name) => Buffer.from(name, 'utf8').toString('hex').toUpperCase()).join(',');
    expect(tagListOf(column)).toEqual(names);
    expect(tagListOf(null)).toEqual([]);
    expect(toArticleSummaryDto({ ...mysqlRow, tagNames: column }).tagList).toEqual(names);
  });

  it.each([
    ['mysql2', mysqlRow],
    ['better-sqlite3', sqliteRow],
  ])('should map a %s row to the same summary, with booleans and numbers', (_driver, row) => {
    expect(toArticleSummaryDto(row, ['a', 'b'])).toEqual({
      slug: 'dragons',
      title: 'Dragons',
      description: 'About dragons',
      tagList: ['a', 'b'],
      createdAt: '2026-11-30T10:00:00.123Z',
      updatedAt: '2026-11-30T11:00:00.456Z',
      favorited: true,
      favoritesCount: 12,
      author: { username: 'jake', bio: null, image: 'https://example.com/jake.png', following: false },
      status: 'published',
      publishedAt: '2026-11-30T10:00:00.123Z',
      publishAt: null,
      unpublishAt: '2026-12-31T00:00:00.000Z',
    });
  });

  it('should map the workflow of an article never published: its times null, a scheduled one its publishAt', () => {
    const draft = { ...mysqlRow, status: 'draft' as const, publishedAt: null, unpublishAt: null };
    expect(toArticleSummaryDto(draft)).toMatchObject({
      status: 'draft',
      publishedAt: null,
      publishAt: null,
      unpublishAt: null,
    });
    const scheduled = {
      ...sqliteRow,
      status: 'scheduled' as const,
      publishedAt: null,
      publishAt: '2027-01-01 09:00:00.000',
    };
    expect(toArticleSummaryDto(scheduled)).toMatchObject({
      status: 'scheduled',
      publishedAt: null,
      publishAt: '2027-01-01T09:00:00.000Z',
    });
  });

  it('should add the body to the full article, right after the description', () => {
    const article = toArticleDto(mysqlRow, []);
    expect(article.body).toBe('Text');
    expect(Object.keys(article).slice(0, 4)).toEqual(['slug', 'title', 'description', 'body']);
  });

  it('should show a new article as its author sees it: unfavorited, not followed, updated when created', () => {
    const createdAt = new Date('2026-11-30T12:00:00.000Z');
    const article = toNewArticleDto(
      {
        slug: 's',
        title: 'T',
        description: 'D',
        body: 'B',
        tagList: ['x'],
        createdAt,
        authorId: 7,
        status: 'published',
        publishedAt: createdAt,
        publishAt: null,
        unpublishAt: null,
      },
      { username: 'jake', bio: 'hi', image: null },
    );
    expect(article).toMatchObject({
      createdAt: createdAt.toISOString(),
      updatedAt: createdAt.toISOString(),
      status: 'published',
      publishedAt: createdAt.toISOString(),
      publishAt: null,
      unpublishAt: null,
      favorited: false,
      favoritesCount: 0,
      tagList: ['x'],
      author: { username: 'jake', bio: 'hi', image: null, following: false },
    });
  });
});
