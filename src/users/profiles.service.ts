import { Injectable } from '@nestjs/common';
import { notFound, unprocessable } from '../common/errors/http-errors';
import { isForeignKeyViolation } from '../database/db-errors';
import { DomainEvents } from '../events/domain-events.service';
import { ProfileResponseDto } from './dto/profile.dto';
import { FollowedAuthor, FollowsRepository } from './follows.repository';
import { toProfileDto } from './profile.mapper';
import { FollowChanged } from './user.events';
import { UsersService } from './users.service';

/** Profiles as others see them, and who follows whom. */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly users: UsersService,
    private readonly follows: FollowsRepository,
    private readonly events: DomainEvents,
  ) {}

  async findOne(username: string, viewerId?: number): Promise<ProfileResponseDto> {
    const user = await this.users.findProfileOrFail(username);
    const following = viewerId !== undefined && (await this.follows.exists(viewerId, user.id));
    return { profile: toProfileDto(user, following) };
  }

  async follow(username: string, followerId: number): Promise<ProfileResponseDto> {
    const target = await this.users.findProfileOrFail(username);
    if (target.id === followerId) throw unprocessable({ username: ['cannot follow yourself'] });
    // A repeated or concurrent follow is a no-op, never a duplicate row or a 500.
    const at = new Date();
    const added = await this.follows.insert(followerId, target.id, at).catch(profileGoneIsNotFound);
    if (added) await this.events.publish(new FollowChanged(followerId, target.id, true, at));
    // Nothing added: already followed, or (MySQL's INSERT IGNORE skips a missing parent too) the user is gone.
    else await this.users.findProfileOrFail(username);
    return { profile: toProfileDto(target, true) };
  }

  async unfollow(username: string, followerId: number): Promise<ProfileResponseDto> {
    const target = await this.users.findProfileOrFail(username);
    const at = new Date();
    if (await this.follows.delete(followerId, target.id))
      await this.events.publish(new FollowChanged(followerId, target.id, false, at));
    return { profile: toProfileDto(target, false) };
  }

  /** Whom a user follows, with each one's article count: what the feed is made of. */
  followedAuthors(followerId: number): Promise<FollowedAuthor[]> {
    return this.follows.findFollowedAuthors(followerId);
  }
}

/** The user was deleted between the lookup and the insert (SQLite reports the missing parent). */
function profileGoneIsNotFound(error: unknown): never {
  throw isForeignKeyViolation(error) ? notFound('profile') : error;
}
