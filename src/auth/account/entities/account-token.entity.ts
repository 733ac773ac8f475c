import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EMAIL_MAX, User } from '../../../users/entities/user.entity';

export const ACCOUNT_TOKEN_PURPOSES = ['email-confirmation', 'password-reset', 'email-change'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * A token mailed in a link: it confirms an address, resets a password or applies an e-mail change. Stored only as
 * its SHA-256; good once (used_at) and until expires_at.
 */
@Entity('account_tokens')
@Index('IDX_account_tokens_user', ['userId'])
export class AccountToken {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 24 })
  purpose: AccountTokenPurpose;

  /** The address the link was mailed to: the one it confirms, or the new one of an e-mail change. */
  @Column({ type: 'varchar', length: EMAIL_MAX })
  email: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_account_tokens_user' })
  user?: User;
}
