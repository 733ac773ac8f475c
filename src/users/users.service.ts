import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '../common/client-info';
import { conflict, notFound } from '../common/errors/http-errors';
import { isUniqueViolation } from '../database/db-errors';
import { Database } from '../database/database.service';
import type { Transaction } from '../database/sql-executor';
import { DomainEvents } from '../events/domain-events.service';
import { AccountClosed, AccountClosing, AccountField, UserRegistered, UserUpdated } from './user.events';
import { Account, AccountChanges, Credentials, ProfileRow, UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  username: string;
  passwordHash: string;
}

const UNIQUE_FIELDS = [
  { field: 'email', index: 'UQ_users_email', columns: ['email'] },
  { field: 'username', index: 'UQ_users_username', columns: ['username'] },
];

/** Accounts are created and changed here; a taken email or username is a 409, even under races. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly events: DomainEvents,
    private readonly database: Database,
  ) {}

  /** Answers from what it wrote: a new account has no bio and no image. */
  async create(fields: NewUser): Promise<Account> {
    const at = new Date();
    const id = await this.users.insert({ ...fields, createdAt: at }).catch((error: unknown) => {
      throw translateUniqueViolation(error);
    });
    await this.events.publish(new UserRegistered(id, fields.username, at));
    return {
      id,
      email: fields.email,
      username: fields.username,
      bio: null,
      image: null,
      emailConfirmed: false,
      role: 'user',
      suspended: false,
    };
  }

  /**
   * Deletes the account and everything it owns in one transaction; subscribers of AccountClosing keep the counters
   * of what goes exact in it. Its sessions go too, so every token of it stops working.
   */
  async close(account: Pick<Account, 'id' | 'username'>, client: ClientInfo | null = null): Promise<void> {
    const at = new Date();
    await this.database.transaction(async (tx) => {
      if (!(await this.users.lock(account.id, tx))) throw notFound('user');
      await this.events.publishWithin(tx, new AccountClosing(account.id, at));
      await this.users.delete(account.id, tx);
    });
    await this.events.publish(new AccountClosed(account.id, account.username, at, client));
  }

  /** Changes nothing (not even updatedAt) when there is nothing to change. */
  async update(id: number, changes: AccountChanges, client: ClientInfo | null = null): Promise<Account> {
    const fields = changedFields(changes);
    if (fields.length === 0) return this.findAccountOrFail(id);
    const at = new Date();
    const found = await this.users.update(id, changes, at).catch((error: unknown) => {
      throw translateUniqueViolation(error);
    });
    if (!found) throw notFound('user');
    await this.events.publish(new UserUpdated(id, fields, at, client));
    return this.findAccountOrFail(id);
  }

  /** In the caller's transaction when given one. */
  async findAccountOrFail(id: number, tx?: Transaction): Promise<Account> {
    const account = await this.users.findAccountById(id, tx);
    if (!account) throw notFound('user');
    return account;
  }

  findAccount(id: number): Promise<Account | null> {
    return this.users.findAccountById(id);
  }

  async findProfileOrFail(username: string): Promise<ProfileRow> {
    const profile = await this.users.findProfileByUsername(username);
    if (!profile) throw notFound('profile');
    return profile;
  }

  findAccountByEmail(email: string): Promise<Account | null> {
    return this.users.findAccountByEmail(email);
  }

  /** A new password (a reset), in the caller's transaction. */
  async setPassword(id: number, passwordHash: string, at: Date, tx: Transaction): Promise<void> {
    if (!(await this.users.setPassword(id, passwordHash, at, tx))) throw notFound('user');
  }

  /** The only read that carries the password hash; used to verify a sign-in. */
  findCredentials(email: string): Promise<Credentials | null> {
    return this.users.findCredentialsByEmail(email);
  }

  /** Marks the address confirmed, in the caller's transaction, if it is still the user's. */
  confirmEmail(id: number, email: string, at: Date, tx: Transaction): Promise<boolean> {
    return this.users.confirmEmail(id, email, at, tx);
  }

  /** Applies a confirmed e-mail change in the caller's transaction; 409 when the address was taken meanwhile. */
  async changeEmail(id: number, email: string, at: Date, tx: Transaction): Promise<void> {
    const found = await this.users.changeEmail(id, email, at, tx).catch((error: unknown) => {
      throw translateUniqueViolation(error);
    });
    if (!found) throw notFound('user');
  }

  /** Keeps the author's article count exact as content writes articles, inside the content's transaction. */
  countArticle(userId: number, delta: 1 | -1, tx: Transaction): Promise<void> {
    return this.users.addToArticleCount(userId, delta, tx);
  }
}

function changedFields(changes: AccountChanges): AccountField[] {
  const fields: AccountField[] = [];
  if (changes.email !== undefined) fields.push('email');
  if (changes.username !== undefined) fields.push('username');
  if (changes.passwordHash !== undefined) fields.push('password');
  if (changes.bio !== undefined) fields.push('bio');
  if (changes.image !== undefined) fields.push('image');
  return fields;
}

function translateUniqueViolation(error: unknown): unknown {
  const taken = UNIQUE_FIELDS.find(({ index, columns }) => isUniqueViolation(error, { index, columns }));
  return taken ? conflict({ [taken.field]: ['has already been taken'] }) : error;
}
