import { Test } from '@nestjs/testing';
import { ResponseCache } from '../../cache/response-cache.service';
import { DomainEvents } from '../../events/domain-events.service';
import { EventsModule } from '../../events/events.module';
import { AccountClosed, UserUpdated } from '../../users/user.events';
import { ArticleChanged, ArticleDeleted, ArticleRestored, FavoriteChanged } from '../articles/article.events';
import { CommentAdded, CommentDeleted, CommentRestored } from '../comments/comment.events';
import { ContentCache } from './content-cache.service';

const at = new Date(0);
const article = { id: 3, slug: 'dragons', authorId: 7 };
const comment = { id: 1, authorId: 8, article: { id: 3, slug: 'dragons' } };

describe('ContentCache', () => {
  let invalidate: jest.Mock;
  let cache: ContentCache;

  beforeEach(() => {
    invalidate = jest.fn();
    cache = new ContentCache({ invalidate } as unknown as ResponseCache);
  });

  it.each([
    ['a new article', () => cache.articleCreated(), ['lists']],
    [
      'a changed article (old and new address)',
      () =>
        cache.articleChanged(
          new ArticleChanged({ ...article, slug: 'dragons-2' }, 'dragons', ['title'], 7, at),
        ),
      ['lists', 'article:dragons', 'article:dragons-2'],
    ],
    [
      'a deleted article',
      () => cache.articleToOrFromTrash(new ArticleDeleted(article, 7, at)),
      ['lists', 'article:dragons'],
    ],
    [
      'a restored article',
      () => cache.articleToOrFromTrash(new ArticleRestored(article, 7, at)),
      ['lists', 'article:dragons'],
    ],
    [
      'a favorite',
      () => cache.favoriteChanged(new FavoriteChanged({ id: 3, slug: 'dragons' }, 8, true, at)),
      ['lists', 'article:dragons'],
    ],
    ['a comment', () => cache.commentAdded(new CommentAdded(comment, at)), ['article:dragons']],
    [
      'a deleted comment',
      () => cache.commentToOrFromTrash(new CommentDeleted(comment, 8, at)),
      ['article:dragons'],
    ],
    [
      'a restored comment',
      () => cache.commentToOrFromTrash(new CommentRestored(comment, 8, at)),
      ['article:dragons'],
    ],
  ])('should retire what %s changes', async (_what, handle, scopes) => {
    await handle();
    expect(invalidate).toHaveBeenCalledWith(scopes);
  });

  it('should retire everything when a public profile changes, and nothing for a private change', async () => {
    await cache.userUpdated(new UserUpdated(7, ['email', 'password'], at));
    expect(invalidate).not.toHaveBeenCalled();
    await cache.userUpdated(new UserUpdated(7, ['image'], at));
    expect(invalidate).toHaveBeenCalledWith('all');
  });

  it('should retire everything when an account closes, as published on the bus: its content left every list', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [EventsModule],
      providers: [ContentCache, { provide: ResponseCache, useValue: { invalidate } }],
    }).compile();
    await moduleRef.init();
    try {
      await moduleRef.get(DomainEvents).publish(new AccountClosed(7, 'jake', at));
      expect(invalidate.mock.calls).toEqual([['all']]);
    } finally {
      await moduleRef.close();
    }
  });

  it('should file the reads under their scopes, and share them only with anonymous callers', async () => {
    const read = jest.fn(async () => 'cached');
    const readShared = jest.fn(async () => 'cached');
    const filed = new ContentCache({ read, readShared } as unknown as ResponseCache);
    const load = async (): Promise<string> => 'fresh';
    await filed.tags(load);
    await filed.article('dragons', 9, load);
    await filed.comments('dragons', undefined, load);
    await filed.articleList(['x', undefined, undefined, 20, 0], undefined, load);
    expect(read).toHaveBeenCalledWith('tags', 'lists', load);
    expect(readShared.mock.calls.map((call: unknown[]) => call.slice(0, 3))).toEqual([
      [9, 'article:dragons', 'article:dragons'],
      [undefined, 'comments:dragons', 'article:dragons'],
      [undefined, 'articles:["x",null,null,20,0]', 'lists'],
    ]);
  });
});
