import { HttpException, HttpStatus } from '@nestjs/common';
import { ARTICLE_LIST_FIELDS, parseFields, pickFields } from './article-fields';
import type { ArticleSummaryDto } from './dto/article-response.dto';

const MESSAGE = {
  fields: [
    'must name fields among slug, title, description, tagList, createdAt, updatedAt, favorited, favoritesCount, ' +
      'author, status, publishedAt, publishAt, unpublishAt',
  ],
};

/** The 422 body parseFields throws, or a failure when it returns. */
function errorsOf(fields: string): unknown {
  try {
    parseFields(fields);
  } catch (error) {
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    return ((error as HttpException).getResponse() as { errors: unknown }).errors;
  }
  throw new Error('expected a 422');
}

const article: ArticleSummaryDto = {
  slug: 'how-to-train-your-dragon',
  title: 'How to train your dragon',
  description: 'Ever wonder how?',
  tagList: ['dragons', 'training'],
  createdAt: '2026-11-30T10:00:00.123Z',
  updatedAt: '2026-11-30T11:00:00.456Z',
  favorited: false,
  favoritesCount: 0,
  author: { username: 'jake', bio: null, image: null, following: false },
  status: 'published',
  publishedAt: '2026-11-30T10:00:00.123Z',
  publishAt: null,
  unpublishAt: null,
};

describe('parseFields', () => {
  it('should mean every field when fields is absent', () => {
    expect(parseFields(undefined)).toBeUndefined();
  });

  it('should read comma-separated names, trimmed, in the order given', () => {
    expect(parseFields('slug,title')).toEqual(['slug', 'title']);
    expect(parseFields(' author ,  slug,createdAt ')).toEqual(['author', 'slug', 'createdAt']);
  });

  it('should skip empty names between commas when some name is left', () => {
    expect(parseFields('slug,,title,')).toEqual(['slug', 'title']);
    expect(parseFields(', slug ,')).toEqual(['slug']);
  });

  it('should keep a repeated name as given (picking it twice is harmless)', () => {
    expect(parseFields('slug,slug')).toEqual(['slug', 'slug']);
  });

  it('should accept every documented field, all at once', () => {
    expect(parseFields(ARTICLE_LIST_FIELDS.join(','))).toEqual([...ARTICLE_LIST_FIELDS]);
    for (const field of ARTICLE_LIST_FIELDS) expect(parseFields(field)).toEqual([field]);
  });

  it('should offer every field of a list summary, and not the body', () => {
    expect([...ARTICLE_LIST_FIELDS].sort()).toEqual(Object.keys(article).sort());
    expect(ARTICLE_LIST_FIELDS).not.toContain('body');
  });

  it.each([
    ['an unknown field', 'slug,nope'],
    ['the body (not in lists)', 'body'],
    ['a field in the wrong case', 'Slug'],
    ['a nested field', 'author.username'],
    ['a prototype member', 'constructor'],
    ['a space-separated list', 'slug title'],
  ])('should refuse %s with the documented message', (_name, fields) => {
    expect(errorsOf(fields)).toEqual(MESSAGE);
  });

  it.each(['', ' ', ',', ' , ,'])('should refuse a fields naming nothing (%j)', (fields) => {
    expect(errorsOf(fields)).toEqual(MESSAGE);
  });
});

describe('pickFields', () => {
  it('should give the article itself without fields', () => {
    expect(pickFields(article, undefined)).toBe(article);
  });

  it('should keep only the named fields, in their order', () => {
    const picked = pickFields(article, ['title', 'slug']);
    expect(picked).toEqual({ title: 'How to train your dragon', slug: 'how-to-train-your-dragon' });
    expect(Object.keys(picked)).toEqual(['title', 'slug']);
  });

  it('should keep null values and whole nested objects', () => {
    expect(pickFields(article, ['publishAt', 'author', 'tagList'])).toEqual({
      publishAt: null,
      author: { username: 'jake', bio: null, image: null, following: false },
      tagList: ['dragons', 'training'],
    });
  });

  it('should keep false and zero', () => {
    expect(pickFields(article, ['favorited', 'favoritesCount'])).toEqual({
      favorited: false,
      favoritesCount: 0,
    });
  });

  it('should give every field when every field is named, and leave the article untouched', () => {
    const copy = structuredClone(article);
    expect(pickFields(article, [...ARTICLE_LIST_FIELDS])).toEqual(article);
    expect(pickFields(article, ['slug'])).not.toBe(article);
    expect(article).toEqual(copy);
  });

  it('should pick what parseFields reads', () => {
    expect(pickFields(article, parseFields(' slug , status '))).toEqual({
      slug: 'how-to-train-your-dragon',
      status: 'published',
    });
    expect(pickFields(article, parseFields(undefined))).toBe(article);
  });
});
