import type { Locator, Page } from 'playwright-core';

/** The expanded operation block of one route, as Swagger UI renders it. */
export async function openOperation(
  page: Page,
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
): Promise<Locator> {
  const block = page
    .locator(`.opblock.opblock-${method}`)
    .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
  await block.locator('.opblock-summary').first().click();
  await block.locator('button.try-out__btn').click();
  return block;
}

/** Fills the JSON body, presses Execute and returns the status and body of the live response the UI shows. */
export async function execute(block: Locator, body: unknown): Promise<{ status: number; body: unknown }> {
  await block.locator('textarea.body-param__text').fill(JSON.stringify(body, null, 2));
  await block.locator('button.execute').click();
  const response = block.locator('.live-responses-table tbody tr.response').first();
  await response.waitFor();
  const status = Number((await response.locator('.response-col_status').innerText()).trim());
  const text = await response.locator('.response-col_description .highlight-code pre').first().innerText();
  return { status, body: JSON.parse(text) as unknown };
}
