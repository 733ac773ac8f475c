import { fakeEvents, foreignKeyViolation, rejection } from '../../test/support/unit-doubles';
import { notFound } from '../common/errors/http-errors';
import type { FollowsRepository } from './follows.repository';
import { ProfilesService } from './profiles.service';
import { FollowChanged } from './user.events';
import type { UsersService } from './users.service';

const jake = { id: 4, username: 'jake', bio: 'bio', image: null };

describe('ProfilesService', () => {
  let follows: jest.Mocked<FollowsRepository>;
  let users: jest.Mocked<UsersService>;
  let events: ReturnType<typeof fakeEvents>;
  let service: ProfilesService;

  beforeEach(() => {
    follows = {
      insert: jest.fn().mockResolvedValue(true),
      delete: jest.fn().mockResolvedValue(true),
      exists: jest.fn().mockResolvedValue(true),
    } as unknown as jest.Mocked<FollowsRepository>;
    users = { findProfileOrFail: jest.fn().mockResolvedValue(jake) } as unknown as jest.Mocked<UsersService>;
    events = fakeEvents();
    service = new ProfilesService(users, follows, events);
  });

  it('should refuse to let users follow themselves, writing nothing', async () => {
    expect(await rejection(service.follow('jake', 4))).toEqual({
      status: 422,
      body: { errors: { username: ['cannot follow yourself'] } },
    });
    expect(follows.insert).not.toHaveBeenCalled();
  });

  it('should publish FollowChanged only when a follow or an unfollow changed something', async () => {
    await service.follow('jake', 9);
    follows.insert.mockResolvedValueOnce(false);
    await service.follow('jake', 9);
    follows.delete.mockResolvedValueOnce(false);
    await service.unfollow('jake', 9);
    expect(events.published).toEqual([expect.any(FollowChanged)]);
    expect(events.published[0]).toMatchObject({ followerId: 9, followingId: 4, following: true, actorId: 9 });
  });

  it('should answer 404 when the user is deleted while being followed, on either engine', async () => {
    // SQLite reports the missing parent; MySQL's INSERT IGNORE skips the row, and the second lookup finds nobody.
    follows.insert.mockRejectedValueOnce(foreignKeyViolation());
    expect((await rejection(service.follow('jake', 9))).status).toBe(404);
    follows.insert.mockResolvedValueOnce(false);
    users.findProfileOrFail.mockResolvedValueOnce(jake).mockRejectedValueOnce(notFound('profile'));
    expect(await rejection(service.follow('jake', 9))).toEqual({
      status: 404,
      body: { errors: { profile: ['not found'] } },
    });
    expect(events.published).toEqual([]);
  });

  it('should answer the profile as the caller now sees it', async () => {
    expect(await service.follow('jake', 9)).toEqual({ profile: { ...jakeProfile(), following: true } });
    expect(await service.unfollow('jake', 9)).toEqual({ profile: { ...jakeProfile(), following: false } });
  });

  it('should not look follows up for an anonymous viewer', async () => {
    expect((await service.findOne('jake')).profile.following).toBe(false);
    expect(follows.exists).not.toHaveBeenCalled();
    expect((await service.findOne('jake', 9)).profile.following).toBe(true);
  });
});

function jakeProfile(): { username: string; bio: string | null; image: string | null } {
  return { username: jake.username, bio: jake.bio, image: jake.image };
}
