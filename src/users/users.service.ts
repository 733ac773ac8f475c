import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ResponseCache } from '../cache/response-cache.service';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../database/db-errors';
import { conflict, notFound } from '../common/errors/http-errors';
import { User } from './entities/user.entity';

export interface NewUser {
  email: string;
  username: string;
  passwordHash: string;
}

export interface UserChanges {
  email?: string;
  username?: string;
  passwordHash?: string;
  /** With passwordHash: the session making the change, which stays signed in. */
  passwordSessionId?: string;
  bio?: string | null;
  image?: string | null;
}

const UNIQUE_FIELDS = [
  { field: 'email', index: 'UQ_users_email', columns: ['email'] },
  { field: 'username', index: 'UQ_users_username', columns: ['username'] },
];

/** The users table: accounts are created and changed here, and a taken email or username is a 409, even under races. */
export type AuthState = Pick<
  User,
  'id' | 'tokenVersion' | 'passwordSessionId' | 'username' | 'bio' | 'image'
>;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly cache: ResponseCache,
  ) {}

  async create(fields: NewUser): Promise<User> {
    const now = new Date();
    const user = this.users.create({
      ...fields,
      bio: null,
      image: null,
      tokenVersion: 0,
      passwordSessionId: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      return await this.users.save(user);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /** A new password also raises the token version, which signs out every other session's tokens. */
  async update(id: number, changes: UserChanges): Promise<User> {
    const tokenVersion = changes.passwordHash ? () => 'token_version + 1' : undefined;
    try {
      await this.users.update(
        { id },
        { ...changes, ...(tokenVersion && { tokenVersion }), updatedAt: new Date() },
      );
    } catch (error) {
      throw translateUniqueViolation(error);
    }
    // Articles and comments show their author's profile.
    if (changes.username !== undefined || changes.bio !== undefined || changes.image !== undefined)
      await this.cache.invalidate('all');
    return this.findByIdOrFail(id);
  }

  async findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** What token validation needs and the public profile, read by primary key on every authenticated request. */
  async findAuthState(id: number): Promise<AuthState | null> {
    const [row] = await this.users.manager.query<AuthState[]>(
      `SELECT id, token_version AS tokenVersion, password_session_id AS passwordSessionId, username, bio, image
       FROM users WHERE id = ?`,
      [id],
    );
    return row
      ? {
          id: Number(row.id),
          tokenVersion: Number(row.tokenVersion),
          passwordSessionId: row.passwordSessionId,
          username: row.username,
          bio: row.bio,
          image: row.image,
        }
      : null;
  }

  async findByIdOrFail(id: number): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw notFound('user');
    return user;
  }

  async findByUsernameOrFail(username: string): Promise<User> {
    const user = await this.users.findOneBy({ username });
    if (!user) throw notFound('profile');
    return user;
  }

  /** The only read that loads the password hash; used to verify a login. */
  async findByEmailWithPassword(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
  }
}

function translateUniqueViolation(error: unknown): unknown {
  const taken = UNIQUE_FIELDS.find(({ index, columns }) => isUniqueViolation(error, { index, columns }));
  return taken ? conflict({ [taken.field]: ['has already been taken'] }) : error;
}
