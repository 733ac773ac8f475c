import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../../users/entities/user.entity';

export const SESSION_LABEL_MAX = 255;
export const ADDRESS_MAX = 64;

/**
 * One sign-in (a registration or a login) and every token issued within it: its access tokens name it (`sid`) and its
 * refresh tokens belong to it. Revoking it (sign-out, reuse of a refresh token, a password change elsewhere) makes
 * all of them fail at once.
 */
@Entity('sessions')
@Index('IDX_sessions_user', ['userId'])
export class Session {
  /** 16 random bytes, base64url. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** What the User-Agent says the client is ("Firefox on Linux"), for the owner's list of sessions. */
  @Column({ type: 'varchar', length: SESSION_LABEL_MAX })
  label: string;

  @Column({ type: 'varchar', length: ADDRESS_MAX })
  address: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3 })
  lastUsedAt: Date;

  /** When its refresh token stops working; moved forward by every refresh. */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  /** Why it ended: signed-out, revoked, refresh-reused, password-changed. */
  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sessions_user' })
  user?: User;
}
