import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { OptionalText, RequiredText } from '../../../common/validation/decorators';
import { PASSWORD_MAX } from '../../password-hasher.service';

export class TotpEnrolmentDto {
  @ApiProperty({
    description: 'The shared secret (base32), for apps that cannot scan',
    example: 'JBSWY3DPEHPK3PXP',
  })
  secret: string;

  @ApiProperty({ example: 'otpauth://totp/Folio:jake%40jake.jake?secret=JBSWY3DPEHPK3PXP&issuer=Folio' })
  otpauthUri: string;

  @ApiProperty({
    description: 'The otpauth URI as a QR code (a PNG data URL)',
    example: 'data:image/png;base64,…',
  })
  qrCode: string;
}

export class TotpEnrolmentResponseDto {
  @ApiProperty({ type: TotpEnrolmentDto })
  totp: TotpEnrolmentDto;
}

export class MfaCodeRequestDto {
  @ApiProperty({ description: 'The 6-digit code the authenticator app shows', example: '123456' })
  @RequiredText({ max: 16 })
  code: string;
}

export class RecoveryCodesResponseDto {
  @ApiProperty({
    type: [String],
    description: 'Ten single-use codes for when the authenticator is lost; shown once, stored hashed',
    example: ['3f9a1-c07be'],
  })
  recoveryCodes: string[];
}

export class DisableMfaRequestDto {
  @ApiProperty({ format: 'password' })
  @RequiredText({ max: PASSWORD_MAX })
  password: string;

  @ApiProperty({ description: 'A code of the authenticator, or a recovery code', example: '123456' })
  @RequiredText({ max: 16 })
  code: string;
}

export class MfaChallengeDto {
  @ApiProperty({
    description: 'Send it back with a code to POST /api/auth/mfa',
    example: 'q3Xv2m9cT0i8gk1ZpH4rLwAbCdEfGhIjKlMnOpQrStU',
  })
  challenge: string;

  @ApiProperty({ format: 'date-time', description: 'It works until then (5 minutes), once' })
  expiresAt: string;

  @ApiProperty({ type: [String], example: ['totp', 'recoveryCode'] })
  methods: string[];
}

/** What a login answers instead of the user when the account has two-factor sign-in on. */
export class MfaChallengeResponseDto {
  @ApiProperty({ type: MfaChallengeDto })
  mfa: MfaChallengeDto;
}

export class CompleteMfaRequestDto {
  @ApiProperty({ description: "The login answer's mfa.challenge" })
  @RequiredText({ max: 256 })
  challenge: string;

  @ApiPropertyOptional({
    description: 'The 6-digit code of the authenticator app (required unless recoveryCode is sent)',
    example: '123456',
  })
  @ValidateIf((dto: CompleteMfaRequestDto) => dto.recoveryCode === undefined)
  @RequiredText({ max: 16 })
  code?: string;

  @ApiPropertyOptional({
    description: 'Or one of the recovery codes (each works once)',
    example: '3f9a1-c07be',
  })
  @OptionalText({ max: 32 })
  recoveryCode?: string;
}
