import { Module } from '@nestjs/common';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminUsersService } from './admin/admin-users.service';
import { FollowsRepository } from './follows.repository';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [ProfilesController, AdminUsersController],
  providers: [UsersRepository, FollowsRepository, UsersService, ProfilesService, AdminUsersService],
  exports: [UsersService, ProfilesService, AdminUsersService],
})
export class UsersModule {}
