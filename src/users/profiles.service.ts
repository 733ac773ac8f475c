import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { unprocessable } from '../common/errors/http-errors';
import { ProfileResponseDto } from './dto/profile.dto';
import { Follow } from './entities/follow.entity';
import { toProfileDto } from './profile.mapper';
import { UsersService } from './users.service';

@Injectable()
export class ProfilesService {
  constructor(
    private readonly users: UsersService,
    @InjectRepository(Follow) private readonly follows: Repository<Follow>,
  ) {}

  async getProfile(username: string, viewerId?: number): Promise<ProfileResponseDto> {
    const user = await this.users.findByUsernameOrFail(username);
    const following = viewerId !== undefined && (await this.isFollowing(viewerId, user.id));
    return { profile: toProfileDto(user, following) };
  }

  async follow(username: string, followerId: number): Promise<ProfileResponseDto> {
    const target = await this.users.findByUsernameOrFail(username);
    if (target.id === followerId) throw unprocessable({ username: ['cannot follow yourself'] });
    // A repeated or concurrent follow is a no-op, never a duplicate row or a 500.
    await this.follows
      .createQueryBuilder()
      .insert()
      .values({ followerId, followingId: target.id, createdAt: new Date() })
      .orIgnore()
      .updateEntity(false)
      .execute();
    return { profile: toProfileDto(target, true) };
  }

  async unfollow(username: string, followerId: number): Promise<ProfileResponseDto> {
    const target = await this.users.findByUsernameOrFail(username);
    await this.follows.delete({ followerId, followingId: target.id });
    return { profile: toProfileDto(target, false) };
  }

  async isFollowing(followerId: number, followingId: number): Promise<boolean> {
    return this.follows.existsBy({ followerId, followingId });
  }
}
