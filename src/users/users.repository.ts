import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { GenerateSql } from '../database/generate-sql.decorator';
import type { SqlExecutor } from '../database/sql-executor';
import { toSqlTimestamp } from '../database/timestamps';

/** An account as the API shows it to its owner (never the password hash). */
export interface Account {
  id: number;
  email: string;
  username: string;
  bio: string | null;
  image: string | null;
  /** Carried in every token; raised by a password change, which revokes the tokens issued before. */
  tokenVersion: number;
}

/** The only shape that carries the password hash: for verifying a sign-in. */
export interface Credentials extends Account {
  passwordHash: string;
}

/** What token validation needs and the public profile, read on every authenticated request. */
export interface AuthState {
  id: number;
  tokenVersion: number;
  passwordSessionId: string | null;
  username: string;
  bio: string | null;
  image: string | null;
}

/** A user as others see them. */
export interface ProfileRow {
  id: number;
  username: string;
  bio: string | null;
  image: string | null;
}

export interface NewUserRow {
  email: string;
  username: string;
  passwordHash: string;
  createdAt: Date;
}

/** The columns an account update may set; a new password also raises the token version. */
export interface AccountChanges {
  email?: string;
  username?: string;
  passwordHash?: string;
  /** With passwordHash: the session making the change, which stays signed in. */
  passwordSessionId?: string;
  bio?: string | null;
  image?: string | null;
}

const SETTABLE_COLUMNS: Record<keyof AccountChanges, string> = {
  email: 'email',
  username: 'username',
  passwordHash: 'password_hash',
  passwordSessionId: 'password_session_id',
  bio: 'bio',
  image: 'image',
};

const ACCOUNT = 'id, email, username, bio, image, token_version AS tokenVersion';

/** The users table. Unique emails and usernames are the indexes' job: callers translate their violations. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  @GenerateSql({
    params: [
      { email: 'jake@example.com', username: 'jake', passwordHash: '$argon2id$…', createdAt: new Date(0) },
    ],
  })
  async insert(user: NewUserRow): Promise<number> {
    const at = toSqlTimestamp(user.createdAt);
    const { insertId } = await this.db.execute(
      `INSERT INTO users (email, username, password_hash, bio, image, token_version, password_session_id,
         articles_count, created_at, updated_at)
       VALUES (?, ?, ?, NULL, NULL, 0, NULL, 0, ?, ?)`,
      [user.email, user.username, user.passwordHash, at, at],
    );
    return insertId;
  }

  /** Sets the given columns (and updated_at); answers whether the user exists. */
  @GenerateSql(
    { name: 'profile', params: [1, { bio: 'I like to skateboard', image: null }, new Date(0)] },
    {
      name: 'password',
      params: [1, { passwordHash: '$argon2id$…', passwordSessionId: 'session' }, new Date(0)],
    },
  )
  async update(id: number, changes: AccountChanges, at: Date): Promise<boolean> {
    const fields = (Object.keys(SETTABLE_COLUMNS) as (keyof AccountChanges)[]).filter(
      (field) => changes[field] !== undefined,
    );
    const assignments = fields.map((field) => `${SETTABLE_COLUMNS[field]} = ?`);
    if (changes.passwordHash !== undefined) assignments.push('token_version = token_version + 1');
    const { affectedRows } = await this.db.execute(
      `UPDATE users SET ${[...assignments, 'updated_at = ?'].join(', ')} WHERE id = ?`,
      [...fields.map((field) => changes[field]), toSqlTimestamp(at), id],
    );
    return affectedRows > 0;
  }

  @GenerateSql({ params: [1] })
  async findAccountById(id: number): Promise<Account | null> {
    const [row] = await this.db.query<Account>(`SELECT ${ACCOUNT} FROM users WHERE id = ?`, [id]);
    return row ? toAccount(row) : null;
  }

  @GenerateSql({ params: ['jake@example.com'] })
  async findCredentialsByEmail(email: string): Promise<Credentials | null> {
    const [row] = await this.db.query<Credentials>(
      `SELECT ${ACCOUNT}, password_hash AS passwordHash FROM users WHERE email = ?`,
      [email],
    );
    return row ? { ...toAccount(row), passwordHash: row.passwordHash } : null;
  }

  @GenerateSql({ params: [1] })
  async findAuthState(id: number): Promise<AuthState | null> {
    const [row] = await this.db.query<AuthState>(
      `SELECT id, token_version AS tokenVersion, password_session_id AS passwordSessionId, username, bio, image
       FROM users WHERE id = ?`,
      [id],
    );
    return row ? { ...row, id: Number(row.id), tokenVersion: Number(row.tokenVersion) } : null;
  }

  /** Usernames compare case-insensitively on every engine (the column's collation). */
  @GenerateSql({ params: ['jake'] })
  async findProfileByUsername(username: string): Promise<ProfileRow | null> {
    const [row] = await this.db.query<ProfileRow>(
      'SELECT id, username, bio, image FROM users WHERE username = ?',
      [username],
    );
    return row ? { ...row, id: Number(row.id) } : null;
  }

  /** Counts an article in (+1) or out (-1) of its author's total, in the caller's transaction. */
  @GenerateSql({ params: [1, 1] })
  async addToArticleCount(userId: number, delta: 1 | -1, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute('UPDATE users SET articles_count = articles_count + ? WHERE id = ?', [
      delta,
      userId,
    ]);
  }
}

function toAccount(row: Account): Account {
  return {
    id: Number(row.id),
    email: row.email,
    username: row.username,
    bio: row.bio ?? null,
    image: row.image ?? null,
    tokenVersion: Number(row.tokenVersion),
  };
}
