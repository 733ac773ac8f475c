import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PerEngine } from '../../database/per-engine.decorator';
import type { Role } from '../../policy/roles';

export const USERNAME_MAX = 64;
export const EMAIL_MAX = 254;
export const IMAGE_MAX = 2048;
export const BIO_MAX = 4000;

@Entity('users')
@Index('UQ_users_email', ['email'], { unique: true })
@Index('UQ_users_username', ['username'], { unique: true })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stored trimmed and lower-cased, so uniqueness is case-insensitive on every engine. */
  @Column({ type: 'varchar', length: EMAIL_MAX })
  email: string;

  /** Compared case-insensitively on every engine: MySQL's utf8mb4_unicode_ci already does; NOCASE folds ASCII. */
  @Column({ type: 'varchar', length: USERNAME_MAX })
  @PerEngine({ sqlite: { collation: 'NOCASE' } })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'text', nullable: true })
  bio: string | null;

  @Column({ type: 'varchar', length: IMAGE_MAX, nullable: true })
  image: string | null;

  /** When the owner followed the confirmation link mailed to `email`; null until then (and after a change). */
  @Column({ name: 'email_confirmed_at', type: 'datetime', precision: 3, nullable: true })
  emailConfirmedAt: Date | null;

  /** user, moderator or admin (see policy/roles.ts). */
  @Column({ type: 'varchar', length: 16, default: 'user' })
  role: Role;

  /** When an admin suspended the account: it cannot sign in and its sessions are ended; its content stays. */
  @Column({ name: 'suspended_at', type: 'datetime', precision: 3, nullable: true })
  suspendedAt: Date | null;

  /** How many articles the user has written, kept exact by article creation and deletion. */
  @Column({ name: 'articles_count', type: 'integer', default: 0 })
  articlesCount: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
