import { TX } from '../../../test/support/unit-doubles';
import type { ContentCache } from '../cache/content-cache.service';
import type { TagsRepository } from './tags.repository';
import { TagsService } from './tags.service';

describe('TagsService', () => {
  let tags: jest.Mocked<TagsRepository>;
  let service: TagsService;
  /** A published article's links carry its list sort key; a draft's carry null and count nowhere. */
  const article = { id: 3, listedAt: new Date(0) };
  const draft = { id: 3, listedAt: null };

  beforeEach(() => {
    tags = {
      findByNames: jest.fn(),
      insertMissing: jest.fn(),
      addToArticleCounts: jest.fn(),
      insertLinks: jest.fn(),
      findLinkedTagIds: jest.fn(),
      deleteLinks: jest.fn(),
      setListedAt: jest.fn(),
      findLinkedNames: jest.fn(),
      findNamesInUse: jest.fn(),
    } as unknown as jest.Mocked<TagsRepository>;
    service = new TagsService(tags, {} as ContentCache);
  });

  it('should create only the missing names, then count and link every tag in the given order', async () => {
    tags.findByNames.mockResolvedValueOnce([{ id: 2, name: 'dragons' }]).mockResolvedValueOnce([
      { id: 2, name: 'dragons' },
      { id: 5, name: 'training' },
    ]);
    const names = await service.link(article, ['training', 'dragons'], TX);
    expect(tags.insertMissing).toHaveBeenCalledWith(['training'], TX);
    expect(tags.addToArticleCounts).toHaveBeenCalledWith([5, 2], 1, TX);
    expect(tags.insertLinks).toHaveBeenCalledWith(3, [5, 2], article.listedAt, TX);
    expect(names).toEqual(['training', 'dragons']);
  });

  it('should insert nothing when every tag exists, and link a collated spelling to the stored tag once', async () => {
    tags.findByNames.mockResolvedValueOnce([{ id: 1, name: 'cafe' }]);
    expect(await service.link(article, ['café', 'cafe'], TX)).toEqual(['cafe']);
    expect(tags.insertMissing).not.toHaveBeenCalled();
    expect(tags.insertLinks).toHaveBeenCalledWith(3, [1], article.listedAt, TX);
  });

  it("should link a draft's tags unlisted, counting it in no tag", async () => {
    tags.findByNames.mockResolvedValueOnce([{ id: 2, name: 'dragons' }]);
    expect(await service.link(draft, ['dragons'], TX)).toEqual(['dragons']);
    expect(tags.addToArticleCounts).not.toHaveBeenCalled();
    expect(tags.insertLinks).toHaveBeenCalledWith(3, [2], null, TX);
  });

  it('should touch nothing for an article without tags', async () => {
    expect(await service.link(article, [], TX)).toEqual([]);
    tags.findLinkedTagIds.mockResolvedValue([]);
    await service.unlink(article, TX);
    await service.setListed(draft, new Date(1), TX);
    expect(tags.findByNames).not.toHaveBeenCalled();
    expect(tags.addToArticleCounts).not.toHaveBeenCalled();
    expect(tags.deleteLinks).not.toHaveBeenCalled();
    expect(tags.setListedAt).not.toHaveBeenCalled();
  });

  it('should uncount and unlink every tag of an article', async () => {
    tags.findLinkedTagIds.mockResolvedValueOnce([2, 5]);
    await service.unlink(article, TX);
    expect(tags.findLinkedTagIds).toHaveBeenCalledWith(3, TX);
    expect(tags.addToArticleCounts).toHaveBeenCalledWith([2, 5], -1, TX);
    expect(tags.deleteLinks).toHaveBeenCalledWith(3, TX);
  });

  it("should unlink a draft's tags without uncounting them: it was never counted", async () => {
    tags.findLinkedTagIds.mockResolvedValueOnce([2, 5]);
    await service.unlink(draft, TX);
    expect(tags.addToArticleCounts).not.toHaveBeenCalled();
    expect(tags.deleteLinks).toHaveBeenCalledWith(3, TX);
  });

  it('should replace the tags as the article is listed: uncount the old, count the new, only when listed', async () => {
    tags.findLinkedTagIds.mockResolvedValue([2]);
    tags.findByNames.mockResolvedValue([{ id: 5, name: 'training' }]);
    await service.replace(article, ['training'], TX);
    expect(tags.addToArticleCounts.mock.calls).toEqual([
      [[2], -1, TX],
      [[5], 1, TX],
    ]);
    expect(tags.insertLinks).toHaveBeenCalledWith(3, [5], article.listedAt, TX);
    tags.addToArticleCounts.mockClear();
    await service.replace(draft, ['training'], TX);
    expect(tags.addToArticleCounts).not.toHaveBeenCalled();
    expect(tags.insertLinks).toHaveBeenLastCalledWith(3, [5], null, TX);
  });

  it('should count the tags in and copy the sort key to the links when an article is published', async () => {
    tags.findLinkedTagIds.mockResolvedValueOnce([2, 5]);
    const listedAt = new Date('2026-05-01T00:00:00.000Z');
    await service.setListed(draft, listedAt, TX);
    expect(tags.addToArticleCounts).toHaveBeenCalledWith([2, 5], 1, TX);
    expect(tags.setListedAt).toHaveBeenCalledWith(3, listedAt, TX);
  });

  it("should count the tags out and clear the links' sort key when an article leaves the lists", async () => {
    tags.findLinkedTagIds.mockResolvedValueOnce([2, 5]);
    await service.setListed(article, null, TX);
    expect(tags.addToArticleCounts).toHaveBeenCalledWith([2, 5], -1, TX);
    expect(tags.setListedAt).toHaveBeenCalledWith(3, null, TX);
  });

  it('should only move the sort key of an article listed before and after', async () => {
    tags.findLinkedTagIds.mockResolvedValueOnce([2]);
    await service.setListed(article, new Date(5), TX);
    expect(tags.addToArticleCounts).not.toHaveBeenCalled();
    expect(tags.setListedAt).toHaveBeenCalledWith(3, new Date(5), TX);
  });

  it('should group linked names by article, in their order, with an empty list for untagged ones', async () => {
    tags.findLinkedNames.mockResolvedValueOnce([
      { articleId: 1, name: 'b' },
      { articleId: 1, name: 'a' },
    ]);
    expect(await service.namesByArticle([1, 2])).toEqual(
      new Map([
        [1, ['b', 'a']],
        [2, []],
      ]),
    );
    expect(tags.findLinkedNames).toHaveBeenCalledWith([1, 2], undefined);
  });

  it('should read the linked names through a given transaction (an edit keeping the version it replaces)', async () => {
    tags.findLinkedNames.mockResolvedValueOnce([{ articleId: 3, name: 'dragons' }]);
    expect(await service.namesByArticle([3], TX)).toEqual(new Map([[3, ['dragons']]]));
    expect(tags.findLinkedNames).toHaveBeenCalledWith([3], TX);
  });
});
