import { feedFilter, listFilter } from './article-filter';
import { ListArticlesQueryDto } from './dto/list-articles-query.dto';

const query = (fields: Partial<ListArticlesQueryDto>): ListArticlesQueryDto =>
  Object.assign(new ListArticlesQueryDto(), fields);

describe('listFilter', () => {
  it('should read every article when no filter is given', () => {
    expect(listFilter(query({}))).toEqual({ kind: 'all' });
  });

  it('should read a tag alone from its own index, with the name normalised', () => {
    expect(listFilter(query({ tag: '  Dragons ' }))).toEqual({ kind: 'tag', tag: 'dragons' });
  });

  it('should read an author alone from its own index, with the username as given', () => {
    expect(listFilter(query({ author: 'Jake' }))).toEqual({ kind: 'author', author: 'Jake' });
  });

  it('should combine any other set of filters', () => {
    expect(listFilter(query({ favorited: 'jake' }))).toEqual({
      kind: 'combined',
      tag: undefined,
      author: undefined,
      favorited: 'jake',
    });
    expect(listFilter(query({ tag: 'X', author: 'jake' }))).toEqual({
      kind: 'combined',
      tag: 'x',
      author: 'jake',
      favorited: undefined,
    });
  });

  it('should treat an empty tag as a filter, not as no filter', () => {
    expect(listFilter(query({ tag: '' }))).toEqual({ kind: 'tag', tag: '' });
  });
});

describe('feedFilter', () => {
  const page = { limit: 20, offset: 40 };

  it('should take only authors who wrote something, reaching as deep as the page ends', () => {
    const followed = [
      { id: 3, articles: 5 },
      { id: 4, articles: 0 },
      { id: 9, articles: 12 },
    ];
    expect(feedFilter(7, followed, page)).toEqual({
      filter: { kind: 'feed', followerId: 7, authorIds: [3, 9], reach: 60 },
      total: 17,
    });
  });

  it('should give an empty feed to a reader who follows nobody', () => {
    expect(feedFilter(7, [], page)).toEqual({
      filter: { kind: 'feed', followerId: 7, authorIds: [], reach: 60 },
      total: 0,
    });
  });
});
