import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { describeIf } from '../support/skip';
import { execute, openOperation } from '../support/swagger-ui';
import { createTestApp, TestApp } from '../support/test-app';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright never downloads a browser here. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '..', '..', 'test-artifacts', 'swagger-ui.png');
const UI_TIMEOUT_MS = 30_000;

const describeWithChromium = (name: string, body: () => void): void =>
  describeIf(existsSync(CHROMIUM), name, `${CHROMIUM} (apt-get install -y chromium)`, body);

describeWithChromium('Swagger UI in a real browser (e2e)', () => {
  let t: TestApp;
  let origin: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    userDataDir = mkdtempSync(join(tmpdir(), 'folio-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 1000 },
    });
    // Nothing but the app under test: any other request (a validator badge, a font) is refused, not sent.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(origin) ? route.continue() : route.abort(),
    );
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(UI_TIMEOUT_MS);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await t?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('should register, authorise and create an article through "Try it out"', async () => {
    await page.goto(`${origin}/docs`);
    await page.locator('.swagger-ui .information-container .title').waitFor();
    await expect(page.locator('.swagger-ui .information-container .title').innerText()).resolves.toContain(
      'Folio API',
    );

    const suffix = `${Date.now()}`.slice(-8);
    const register = await execute(await openOperation(page, 'post', '/api/users'), {
      user: { username: `ui${suffix}`, email: `ui${suffix}@example.com`, password: 'correct horse battery' },
    });
    expect(register).toEqual({
      status: 201,
      body: { user: expect.objectContaining({ username: `ui${suffix}`, token: expect.any(String) }) },
    });
    const { token } = (register.body as { user: { token: string } }).user;

    await page.locator('.scheme-container button.authorize').click();
    // The user's JWT goes into the "bearer" scheme (other schemes, such as the metrics token, stay empty).
    const bearer = page
      .locator('.dialog-ux .modal-ux .auth-container')
      .filter({ has: page.locator('h4', { hasText: /^\s*bearer\s*\(http/ }) });
    await bearer.locator('input[aria-label="auth-bearer-value"]').fill(token);
    await bearer.locator('button.authorize[type="submit"]').click();
    await bearer.locator('button.btn-done').click();
    await page.locator('.scheme-container button.authorize.locked').waitFor();

    const title = `Written in Swagger UI ${suffix}`;
    const create = await execute(await openOperation(page, 'post', '/api/articles'), {
      article: { title, description: 'From the browser', body: 'Try it out works.', tagList: ['swagger'] },
    });
    expect(create).toEqual({
      status: 201,
      body: {
        article: expect.objectContaining({
          title,
          tagList: ['swagger'],
          author: expect.objectContaining({ username: `ui${suffix}` }),
        }),
      },
    });

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.locator('.opblock-post .live-responses-table').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    console.log(`Swagger UI screenshot: ${SCREENSHOT}`);
  }, 120_000);
});
