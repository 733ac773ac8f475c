import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { GenerateSql } from '../database/generate-sql.decorator';
import type { SqlExecutor } from '../database/sql-executor';
import { fromSqlTimestamp, toSqlTimestamp } from '../database/timestamps';
import { isRole, type Role } from '../policy/roles';

/** An account as the API shows it to its owner (never the password hash). */
export interface Account {
  id: number;
  email: string;
  username: string;
  bio: string | null;
  image: string | null;
  emailConfirmed: boolean;
  role: Role;
  suspended: boolean;
}

/** The only shape that carries the password hash: for verifying a sign-in. */
export interface Credentials extends Account {
  passwordHash: string;
}

/** An account as admins see it. */
export interface AdminAccountRow extends Account {
  createdAt: Date;
  articlesCount: number;
}

export interface AccountFilter {
  role?: Role;
  suspended?: boolean;
  /** Part of the username or e-mail address. */
  search?: string;
  limit: number;
  offset: number;
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

const ACCOUNT =
  'id, email, username, bio, image, email_confirmed_at AS emailConfirmedAt, role, suspended_at AS suspendedAt';

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
      `INSERT INTO users (email, username, password_hash, bio, image, email_confirmed_at, role, suspended_at,
         articles_count, created_at, updated_at)
       VALUES (?, ?, ?, NULL, NULL, NULL, 'user', NULL, 0, ?, ?)`,
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
  async findAccountById(id: number, executor: SqlExecutor = this.db): Promise<Account | null> {
    const [row] = await executor.query<Account>(`SELECT ${ACCOUNT} FROM users WHERE id = ?`, [id]);
    return row ? toAccount(row) : null;
  }

  @GenerateSql({ params: ['jake@example.com'] })
  async findAccountByEmail(email: string): Promise<Account | null> {
    const [row] = await this.db.query<Account>(`SELECT ${ACCOUNT} FROM users WHERE email = ?`, [email]);
    return row ? toAccount(row) : null;
  }

  /** Sets a new password hash in the caller's transaction; answers whether the user exists. */
  @GenerateSql({ params: [1, '$argon2id$…', new Date(0)] })
  async setPassword(
    id: number,
    passwordHash: string,
    at: Date,
    executor: SqlExecutor = this.db,
  ): Promise<boolean> {
    const stamp = toSqlTimestamp(at);
    const { affectedRows } = await executor.execute(
      'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?',
      [passwordHash, stamp, id],
    );
    return affectedRows === 1;
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

  /** Marks `email` confirmed if it is still the user's address; answers whether it did. */
  @GenerateSql({ params: [1, 'jake@example.com', new Date(0)] })
  async confirmEmail(id: number, email: string, at: Date, executor: SqlExecutor = this.db): Promise<boolean> {
    const { affectedRows } = await executor.execute(
      'UPDATE users SET email_confirmed_at = ? WHERE id = ? AND email = ? AND email_confirmed_at IS NULL',
      [toSqlTimestamp(at), id, email],
    );
    return affectedRows === 1;
  }

  /** Sets a new address, confirmed (its owner followed the link mailed to it); answers whether the user exists. */
  @GenerateSql({ params: [1, 'jake@example.com', new Date(0)] })
  async changeEmail(id: number, email: string, at: Date, executor: SqlExecutor = this.db): Promise<boolean> {
    const stamp = toSqlTimestamp(at);
    const { affectedRows } = await executor.execute(
      'UPDATE users SET email = ?, email_confirmed_at = ?, updated_at = ? WHERE id = ?',
      [email, stamp, stamp, id],
    );
    return affectedRows === 1;
  }

  /** A page of accounts for admins, newest first, and how many match. */
  @GenerateSql({ params: [{ role: 'moderator', suspended: false, search: 'jake', limit: 20, offset: 0 }] })
  async findPage(filter: AccountFilter): Promise<{ accounts: AdminAccountRow[]; count: number }> {
    const { where, params } = accountConditions(filter);
    const rows = await this.db.query<AdminAccountRow & { createdAt: Date | string }>(
      `SELECT ${ACCOUNT}, created_at AS createdAt, articles_count AS articlesCount FROM users ${where}
       ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      [...params, filter.limit, filter.offset],
    );
    const [total] = await this.db.query<{ count: number }>(
      `SELECT COUNT(*) AS count FROM users ${where}`,
      params,
    );
    return { accounts: rows.map(toAdminAccount), count: Number(total?.count ?? 0) };
  }

  @GenerateSql({ params: ['jake'] })
  async findAdminAccountByUsername(username: string): Promise<AdminAccountRow | null> {
    const [row] = await this.db.query<AdminAccountRow & { createdAt: Date | string }>(
      `SELECT ${ACCOUNT}, created_at AS createdAt, articles_count AS articlesCount FROM users WHERE username = ?`,
      [username],
    );
    return row ? toAdminAccount(row) : null;
  }

  @GenerateSql({ params: [1, 'moderator'] })
  async setRole(id: number, role: Role): Promise<boolean> {
    const { affectedRows } = await this.db.execute('UPDATE users SET role = ? WHERE id = ?', [role, id]);
    return affectedRows === 1;
  }

  /** Suspends (a time) or restores (null) the account. */
  @GenerateSql({ name: 'suspend', params: [1, new Date(0)] }, { name: 'restore', params: [1, null] })
  async setSuspended(id: number, at: Date | null): Promise<boolean> {
    const { affectedRows } = await this.db.execute('UPDATE users SET suspended_at = ? WHERE id = ?', [
      at === null ? null : toSqlTimestamp(at),
      id,
    ]);
    return affectedRows === 1;
  }

  /** Counts an article in (+1) or out (-1) of its author's total, in the caller's transaction. */
  @GenerateSql({ params: [1, 1] })
  async addToArticleCount(userId: number, delta: 1 | -1, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute('UPDATE users SET articles_count = articles_count + ? WHERE id = ?', [
      delta,
      userId,
    ]);
  }

  /** Locks the account's row until the transaction ends; answers whether it exists. */
  @GenerateSql({ params: [1] })
  async lock(id: number, executor: SqlExecutor = this.db): Promise<boolean> {
    const rows = await executor.query(
      `SELECT 1 AS found FROM users WHERE id = ?${executor.dialect.forUpdate}`,
      [id],
    );
    return rows.length > 0;
  }

  /** Deletes the account; what it owns goes with it (the foreign keys cascade, or set who did it to NULL). */
  @GenerateSql({ params: [1] })
  async delete(id: number, executor: SqlExecutor = this.db): Promise<void> {
    await executor.execute('DELETE FROM users WHERE id = ?', [id]);
  }
}

function toAccount(row: Account & { emailConfirmedAt?: unknown; suspendedAt?: unknown }): Account {
  return {
    id: Number(row.id),
    email: row.email,
    username: row.username,
    bio: row.bio ?? null,
    image: row.image ?? null,
    emailConfirmed: row.emailConfirmedAt !== null && row.emailConfirmedAt !== undefined,
    role: isRole(row.role) ? row.role : 'user',
    suspended: row.suspendedAt !== null && row.suspendedAt !== undefined,
  };
}

function toAdminAccount(row: AdminAccountRow & { createdAt: Date | string }): AdminAccountRow {
  return {
    ...toAccount(row),
    createdAt: fromSqlTimestamp(row.createdAt),
    articlesCount: Number(row.articlesCount),
  };
}

/** The WHERE clause of an admin's filter; a search matches part of the username or e-mail, wildcards escaped. */
function accountConditions(filter: AccountFilter): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.role !== undefined) {
    conditions.push('role = ?');
    params.push(filter.role);
  }
  if (filter.suspended !== undefined)
    conditions.push(filter.suspended ? 'suspended_at IS NOT NULL' : 'suspended_at IS NULL');
  if (filter.search !== undefined) {
    // '!' escapes: a backslash is an escape character in MySQL's string literals and not in SQLite's.
    const pattern = `%${filter.search.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    conditions.push("(username LIKE ? ESCAPE '!' OR email LIKE ? ESCAPE '!')");
    params.push(pattern, pattern);
  }
  return { where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
}
