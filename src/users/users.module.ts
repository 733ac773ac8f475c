import { Module } from '@nestjs/common';
import { FollowsRepository } from './follows.repository';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [ProfilesController],
  providers: [UsersRepository, FollowsRepository, UsersService, ProfilesService],
  exports: [UsersService, ProfilesService],
})
export class UsersModule {}
