import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from '../common/auth-user';
import { unauthorized } from '../common/errors/http-errors';
import type { User } from '../users/entities/user.entity';
import { UserChanges, UsersService } from '../users/users.service';
import { LoginUserDto } from './dto/login-user.dto';
import { RegisterUserDto } from './dto/register-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { JwtPayload } from './jwt.strategy';
import { PasswordHasher } from './password-hasher.service';
import { toUserResponse } from './user.mapper';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  async register(dto: RegisterUserDto): Promise<UserResponseDto> {
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.users.create({ email: dto.email, username: dto.username, passwordHash });
    return toUserResponse(user, await this.issueToken(user));
  }

  /** An unknown email and a wrong password answer alike, so the API does not reveal which accounts exist. */
  async login(dto: LoginUserDto): Promise<UserResponseDto> {
    const user = await this.users.findByEmailWithPassword(dto.email);
    const valid = await this.passwords.verify(user?.passwordHash, dto.password);
    if (!user || !valid) throw unauthorized({ credentials: ['invalid'] });
    return toUserResponse(user, await this.issueToken(user));
  }

  async currentUser(caller: AuthUser): Promise<UserResponseDto> {
    const user = await this.users.findById(caller.id);
    if (!user) throw unauthorized({ token: ['is invalid'] });
    return toUserResponse(user, caller.token);
  }

  async updateUser(caller: AuthUser, dto: UpdateUserDto): Promise<UserResponseDto> {
    const user = await this.users.update(caller.id, await this.toChanges(dto));
    return toUserResponse(user, await this.issueToken(user));
  }

  private async toChanges(dto: UpdateUserDto): Promise<UserChanges> {
    const changes: UserChanges = {};
    if (dto.email !== undefined) changes.email = dto.email;
    if (dto.username !== undefined) changes.username = dto.username;
    if (dto.bio !== undefined) changes.bio = dto.bio;
    if (dto.image !== undefined) changes.image = dto.image;
    if (dto.password !== undefined) changes.passwordHash = await this.passwords.hash(dto.password);
    return changes;
  }

  private issueToken(user: User): Promise<string> {
    const payload: JwtPayload = { sub: user.id, username: user.username };
    return this.jwt.signAsync(payload);
  }
}
