import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from '../common/auth-user';
import type { ClientInfo } from '../common/client-info';
import { forbiddenWith, unauthorized } from '../common/errors/http-errors';
import { DomainEvents } from '../events/domain-events.service';
import { LoginLimiter } from '../rate-limit/login-limiter.service';
import type { Account, AccountChanges } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { EmailChangeService } from './account/email-change.service';
import { EmailConfirmationService } from './account/email-confirmation.service';
import { SignedIn, SignInFailed } from './auth.events';
import type { CompleteMfaRequestDto, MfaChallengeResponseDto } from './mfa/dto/mfa.dto';
import { MfaService } from './mfa/mfa.service';
import { LoginUserDto } from './dto/login-user.dto';
import { RegisterUserDto } from './dto/register-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { JwtPayload } from './jwt.strategy';
import { PasswordHasher } from './password-hasher.service';
import { SessionGrant, SessionsService } from './sessions/sessions.service';
import { IssuedTokens, toUserResponse } from './user.mapper';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly loginLimiter: LoginLimiter,
    private readonly events: DomainEvents,
    private readonly confirmations: EmailConfirmationService,
    private readonly emailChanges: EmailChangeService,
    private readonly mfa: MfaService,
  ) {}

  async register(dto: RegisterUserDto, client: ClientInfo): Promise<UserResponseDto> {
    const passwordHash = await this.passwords.hash(dto.password);
    const user = await this.users.create({ email: dto.email, username: dto.username, passwordHash });
    await this.confirmations.send(user.id, user.email);
    return this.signIn(user, 'registration', client);
  }

  /**
   * An unknown email and a wrong password answer alike, so the API does not reveal which accounts exist.
   * Failures are counted per account and per address; past the limit the answer is 429 until the window ends.
   */
  async login(dto: LoginUserDto, client: ClientInfo): Promise<UserResponseDto | MfaChallengeResponseDto> {
    await this.loginLimiter.begin(dto.email, client.address);
    const user = await this.users.findCredentials(dto.email);
    const valid = await this.passwords.verify(user?.passwordHash, dto.password);
    if (!user || !valid) {
      await this.events.publish(new SignInFailed(dto.email, user?.id ?? null, client, new Date()));
      throw unauthorized({ credentials: ['invalid'] });
    }
    if (user.suspended) throw forbiddenWith({ credentials: ['this account is suspended'] });
    await this.loginLimiter.succeeded(dto.email, client.address);
    if (await this.mfa.isEnabled(user.id)) return this.mfa.challenge(user.id);
    return this.signIn(user, 'password', client);
  }

  /** The second step of a sign-in with two factors: the login's challenge and a code open the session. */
  async completeMfa(dto: CompleteMfaRequestDto, client: ClientInfo): Promise<UserResponseDto> {
    const { userId, factor } = await this.mfa.complete(dto, client);
    const user = await this.users.findAccount(userId);
    if (!user || user.suspended) throw unauthorized({ challenge: ['is invalid or has expired'] });
    return this.signIn(user, factor, client);
  }

  async refresh(refreshToken: string | undefined, client: ClientInfo): Promise<UserResponseDto> {
    if (refreshToken === undefined) throw unauthorized({ refreshToken: ['is missing'] });
    const grant = await this.sessions.refresh(refreshToken, client);
    const user = await this.users.findAccount(grant.userId);
    if (!user || user.suspended) throw unauthorized({ refreshToken: ['is invalid'] });
    return toUserResponse(user, await this.tokensOf(user, grant));
  }

  logout(caller: AuthUser, client: ClientInfo): Promise<void> {
    return this.sessions.signOut(caller, client);
  }

  async findCurrent(caller: AuthUser): Promise<UserResponseDto> {
    const user = await this.users.findAccount(caller.id);
    if (!user) throw unauthorized({ token: ['is invalid'] });
    return toUserResponse(user, { token: caller.token });
  }

  /**
   * A new password signs out every other session: after the password is stored, so that a sign-in with the old
   * password racing the change cannot open a session that survives it. A new e-mail address replacing a confirmed one
   * is only asked for: a link goes to it, and the change applies when it is followed. The answer carries a fresh
   * token.
   */
  async update(caller: AuthUser, dto: UpdateUserDto, client: ClientInfo): Promise<UserResponseDto> {
    // Only an e-mail change needs the current account (most updates are bio and image).
    const current = dto.email !== undefined ? await this.users.findAccountOrFail(caller.id) : undefined;
    const newEmail = current !== undefined && dto.email !== current.email ? dto.email : undefined;
    if (dto.password !== undefined || newEmail !== undefined) await this.mfa.stepUp(caller.id, dto.mfaCode);
    // An address never confirmed protects nothing by waiting: it is replaced at once (and the new one is to be
    // confirmed), as RealWorld clients expect. A confirmed one changes only once the new one is confirmed.
    const emailNow = newEmail !== undefined && !current?.emailConfirmed ? newEmail : undefined;
    const user = await this.users.update(caller.id, await this.toChanges(dto, emailNow), client);
    if (dto.password !== undefined)
      await this.sessions.revokeAllBut(caller.id, caller.sessionId, 'password-changed', client);
    if (emailNow !== undefined) await this.confirmations.send(caller.id, emailNow);
    else if (newEmail !== undefined) await this.emailChanges.request(caller.id, newEmail);
    return toUserResponse(user, await this.accessToken(user, caller.sessionId));
  }

  private async signIn(
    user: Account,
    method: SignedIn['method'],
    client: ClientInfo,
  ): Promise<UserResponseDto> {
    const grant = await this.sessions.open(user.id, client);
    await this.events.publish(new SignedIn(user.id, grant.sessionId, method, client, new Date()));
    return toUserResponse(user, await this.tokensOf(user, grant));
  }

  private async tokensOf(user: Account, grant: SessionGrant): Promise<IssuedTokens> {
    return { ...(await this.accessToken(user, grant.sessionId)), refreshToken: grant.refreshToken };
  }

  private async accessToken(user: Account, sessionId: string): Promise<IssuedTokens> {
    const payload: JwtPayload = { sub: user.id, username: user.username, sid: sessionId };
    const token = await this.jwt.signAsync(payload);
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, tokenExpiresAt: new Date(exp * 1000) };
  }

  private async toChanges(dto: UpdateUserDto, email: string | undefined): Promise<AccountChanges> {
    const changes: AccountChanges = {};
    if (email !== undefined) changes.email = email;
    if (dto.username !== undefined) changes.username = dto.username;
    if (dto.bio !== undefined) changes.bio = dto.bio;
    if (dto.image !== undefined) changes.image = dto.image;
    if (dto.password !== undefined) changes.passwordHash = await this.passwords.hash(dto.password);
    return changes;
  }
}
