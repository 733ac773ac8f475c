import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import type { AuthUser } from '../../common/auth-user';
import type { ClientInfo } from '../../common/client-info';
import { conflict, forbiddenWith, unauthorized, unprocessable } from '../../common/errors/http-errors';
import { mfaConfig } from '../../config/configuration';
import { Database } from '../../database/database.service';
import { DomainEvents } from '../../events/domain-events.service';
import { JobRunner } from '../../jobs/job-runner.service';
import { LoginLimiter } from '../../rate-limit/login-limiter.service';
import { UsersService } from '../../users/users.service';
import { SignInFailed } from '../auth.events';
import { PasswordHasher } from '../password-hasher.service';
import { isSecretTokenShaped, newSecretToken, secretTokenHash } from '../secret-token';
import type {
  CompleteMfaRequestDto,
  MfaChallengeResponseDto,
  RecoveryCodesResponseDto,
  TotpEnrolmentResponseDto,
} from './dto/mfa.dto';
import { MfaChanged } from './mfa.events';
import { MfaRepository, type TotpState } from './mfa.repository';
import { SecretBox } from './secret-box';
import { acceptedStep, newTotpSecret, totpQrCode, totpUri } from './totp';

const RECOVERY_CODES = 10;
const INVALID_CHALLENGE = { challenge: ['is invalid or has expired'] };

/** How a sign-in's second step was passed. */
export type SecondFactor = 'totp' | 'recovery-code';

/**
 * Two-factor sign-in with TOTP (RFC 6238, otplib): enrolment, the login challenge, recovery codes, and the fresh
 * code that changing the e-mail address or the password needs while it is on (step-up).
 */
@Injectable()
export class MfaService implements OnModuleInit {
  private readonly box: SecretBox;

  constructor(
    private readonly mfa: MfaRepository,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly runner: JobRunner,
    private readonly database: Database,
    private readonly events: DomainEvents,
    @Inject(mfaConfig.KEY) private readonly config: ConfigType<typeof mfaConfig>,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  onModuleInit(): void {
    this.runner.every('mfa-challenges.purge', 3_600_000, async () => {
      await this.mfa.deleteExpiredChallenges(new Date());
    });
  }

  async isEnabled(userId: number): Promise<boolean> {
    return (await this.mfa.findTotp(userId))?.enabled ?? false;
  }

  /** A new secret to scan; it works only once confirmed with a first code. */
  async enrol(caller: AuthUser): Promise<TotpEnrolmentResponseDto> {
    const account = await this.users.findAccountOrFail(caller.id);
    const secret = newTotpSecret();
    const saved = await this.database.transaction((tx) =>
      this.mfa.savePending(caller.id, this.box.seal(secret), new Date(), tx),
    );
    if (!saved) throw conflict({ mfa: ['is already enabled'] });
    const otpauthUri = totpUri(secret, account.email);
    return { totp: { secret, otpauthUri, qrCode: await totpQrCode(otpauthUri) } };
  }

  /** The first code enables the authenticator and answers the recovery codes, once. */
  async confirm(caller: AuthUser, code: string, client: ClientInfo): Promise<RecoveryCodesResponseDto> {
    const state = await this.mfa.findTotp(caller.id);
    if (!state) throw unprocessable({ mfa: ['enrol first (POST /api/user/mfa/totp)'] });
    if (state.enabled) throw conflict({ mfa: ['is already enabled'] });
    const step = await acceptedStep(this.box.open(state.secretCiphertext), code.trim(), state.lastStep);
    if (step === null) throw unprocessable({ code: ['is invalid'] });
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    const at = new Date();
    const enabled = await this.database.transaction(async (tx) => {
      if (!(await this.mfa.useStep(caller.id, step, at, tx))) return false;
      await this.mfa.replaceRecoveryCodes(caller.id, recoveryCodes.map(recoveryCodeHash), tx);
      return true;
    });
    if (!enabled) throw unprocessable({ code: ['is invalid'] });
    await this.events.publish(new MfaChanged(caller.id, true, client, at));
    return { recoveryCodes };
  }

  /** Needs the password and a code (of the authenticator, or a recovery code). */
  async disable(caller: AuthUser, password: string, code: string, client: ClientInfo): Promise<void> {
    const account = await this.users.findAccountOrFail(caller.id);
    const credentials = await this.users.findCredentials(account.email);
    if (!(await this.passwords.verify(credentials?.passwordHash, password)))
      throw unprocessable({ password: ['is wrong'] });
    const totp = await this.mfa.findTotp(caller.id);
    if (!totp?.enabled) throw unprocessable({ mfa: ['is not enabled'] });
    if (!(await this.passes(caller.id, totp, code))) throw unprocessable({ code: ['is invalid'] });
    await this.database.transaction((tx) => this.mfa.removeTotp(caller.id, tx));
    await this.events.publish(new MfaChanged(caller.id, false, client, new Date()));
  }

  async challenge(userId: number): Promise<MfaChallengeResponseDto> {
    const token = newSecretToken();
    const at = new Date();
    const expiresAt = new Date(at.getTime() + this.config.challengeTtlMs);
    await this.mfa.insertChallenge(secretTokenHash(token), userId, at, expiresAt);
    return {
      mfa: { challenge: token, expiresAt: expiresAt.toISOString(), methods: ['totp', 'recoveryCode'] },
    };
  }

  /**
   * The second step of a sign-in: answers whose it is once a code passes. Wrong codes are counted per challenge
   * (dead after a few) and per account (the sign-in limiter: 429 past its limit).
   */
  async complete(
    dto: CompleteMfaRequestDto,
    client: ClientInfo,
  ): Promise<{ userId: number; factor: SecondFactor }> {
    const hash = isSecretTokenShaped(dto.challenge) ? secretTokenHash(dto.challenge) : null;
    const state = hash === null ? null : await this.mfa.findChallenge(hash);
    if (!hash || !state || state.used || state.expiresAt <= new Date()) throw unauthorized(INVALID_CHALLENGE);
    if (state.failedAttempts >= this.config.challengeAttempts) throw unauthorized(INVALID_CHALLENGE);
    const account = `mfa:${state.userId}`;
    await this.limiter.begin(account, client.address);
    const factor = await this.checkFactor(state.userId, dto);
    if (!factor) {
      await this.mfa.countFailedAttempt(hash);
      await this.events.publish(new SignInFailed(null, state.userId, client, new Date()));
      throw unauthorized({ code: ['is invalid'] });
    }
    if (!(await this.mfa.useChallenge(hash, new Date()))) throw unauthorized(INVALID_CHALLENGE);
    await this.limiter.succeeded(account, client.address);
    return { userId: state.userId, factor };
  }

  /**
   * While two-factor sign-in is on, changing the e-mail address or the password needs a fresh code too: a stolen
   * session alone cannot take the account over.
   */
  async stepUp(userId: number, code: string | undefined): Promise<void> {
    const totp = await this.mfa.findTotp(userId);
    if (!totp?.enabled) return;
    if (code === undefined || code === '')
      throw forbiddenWith({ mfaCode: ['is required: two-factor sign-in is on for this account'] });
    if (!(await this.passes(userId, totp, code))) throw forbiddenWith({ mfaCode: ['is invalid'] });
  }

  private async checkFactor(userId: number, dto: CompleteMfaRequestDto): Promise<SecondFactor | null> {
    if (dto.code)
      return (await this.passesTotp(userId, await this.mfa.findTotp(userId), dto.code)) ? 'totp' : null;
    return dto.recoveryCode && (await this.passesRecoveryCode(userId, dto.recoveryCode))
      ? 'recovery-code'
      : null;
  }

  /** A code of the authenticator (used up) or else a recovery code (used up). */
  private async passes(userId: number, totp: TotpState, code: string): Promise<boolean> {
    return (await this.passesTotp(userId, totp, code)) || this.passesRecoveryCode(userId, code);
  }

  private async passesTotp(userId: number, state: TotpState | null, code: string): Promise<boolean> {
    if (!state?.enabled) return false;
    const step = await acceptedStep(this.box.open(state.secretCiphertext), code.trim(), state.lastStep);
    return step !== null && this.mfa.useStep(userId, step, null);
  }

  private passesRecoveryCode(userId: number, code: string): Promise<boolean> {
    return this.mfa.useRecoveryCode(userId, recoveryCodeHash(code), new Date());
  }
}

/** Ten hexadecimal characters in two groups: `3f9a1-c07be`. */
function newRecoveryCode(): string {
  const hex = randomBytes(5).toString('hex');
  return `${hex.slice(0, 5)}-${hex.slice(5)}`;
}

/** Case, spaces and dashes do not matter when a recovery code is typed back. */
function recoveryCodeHash(code: string): string {
  return secretTokenHash(code.toLowerCase().replace(/[^0-9a-z]/g, ''));
}
