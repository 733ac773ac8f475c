import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Session } from './session.entity';

/**
 * A refresh token, kept only as its SHA-256 (the token is 32 random bytes: a fast hash is enough). Each is good
 * once: using it sets used_at and issues the session's next one. A used one presented again means the token was
 * copied, and ends its session.
 */
@Entity('refresh_tokens')
@Index('IDX_refresh_tokens_session', ['sessionId'])
export class RefreshToken {
  /** Lower-case hex SHA-256 of the token. */
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'session_id', type: 'varchar', length: 32 })
  sessionId: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_refresh_tokens_session' })
  session?: Session;
}
