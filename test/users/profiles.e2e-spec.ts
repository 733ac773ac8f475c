import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { auth, follow, RegisteredUser, registerUser, uniqueName } from '../support/factories';

describe('Profiles and follows (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function followRows(follower: RegisteredUser, followed: RegisteredUser): Promise<number> {
    const [{ count }] = await t.dataSource.query(
      `SELECT COUNT(*) AS count FROM follows f
         JOIN users a ON a.id = f.follower_id
         JOIN users b ON b.id = f.following_id
       WHERE a.username = ? AND b.username = ?`,
      [follower.username, followed.username],
    );
    return Number(count);
  }

  describe('GET /api/profiles/:username', () => {
    it('should answer an anonymous caller with the profile and following false', async () => {
      const celeb = await registerUser(t);
      await request(t.http)
        .put('/api/user')
        .set(...auth(celeb))
        .send({ user: { bio: 'I work at statefarm', image: 'https://example.com/c.png' } })
        .expect(200);
      const res = await request(t.http).get(`/api/profiles/${celeb.username}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        profile: {
          username: celeb.username,
          bio: 'I work at statefarm',
          image: 'https://example.com/c.png',
          following: false,
        },
      });
    });

    it('should never expose the email, id or password hash of a profile', async () => {
      const celeb = await registerUser(t);
      const res = await request(t.http).get(`/api/profiles/${celeb.username}`).expect(200);
      expect(Object.keys(res.body.profile).sort()).toEqual(['bio', 'following', 'image', 'username']);
      expect(JSON.stringify(res.body)).not.toContain(celeb.email);
    });

    it('should tell a signed-in caller whether they follow the profile', async () => {
      const [fan, celeb, other] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      const before = await request(t.http)
        .get(`/api/profiles/${celeb.username}`)
        .set(...auth(fan))
        .expect(200);
      expect(before.body.profile.following).toBe(false);

      await follow(t, fan, celeb);

      const asFan = await request(t.http)
        .get(`/api/profiles/${celeb.username}`)
        .set(...auth(fan))
        .expect(200);
      expect(asFan.body.profile.following).toBe(true);
      const asOther = await request(t.http)
        .get(`/api/profiles/${celeb.username}`)
        .set(...auth(other))
        .expect(200);
      expect(asOther.body.profile.following).toBe(false);
      const anonymous = await request(t.http).get(`/api/profiles/${celeb.username}`).expect(200);
      expect(anonymous.body.profile.following).toBe(false);
      const reverse = await request(t.http)
        .get(`/api/profiles/${fan.username}`)
        .set(...auth(celeb))
        .expect(200);
      expect(reverse.body.profile.following).toBe(false);
    });

    it('should accept the Bearer scheme on the public profile route', async () => {
      const [fan, celeb] = [await registerUser(t), await registerUser(t)];
      await follow(t, fan, celeb);
      const res = await request(t.http)
        .get(`/api/profiles/${celeb.username}`)
        .set('Authorization', `Bearer ${fan.token}`)
        .expect(200);
      expect(res.body.profile.following).toBe(true);
    });

    it('should treat a garbage token on the public profile route as an anonymous caller', async () => {
      const celeb = await registerUser(t);
      const res = await request(t.http)
        .get(`/api/profiles/${celeb.username}`)
        .set('Authorization', 'Token not.a.jwt')
        .expect(200);
      expect(res.body.profile).toMatchObject({ username: celeb.username, following: false });
    });

    it('should find and follow a user whose username is in another script', async () => {
      const fan = await registerUser(t);
      const username = `Ωμέγα_漢字_${uniqueName('u')}`;
      const celeb = await registerUser(t, { username, email: `${uniqueName('intl')}@example.com` });
      const path = `/api/profiles/${encodeURIComponent(username)}`;
      const res = await request(t.http).get(path).expect(200);
      expect(res.body.profile.username).toBe(username);
      await request(t.http)
        .post(`${path}/follow`)
        .set(...auth(fan))
        .expect(200);
      expect(await followRows(fan, celeb)).toBe(1);
    });

    it('should answer 404 {"errors":{"profile":["not found"]}} for an unknown username', async () => {
      await request(t.http)
        .get(`/api/profiles/${uniqueName('ghost')}`)
        .expect(404, { errors: { profile: ['not found'] } });
    });
  });

  describe('POST and DELETE /api/profiles/:username/follow', () => {
    it('should follow with 200, the profile and following true, and store one row', async () => {
      const [fan, celeb] = [await registerUser(t), await registerUser(t)];
      const res = await request(t.http)
        .post(`/api/profiles/${celeb.username}/follow`)
        .set(...auth(fan))
        .expect(200);
      expect(res.body).toEqual({
        profile: { username: celeb.username, bio: null, image: null, following: true },
      });
      expect(await followRows(fan, celeb)).toBe(1);
      expect(await followRows(celeb, fan)).toBe(0);
    });

    it('should leave exactly one row when the same follow is sent twice', async () => {
      const [fan, celeb] = [await registerUser(t), await registerUser(t)];
      for (let i = 0; i < 2; i++) {
        const res = await request(t.http)
          .post(`/api/profiles/${celeb.username}/follow`)
          .set(...auth(fan))
          .expect(200);
        expect(res.body.profile.following).toBe(true);
      }
      expect(await followRows(fan, celeb)).toBe(1);
    });

    it('should unfollow with 200 and following false, and remove the row', async () => {
      const [fan, celeb] = [await registerUser(t), await registerUser(t)];
      await follow(t, fan, celeb);
      const res = await request(t.http)
        .delete(`/api/profiles/${celeb.username}/follow`)
        .set(...auth(fan))
        .expect(200);
      expect(res.body).toEqual({
        profile: { username: celeb.username, bio: null, image: null, following: false },
      });
      expect(await followRows(fan, celeb)).toBe(0);
      const after = await request(t.http)
        .get(`/api/profiles/${celeb.username}`)
        .set(...auth(fan))
        .expect(200);
      expect(after.body.profile.following).toBe(false);
    });

    it('should answer 200 and following false when unfollowing a user not followed', async () => {
      const [fan, celeb] = [await registerUser(t), await registerUser(t)];
      const res = await request(t.http)
        .delete(`/api/profiles/${celeb.username}/follow`)
        .set(...auth(fan))
        .expect(200);
      expect(res.body.profile).toMatchObject({ username: celeb.username, following: false });
      expect(await followRows(fan, celeb)).toBe(0);
    });

    it("should only remove the caller's own follow when unfollowing", async () => {
      const [fan, otherFan, celeb] = [await registerUser(t), await registerUser(t), await registerUser(t)];
      for (const follower of [fan, otherFan]) {
        await follow(t, follower, celeb);
      }
      await request(t.http)
        .delete(`/api/profiles/${celeb.username}/follow`)
        .set(...auth(fan))
        .expect(200);
      expect(await followRows(fan, celeb)).toBe(0);
      expect(await followRows(otherFan, celeb)).toBe(1);
    });

    it('should answer 422 with a username error when following yourself, and store nothing', async () => {
      const me = await registerUser(t);
      const res = await request(t.http)
        .post(`/api/profiles/${me.username}/follow`)
        .set(...auth(me))
        .expect(422);
      expect(res.body).toEqual({ errors: { username: [expect.any(String)] } });
      expect(await followRows(me, me)).toBe(0);
    });

    it('should answer 404 {"errors":{"profile":["not found"]}} when following or unfollowing an unknown user', async () => {
      const fan = await registerUser(t);
      const ghost = uniqueName('ghost');
      await request(t.http)
        .post(`/api/profiles/${ghost}/follow`)
        .set(...auth(fan))
        .expect(404, { errors: { profile: ['not found'] } });
      await request(t.http)
        .delete(`/api/profiles/${ghost}/follow`)
        .set(...auth(fan))
        .expect(404, { errors: { profile: ['not found'] } });
    });

    it('should answer 401 {"errors":{"token":["is missing"]}} without a token, and store nothing', async () => {
      const [fan, celeb] = [await registerUser(t), await registerUser(t)];
      await request(t.http)
        .post(`/api/profiles/${celeb.username}/follow`)
        .expect(401, { errors: { token: ['is missing'] } });
      await request(t.http)
        .delete(`/api/profiles/${celeb.username}/follow`)
        .expect(401, { errors: { token: ['is missing'] } });
      expect(await followRows(fan, celeb)).toBe(0);
    });

    it('should answer 401 "is invalid" for a garbage token on follow', async () => {
      const celeb = await registerUser(t);
      await request(t.http)
        .post(`/api/profiles/${celeb.username}/follow`)
        .set('Authorization', 'Token not.a.jwt')
        .expect(401, { errors: { token: ['is invalid'] } });
    });

    it('should drop the follow when either account is deleted', async () => {
      const [fan, celeb] = [await registerUser(t), await registerUser(t)];
      await follow(t, fan, celeb);
      const [{ count: before }] = await t.dataSource.query(
        'SELECT COUNT(*) AS count FROM follows f JOIN users u ON u.id = f.follower_id WHERE u.username = ?',
        [fan.username],
      );
      expect(Number(before)).toBe(1);
      await t.dataSource.query('DELETE FROM users WHERE username = ?', [celeb.username]);
      const [{ count: after }] = await t.dataSource.query(
        'SELECT COUNT(*) AS count FROM follows f JOIN users u ON u.id = f.follower_id WHERE u.username = ?',
        [fan.username],
      );
      expect(Number(after)).toBe(0);
    });

    it('should answer 200 to 20 concurrent identical follows and store exactly one row', async () => {
      const [fan, celeb] = [await registerUser(t), await registerUser(t)];
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          request(t.http)
            .post(`/api/profiles/${celeb.username}/follow`)
            .set(...auth(fan)),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(responses.every((r) => r.body.profile?.following === true)).toBe(true);
      expect(await followRows(fan, celeb)).toBe(1);
    });
  });
});
