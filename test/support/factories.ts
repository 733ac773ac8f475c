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
