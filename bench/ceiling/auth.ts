import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { signToken, tokenFromHeader, verifyToken } from '../lib/jwt';
import type { Db } from './db';
import { envelope, HttpError, requiredText } from './http';

/** The signed-in caller, with what the handlers need of its profile. */
export interface Viewer {
  id: number;
  username: string;
  bio: string | null;
  image: string | null;
}

interface UserRow extends Viewer {
  email: string;
  tokenVersion: number;
  passwordSessionId: string | null;
  passwordHash?: string;
}

export interface UserJson {
  user: { email: string; token: string; username: string; bio: string | null; image: string | null };
}

const USER_COLUMNS =
  'id, email, username, bio, image, token_version AS tokenVersion, password_session_id AS passwordSessionId';

/** Tokens as Folio issues and checks them: HS256, claims sub/username/ver/sid, the account's token version. */
export class Auth {
  private decoy?: Promise<string>;

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly expiresInSeconds: number,
  ) {}

  /** The caller, or undefined for an anonymous one; `required` turns a missing or bad token into a 401. */
  async viewer(req: IncomingMessage, required: boolean): Promise<Viewer | undefined> {
    const token = tokenFromHeader(req.headers.authorization);
    const viewer = token ? await this.check(token) : undefined;
    if (viewer || !required) return viewer;
    throw new HttpError(401, { token: [token ? 'is invalid' : 'is missing'] });
  }

  async login(body: unknown): Promise<UserJson> {
    const fields = envelope(body, 'user');
    const email = requiredText(fields, 'email', 254).trim().toLowerCase();
    const password = requiredText(fields, 'password', 128);
    const [user] = await this.db.all<UserRow>(
      `SELECT ${USER_COLUMNS}, password_hash AS passwordHash FROM users WHERE email = ?`,
      [email],
    );
    if (!user || !(await this.verify(user.passwordHash, password)))
      throw new HttpError(401, { credentials: ['invalid'] });
    const sid = randomBytes(16).toString('base64url');
    const claims = { sub: user.id, username: user.username, ver: user.tokenVersion, sid };
    const token = signToken(claims, this.secret, this.expiresInSeconds);
    return {
      user: { email: user.email, token, username: user.username, bio: user.bio, image: user.image },
    };
  }

  private async check(token: string): Promise<Viewer | undefined> {
    const claims = verifyToken(token, this.secret);
    if (!claims) return undefined;
    const [user] = await this.db.all<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [claims.sub]);
    if (!user) return undefined;
    if (claims.ver !== user.tokenVersion && claims.sid !== user.passwordSessionId) return undefined;
    return { id: user.id, username: user.username, bio: user.bio, image: user.image };
  }

  private async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoyHash()), password);
    } catch {
      return false;
    }
  }

  /**
   * Verified against for an unknown email, so both failures cost the same (as in Folio); hashed with the
   * parameters of the stored hashes, whatever Folio's current ones are.
   */
  private decoyHash(): Promise<string> {
    this.decoy ??= this.db
      .all<{ hash: string }>('SELECT password_hash AS hash FROM users LIMIT 1')
      .then(([row]) => argon2.hash('decoy password never used', argon2Options(row?.hash)));
    return this.decoy;
  }
}

function argon2Options(hash: string | undefined): argon2.Options & { raw?: false } {
  const match = /\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash ?? '');
  if (!match) return { type: argon2.argon2id };
  const [memoryCost, timeCost, parallelism] = match.slice(1).map(Number);
  return { type: argon2.argon2id, memoryCost, timeCost, parallelism };
}
