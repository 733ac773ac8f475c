import { TX } from '../../../test/support/unit-doubles';
import type { ContentCache } from '../cache/content-cache.service';
import type { TagsRepository } from './tags.repository';
import { TagsService } from './tags.service';

describe('TagsService', () => {
  let tags: jest.Mocked<TagsRepository>;
  let service: TagsService;
  const article = { id: 3, createdAt: new Date(0) };

  beforeEach(() => {
    tags = {
      findByNames: jest.fn(),
      insertMissing: jest.fn(),
      addToArticleCounts: jest.fn(),
      insertLinks: jest.fn(),
      findLinkedTagIds: jest.fn(),
      deleteLinks: jest.fn(),
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
    expect(tags.insertLinks).toHaveBeenCalledWith(3, [5, 2], article.createdAt, TX);
    expect(names).toEqual(['training', 'dragons']);
  });

  it('should insert nothing when every tag exists, and link a collated spelling to the stored tag once', async () => {
    tags.findByNames.mockResolvedValueOnce([{ id: 1, name: 'cafe' }]);
    expect(await service.link(article, ['café', 'cafe'], TX)).toEqual(['cafe']);
    expect(tags.insertMissing).not.toHaveBeenCalled();
    expect(tags.insertLinks).toHaveBeenCalledWith(3, [1], article.createdAt, TX);
  });

  it('should touch nothing for an article without tags', async () => {
    expect(await service.link(article, [], TX)).toEqual([]);
    tags.findLinkedTagIds.mockResolvedValueOnce([]);
    await service.unlink(3, TX);
    expect(tags.findByNames).not.toHaveBeenCalled();
    expect(tags.addToArticleCounts).not.toHaveBeenCalled();
    expect(tags.deleteLinks).not.toHaveBeenCalled();
  });

  it('should uncount and unlink every tag of an article', async () => {
    tags.findLinkedTagIds.mockResolvedValueOnce([2, 5]);
    await service.unlink(3, TX);
    expect(tags.addToArticleCounts).toHaveBeenCalledWith([2, 5], -1, TX);
    expect(tags.deleteLinks).toHaveBeenCalledWith(3, TX);
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
  });
});
