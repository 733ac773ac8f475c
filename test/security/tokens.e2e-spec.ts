import { generateKeyPairSync, KeyObject } from 'node:crypto';
import request from 'supertest';
import { auth, registerUser, RegisteredUser } from '../support/factories';
import { decodePayload, nowSeconds, signAsymmetric, signHs256, unsigned } from '../support/jwt';
import { createTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

const INVALID = { errors: { token: ['is invalid'] } };

function currentUser(t: TestApp, token: string): request.Test {
  return request(t.http).get('/api/user').set('Authorization', `Token ${token}`);
}

function signIn(t: TestApp, user: { email: string; password: string }): Promise<string> {
  return request(t.http)
    .post('/api/users/login')
    .send({ user: { email: user.email, password: user.password } })
    .expect(200)
    .then((res) => res.body.user.token as string);
}

const header = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));

const pem = (key: KeyObject, type: 'spki' | 'pkcs8'): string =>
  key.export({ type, format: 'pem' }).toString();

interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const rsaKeys = (): KeyPair => generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecKeys = (): KeyPair => generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('Tokens (e2e)', () => {
  describe('with HS256 (the default)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ JWT_ALGORITHM: 'HS256' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('should accept a token forged with the right secret, so that the refusals below are about one flaw each', async () => {
      const user = await registerUser(t);
      const res = await currentUser(t, signHs256(decodePayload(user.token), TEST_JWT_SECRET)).expect(200);
      expect(res.body.user.username).toBe(user.username);
    });

    it('should answer 401 {"errors":{"token":[...]}} for alg "none", whatever its spelling or signature', async () => {
      const user = await registerUser(t);
      const payload = decodePayload(user.token);
      const signature = user.token.split('.')[2];
      const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
      const forgeries = [
        unsigned(payload),
        `${encode({ alg: 'None', typ: 'JWT' })}.${encode(payload)}.`,
        `${encode({ alg: 'NONE', typ: 'JWT' })}.${encode(payload)}.`,
        `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.${signature}`,
        `${encode({ alg: 'none' })}.${user.token.split('.')[1]}.`,
      ];
      for (const token of forgeries) await currentUser(t, token).expect(401, INVALID);
    });

    it('should answer 401 for a token signed with another secret', async () => {
      const user = await registerUser(t);
      const forged = signHs256(decodePayload(user.token), 'another-secret-of-the-same-length-0123');
      await currentUser(t, forged).expect(401, INVALID);
    });

    it("should answer 401 for a tampered payload (another user's sub) under the original signature", async () => {
      const [victim, attacker] = [await registerUser(t), await registerUser(t)];
      const [headerPart, , signature] = attacker.token.split('.');
      const claims = { ...decodePayload(attacker.token), sub: decodePayload(victim.token).sub };
      const tampered = `${headerPart}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      await currentUser(t, tampered).expect(401, INVALID);
      await currentUser(t, attacker.token).expect(200);
    });

    it('should answer 401 "has expired" for an expired token, and accept the same claims unexpired', async () => {
      const user = await registerUser(t);
      const claims = decodePayload(user.token);
      const expired = signHs256(
        { ...claims, iat: nowSeconds() - 120, exp: nowSeconds() - 60 },
        TEST_JWT_SECRET,
      );
      await currentUser(t, expired).expect(401, { errors: { token: ['has expired'] } });
      const fresh = signHs256({ ...claims, iat: nowSeconds(), exp: nowSeconds() + 60 }, TEST_JWT_SECRET);
      await currentUser(t, fresh).expect(200);
    });

    it('should answer 401 for the token of a deleted user, on reads and writes', async () => {
      const user = await registerUser(t);
      await currentUser(t, user.token).expect(200);
      await t.dataSource.query('DELETE FROM users WHERE username = ?', [user.username]);
      await currentUser(t, user.token).expect(401, INVALID);
      await request(t.http)
        .post('/api/articles')
        .set(...auth(user))
        .send({ article: { title: 'Ghost', description: 'd', body: 'b' } })
        .expect(401, INVALID);
    });

    it('should answer 401, never 500, for a well-signed token whose claims are malformed', async () => {
      const user = await registerUser(t);
      const claims = decodePayload(user.token);
      const malformed = [
        { ...claims, sub: `${String(claims.sub)} OR 1=1` },
        { ...claims, sub: String(claims.sub) },
        { ...claims, sub: 1e308 },
        { ...claims, sub: -1 },
        { ...claims, sub: null },
        { ...claims, sid: 42 },
        { ...claims, sid: undefined },
        { ...claims, sid: `${String(claims.sid)}' OR '1'='1` },
        { ...claims, sid: 'x'.repeat(5000) },
      ];
      for (const payload of malformed) {
        const res = await currentUser(t, signHs256(payload, TEST_JWT_SECRET));
        expect({ payload, status: res.status, body: res.body }).toEqual({
          payload,
          status: 401,
          body: INVALID,
        });
      }
    });

    describe('after a password change', () => {
      let user: RegisteredUser;
      let otherSession: string;
      let changed: string;

      beforeAll(async () => {
        user = await registerUser(t);
        const changingSession = await signIn(t, user);
        otherSession = await signIn(t, user);
        // A change that is not the password leaves every session signed in.
        await request(t.http)
          .put('/api/user')
          .set('Authorization', `Token ${changingSession}`)
          .send({ user: { bio: 'still here' } })
          .expect(200);
        await currentUser(t, otherSession).expect(200);
        const res = await request(t.http)
          .put('/api/user')
          .set('Authorization', `Token ${changingSession}`)
          .send({ user: { password: 'a-brand-new-password' } })
          .expect(200);
        changed = res.body.user.token;
      });

      it("should refuse the tokens of every other session, the registration's included", async () => {
        await currentUser(t, otherSession).expect(401, INVALID);
        await currentUser(t, user.token).expect(401, INVALID);
        await request(t.http)
          .post('/api/articles')
          .set('Authorization', `Token ${otherSession}`)
          .send({ article: { title: 'Stolen', description: 'd', body: 'b' } })
          .expect(401, INVALID);
      });

      it('should keep the changing session signed in with the token it got back, for reads and writes', async () => {
        const res = await currentUser(t, changed).expect(200);
        expect(res.body.user).toMatchObject({ username: user.username, bio: 'still here' });
        await request(t.http)
          .put('/api/user')
          .set('Authorization', `Token ${changed}`)
          .send({ user: { bio: 'after the change' } })
          .expect(200);
      });

      it('should sign in with the new password only, and accept the new sessions', async () => {
        await request(t.http)
          .post('/api/users/login')
          .send({ user: { email: user.email, password: user.password } })
          .expect(401);
        const fresh = await signIn(t, { email: user.email, password: 'a-brand-new-password' });
        await currentUser(t, fresh).expect(200);
      });
    });
  });

  describe.each([
    { algorithm: 'RS256' as const, keys: rsaKeys, other: ecKeys },
    { algorithm: 'ES256' as const, keys: ecKeys, other: rsaKeys },
  ])('with $algorithm key pairs', ({ algorithm, keys, other }) => {
    let t: TestApp;
    const { privateKey, publicKey } = keys();
    const publicPem = pem(publicKey, 'spki');

    beforeAll(async () => {
      t = await createTestApp({
        JWT_ALGORITHM: algorithm,
        // The private key on one line with literal "\n", as an env file carries it; the public one as is.
        JWT_PRIVATE_KEY: pem(privateKey, 'pkcs8').replace(/\n/g, '\\n'),
        JWT_PUBLIC_KEY: publicPem,
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it(`should register, sign in and authenticate end to end with ${algorithm} tokens`, async () => {
      const user = await registerUser(t);
      expect(header(user.token).alg).toBe(algorithm);
      await currentUser(t, user.token).expect(200);
      const token = await signIn(t, user);
      expect(header(token).alg).toBe(algorithm);
      const updated = await request(t.http)
        .put('/api/user')
        .set('Authorization', `Token ${token}`)
        .send({ user: { bio: algorithm } })
        .expect(200);
      expect(header(updated.body.user.token).alg).toBe(algorithm);
      const res = await currentUser(t, updated.body.user.token).expect(200);
      expect(res.body.user).toMatchObject({ username: user.username, bio: algorithm });
    });

    it('should accept a token forged with the private key, so that the refusals below are about one flaw each', async () => {
      const user = await registerUser(t);
      await currentUser(t, signAsymmetric(decodePayload(user.token), algorithm, privateKey)).expect(200);
    });

    it('should answer 401 for an HS256 token keyed with the public key (algorithm confusion)', async () => {
      const user = await registerUser(t);
      const claims = decodePayload(user.token);
      for (const secret of [publicPem, publicPem.trim(), publicKey.export({ type: 'spki', format: 'der' })]) {
        await currentUser(t, signHs256(claims, secret)).expect(401, INVALID);
      }
    });

    it('should answer 401 for an HS256 token signed with the JWT_SECRET that is still set', async () => {
      const user = await registerUser(t);
      await currentUser(t, signHs256(decodePayload(user.token), TEST_JWT_SECRET)).expect(401, INVALID);
    });

    it('should answer 401 for tokens signed with another key pair, of this or the other algorithm', async () => {
      const user = await registerUser(t);
      const claims = decodePayload(user.token);
      await currentUser(t, signAsymmetric(claims, algorithm, keys().privateKey)).expect(401, INVALID);
      const otherAlgorithm = algorithm === 'RS256' ? 'ES256' : 'RS256';
      await currentUser(t, signAsymmetric(claims, otherAlgorithm, other().privateKey)).expect(401, INVALID);
      await currentUser(t, unsigned(claims)).expect(401, INVALID);
    });
  });
});
