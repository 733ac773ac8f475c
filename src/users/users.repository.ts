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
}

/** The only shape that carries the password hash: for verifying a sign-in. */
export interface Credentials extends Account {
  passwordHash: string;
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

/** The columns an account update may set. */
export interface AccountChanges {
  email?: string;
  username?: string;
  passwordHash?: string;
  bio?: string | null;
  image?: string | null;
}

const SETTABLE_COLUMNS: Record<keyof AccountChanges, string> = {
  email: 'email',
  username: 'username',
  passwordHash: 'password_hash',
  bio: 'bio',
  image: 'image',
};

const ACCOUNT = 'id, email, username, bio, image';

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
      `INSERT INTO users (email, username, password_hash, bio, image, articles_count, created_at, updated_at)
       VALUES (?, ?, ?, NULL, NULL, 0, ?, ?)`,
      [user.email, user.username, user.passwordHash, at, at],
    );
    return insertId;
  }

  /** Sets the given columns (and updated_at); answers whether the user exists. */
  @GenerateSql(
    { name: 'profile', params: [1, { bio: 'I like to skateboard', image: null }, new Date(0)] },
    {
      name: 'password',
      params: [1, { passwordHash: '$argon2id$…' }, new Date(0)],
    },
  )
  async update(id: number, changes: AccountChanges, at: Date): Promise<boolean> {
    const fields = (Object.keys(SETTABLE_COLUMNS) as (keyof AccountChanges)[]).filter(
      (field) => changes[field] !== undefined,
    );
    const assignments = fields.map((field) => `${SETTABLE_COLUMNS[field]} = ?`);
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
  };
}
