import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../../users/entities/user.entity';

/**
 * A user's TOTP authenticator: the shared secret, encrypted (AES-256-GCM, MFA_ENCRYPTION_KEY); enabled once the
 * user proved they hold it with a first code. last_step is the time step of the last code accepted: a code of that
 * step or an earlier one is refused, so a code cannot be replayed within its window.
 */
@Entity('mfa_totp')
export class MfaTotp {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'secret_ciphertext', type: 'varchar', length: 255 })
  secretCiphertext: string;

  @Column({ name: 'enabled_at', type: 'datetime', precision: 3, nullable: true })
  enabledAt: Date | null;

  @Column({ name: 'last_step', type: 'integer', default: 0 })
  lastStep: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_mfa_totp_user' })
  user?: User;
}
