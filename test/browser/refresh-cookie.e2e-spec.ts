import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { describeIf } from '../support/skip';
import { execute, openOperation } from '../support/swagger-ui';
import { createTestApp, TestApp } from '../support/test-app';

const CHROMIUM = '/usr/bin/chromium';

interface Answer {
  status: number;
  body: { user?: { token?: string; refreshToken?: string }; errors?: unknown } | null;
}

/** fetch() run in the page, so the browser's own cookie rules apply. */
function inPage(
  page: Page,
  path: string,
  init: { method: string; body?: unknown; headers?: Record<string, string> },
) {
  return page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, {
        method: init.method,
        headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        credentials: 'same-origin',
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : null };
    },
    { path, init },
  );
}

describeIf(
  existsSync(CHROMIUM),
  'Browser mode: the refresh token in an HttpOnly cookie (e2e, Chromium)',
  `${CHROMIUM} (apt-get install -y chromium)`,
  () => {
    let t: TestApp;
    let origin: string;
    let otherSite: Server;
    let otherOrigin: string;
    let userDataDir: string;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      t = await createTestApp({ REFRESH_TOKEN_COOKIE: 'true' });
      await t.app.listen(0, '127.0.0.1');
      origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      // Another site (localhost is not 127.0.0.1 to the browser) whose page tries to use the cookie.
      otherSite = createServer((_request, response) => {
        response.setHeader('content-type', 'text/html');
        response.end('<!doctype html><title>elsewhere</title>');
      });
      await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
      otherOrigin = `http://localhost:${(otherSite.address() as AddressInfo).port}`;
      userDataDir = mkdtempSync(join(tmpdir(), 'folio-chromium-'));
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        return url.startsWith(origin) || url.startsWith(otherOrigin) ? route.continue() : route.abort();
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(30_000);
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await new Promise((resolve) => otherSite?.close(resolve));
      await t?.close();
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    });

    it('should keep the refresh token out of scripts, refresh with the CSRF header only, and end with logout', async () => {
      await page.goto(`${origin}/docs`);
      const suffix = `${Date.now()}`.slice(-8);
      const registered = await inPage(page, '/api/users', {
        method: 'POST',
        body: {
          user: {
            username: `cookie${suffix}`,
            email: `cookie${suffix}@example.com`,
            password: 'password123',
          },
        },
      });
      expect(registered.status).toBe(201);
      expect(registered.body?.user?.refreshToken).toBeUndefined();
      const scriptCookies = await page.evaluate(
        () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
      );
      expect(scriptCookies).toMatch(/^folio_csrf=[\w-]{43}$/);
      const csrf = scriptCookies.split('=')[1];
      const browserCookies = await context.cookies(origin + '/api/auth/refresh');
      expect(browserCookies.find((cookie) => cookie.name === 'folio_refresh')).toMatchObject({
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
        path: '/api/auth',
      });

      const withoutHeader = await inPage(page, '/api/auth/refresh', { method: 'POST', body: {} });
      expect(withoutHeader.status).toBe(403);
      const wrongHeader = await inPage(page, '/api/auth/refresh', {
        method: 'POST',
        body: {},
        headers: { 'X-CSRF-Token': 'x'.repeat(43) },
      });
      expect(wrongHeader.status).toBe(403);

      // Another site's page cannot make the browser send the cookie (SameSite=Strict), even with a guessed header.
      const elsewhere = await context.newPage();
      await elsewhere.goto(`${otherOrigin}/`);
      await elsewhere.evaluate(
        async ({ target, csrf }) => {
          await fetch(`${target}/api/auth/refresh`, {
            method: 'POST',
            mode: 'no-cors',
            credentials: 'include',
            headers: { 'content-type': 'text/plain', 'X-CSRF-Token': csrf },
            body: '{}',
          }).catch(() => undefined);
        },
        { target: origin, csrf },
      );
      await elsewhere.close();

      const refreshed = await inPage(page, '/api/auth/refresh', {
        method: 'POST',
        body: {},
        headers: { 'X-CSRF-Token': csrf },
      });
      // Had the other site's request carried the cookie, the token would have been used, and this a reuse (401).
      expect(refreshed.status).toBe(200);
      expect(refreshed.body?.user?.token).toEqual(expect.any(String));
      expect(refreshed.body?.user?.refreshToken).toBeUndefined();

      // Swagger UI's "Try it out" runs the same refresh: its request interceptor repeats the CSRF cookie.
      const fromSwaggerUi = await execute(await openOperation(page, 'post', '/api/auth/refresh'), {});
      expect(fromSwaggerUi).toEqual({
        status: 200,
        body: { user: expect.objectContaining({ token: expect.any(String) }) },
      });

      const token = (fromSwaggerUi.body as { user: { token: string } }).user.token;
      const newCsrf = (
        await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)
      ).split('=')[1];
      // Each refresh set a new CSRF cookie (two access tokens of one session signed in the same second are equal).
      expect(newCsrf).not.toBe(csrf);
      expect(
        (
          await inPage(page, '/api/auth/logout', {
            method: 'POST',
            headers: { Authorization: `Token ${token}` },
          })
        ).status,
      ).toBe(204);
      expect(
        await page.evaluate(
          () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
        ),
      ).toBe('');
      const afterLogout = await inPage(page, '/api/auth/refresh', {
        method: 'POST',
        body: {},
        headers: { 'X-CSRF-Token': newCsrf },
      });
      expect(afterLogout).toEqual({ status: 401, body: { errors: { refreshToken: ['is missing'] } } });
    }, 120_000);
  },
);
