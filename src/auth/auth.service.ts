import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from '../common/auth-user';
import { unauthorized } from '../common/errors/http-errors';
import { LoginLimiter } from '../rate-limit/login-limiter.service';
import type { Account, AccountChanges } from '../users/users.repository';
import { UsersService } from '../users/users.service';
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
    private readonly loginLimiter: LoginLimiter,
  ) {}

  async register(dto: RegisterUserDto): Promise<UserResponseDto> {
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.users.create({ email: dto.email, username: dto.username, passwordHash });
    return toUserResponse(user, await this.issueToken(user, newSessionId()));
  }

  /**
   * An unknown email and a wrong password answer alike, so the API does not reveal which accounts exist.
   * Failures are counted per account and per address; past the limit the answer is 429 until the window ends.
   */
  async login(dto: LoginUserDto, address: string): Promise<UserResponseDto> {
    await this.loginLimiter.begin(dto.email, address);
    const user = await this.users.findCredentials(dto.email);
    const valid = await this.passwords.verify(user?.passwordHash, dto.password);
    if (!user || !valid) throw unauthorized({ credentials: ['invalid'] });
    await this.loginLimiter.succeeded(dto.email, address);
    return toUserResponse(user, await this.issueToken(user, newSessionId()));
  }

  async findCurrent(caller: AuthUser): Promise<UserResponseDto> {
    const user = await this.users.findAccount(caller.id);
    if (!user) throw unauthorized({ token: ['is invalid'] });
    return toUserResponse(user, caller.token);
  }

  /** The answer carries a fresh token of the caller's session (the old one stops working if the password changed). */
  async update(caller: AuthUser, dto: UpdateUserDto): Promise<UserResponseDto> {
    const user = await this.users.update(caller.id, await this.toChanges(dto, caller.sessionId));
    return toUserResponse(user, await this.issueToken(user, caller.sessionId));
  }

  private async toChanges(dto: UpdateUserDto, sessionId: string): Promise<AccountChanges> {
    const changes: AccountChanges = {};
    if (dto.email !== undefined) changes.email = dto.email;
    if (dto.username !== undefined) changes.username = dto.username;
    if (dto.bio !== undefined) changes.bio = dto.bio;
    if (dto.image !== undefined) changes.image = dto.image;
    if (dto.password !== undefined) {
      changes.passwordHash = await this.passwords.hash(dto.password);
      changes.passwordSessionId = sessionId;
    }
    return changes;
  }

  private issueToken(user: Account, sessionId: string): Promise<string> {
    const payload: JwtPayload = {
      sub: user.id,
      username: user.username,
      ver: user.tokenVersion,
      sid: sessionId,
    };
    return this.jwt.signAsync(payload);
  }
}

function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}
