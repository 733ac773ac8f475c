import request from 'supertest';
import type { TestApp } from './test-app';

let sequence = 0;

/** A name no other test in this run uses. */
export function uniqueName(prefix = 'user'): string {
  sequence += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${sequence}`;
}

export interface RegisteredUser {
  username: string;
  email: string;
  password: string;
  token: string;
}

export async function registerUser(
  t: TestApp,
  overrides: Partial<Omit<RegisteredUser, 'token'>> = {},
): Promise<RegisteredUser> {
  const username = overrides.username ?? uniqueName();
  const fields = {
    username,
    email: overrides.email ?? `${username}@example.com`,
    password: overrides.password ?? 'password123',
  };
  const response = await request(t.http).post('/api/users').send({ user: fields }).expect(201);
  return { ...fields, email: response.body.user.email, token: response.body.user.token };
}

export const auth = (user: { token: string }): [string, string] => ['Authorization', `Token ${user.token}`];

export interface ProfileBody {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

export interface ArticleBody {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: ProfileBody;
  status: 'draft' | 'scheduled' | 'published' | 'unpublished';
  publishedAt: string | null;
  publishAt: string | null;
  unpublishAt: string | null;
}

export interface ArticleFields {
  title: string;
  description: string;
  body: string;
  tagList: string[];
  status: string;
  publishAt: string;
  unpublishAt: string;
}

/** Writes an article as `author` (unique title unless given; published unless a status is given) and returns it as the API answered. */
export async function createArticle(
  t: TestApp,
  author: { token: string },
  fields: Partial<ArticleFields> = {},
): Promise<ArticleBody> {
  const article = {
    title: fields.title ?? uniqueName('Article'),
    description: fields.description ?? 'A description',
    body: fields.body ?? 'A body',
    ...(fields.tagList === undefined ? {} : { tagList: fields.tagList }),
    ...(fields.status === undefined ? {} : { status: fields.status }),
    ...(fields.publishAt === undefined ? {} : { publishAt: fields.publishAt }),
    ...(fields.unpublishAt === undefined ? {} : { unpublishAt: fields.unpublishAt }),
  };
  const response = await request(t.http)
    .post('/api/articles')
    .set(...auth(author))
    .send({ article })
    .expect(201);
  return response.body.article;
}

export async function follow(
  t: TestApp,
  follower: { token: string },
  followed: { username: string },
): Promise<void> {
  await request(t.http)
    .post(`/api/profiles/${encodeURIComponent(followed.username)}/follow`)
    .set(...auth(follower))
    .expect(200);
}

export async function favorite(
  t: TestApp,
  user: { token: string },
  article: { slug: string },
): Promise<void> {
  await request(t.http)
    .post(`/api/articles/${encodeURIComponent(article.slug)}/favorite`)
    .set(...auth(user))
    .expect(200);
}

/** Gives `user` a role, as `npm run admin` would (the caller's next request already has it). */
export async function giveRole(
  t: TestApp,
  user: { token: string },
  role: 'user' | 'moderator' | 'admin',
): Promise<void> {
  const claims = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString('utf8')) as {
    sub: number;
  };
  await t.dataSource.query('UPDATE users SET role = ? WHERE id = ?', [role, claims.sub]);
}

/** A comment by `author` on `article`. */
export async function createComment(
  t: TestApp,
  author: { token: string },
  slug: string,
  body = 'A comment',
): Promise<{ id: number }> {
  const response = await request(t.http)
    .post(`/api/articles/${slug}/comments`)
    .set(...auth(author))
    .send({ comment: { body } })
    .expect(201);
  return response.body.comment;
}
