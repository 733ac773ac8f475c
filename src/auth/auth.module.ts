import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { authConfig } from '../config/configuration';
import { JobsModule } from '../jobs/jobs.module';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { AccountMails } from './account/account-mails';
import { AccountTokensRepository } from './account/account-tokens.repository';
import { AccountTokens } from './account/account-tokens.service';
import { AccountController } from './account/account.controller';
import { EmailChangeService } from './account/email-change.service';
import { EmailConfirmationService } from './account/email-confirmation.service';
import { PasswordResetService } from './account/password-reset.service';
import { PolicyGuard } from '../policy/policy.guard';
import { EmailConfirmedGuard } from './email-confirmed.guard';
import { MfaController } from './mfa/mfa.controller';
import { MfaRepository } from './mfa/mfa.repository';
import { MfaService } from './mfa/mfa.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher.service';
import { RefreshCookieInterceptor } from './sessions/refresh-cookie';
import { SessionsModule } from './sessions/sessions.module';

@Module({
  imports: [
    UsersModule,
    SessionsModule,
    JobsModule,
    MailModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        privateKey: config.jwtSigningKey,
        publicKey: config.jwtVerifyingKey,
        signOptions: { algorithm: config.jwtAlgorithm, expiresIn: config.jwtExpiresIn },
        verifyOptions: { algorithms: [config.jwtAlgorithm] },
      }),
    }),
  ],
  controllers: [AuthController, AccountController, MfaController],
  providers: [
    AuthService,
    PasswordHasher,
    JwtStrategy,
    AccountTokensRepository,
    AccountTokens,
    AccountMails,
    EmailConfirmationService,
    EmailChangeService,
    PasswordResetService,
    MfaRepository,
    MfaService,
    // In this order: the token guard establishes the caller, then the e-mail guard may turn its writes away, then
    // the policy decides the routes that only some roles may use.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: EmailConfirmedGuard },
    { provide: APP_GUARD, useClass: PolicyGuard },
    { provide: APP_INTERCEPTOR, useClass: RefreshCookieInterceptor },
  ],
  exports: [PasswordHasher, MfaService],
})
export class AuthModule {}
