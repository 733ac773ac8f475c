import { articleChanges } from './article-changes';
import type { StoredArticle } from './articles.repository';

const stored: StoredArticle = {
  id: 1,
  slug: 'dragons',
  title: 'Dragons',
  description: 'About dragons',
  body: 'Text',
  authorId: 7,
  editedBy: 7,
  deletedAt: null,
  deletedBy: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  status: 'published',
  publishedAt: new Date(0),
  listedAt: new Date(0),
  publishAt: null,
  unpublishAt: null,
};

describe('articleChanges', () => {
  it('should find nothing to change in an empty update', () => {
    expect(articleChanges(stored, undefined, {})).toEqual({ columns: {}, fields: [] });
  });

  it('should find nothing to change when every field repeats its current value', () => {
    const dto = { title: 'Dragons', description: 'About dragons', body: 'Text', tagList: ['a', 'b'] };
    expect(articleChanges(stored, ['a', 'b'], dto)).toEqual({ columns: {}, fields: [] });
  });

  it('should keep only the fields whose values differ', () => {
    expect(articleChanges(stored, undefined, { title: 'Dragons', body: 'New text' })).toEqual({
      columns: { body: 'New text' },
      fields: ['body'],
    });
  });

  it('should treat a reordered, longer or emptied tag list as a change', () => {
    expect(articleChanges(stored, ['a', 'b'], { tagList: ['b', 'a'] }).tagList).toEqual(['b', 'a']);
    expect(articleChanges(stored, ['a'], { tagList: ['a', 'b'] }).fields).toEqual(['tagList']);
    expect(articleChanges(stored, ['a'], { tagList: [] })).toEqual({
      columns: {},
      tagList: [],
      fields: ['tagList'],
    });
  });

  it('should leave the workflow fields to the workflow: a status or a schedule alone changes no column', () => {
    const dto = { status: 'draft' as const, publishAt: new Date(1), unpublishAt: null };
    expect(articleChanges(stored, undefined, dto)).toEqual({ columns: {}, fields: [] });
  });

  it('should compare tags with an article that has none', () => {
    expect(articleChanges(stored, undefined, { tagList: [] })).toEqual({ columns: {}, fields: [] });
  });
});
