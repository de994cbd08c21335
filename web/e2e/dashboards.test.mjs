// Dashboards, the region and transfers (issue 14): the chief's dashboard (charts, tables, CSV),
// the region's comparison (aggregates only; person screens refused), and a transfer of the demo
// office accepted by the other office's chief (森, みなと相談支援センター), whose follow-up task goes
// to the sender's specialist (鈴木). axe on every screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchBrowser, login, newPage, startServer } from './helpers.mjs';

describe('dashboards, region, transfers', { concurrency: false }, () => {
  let server, browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('chief: the office dashboard with charts, tables and a CSV with BOM', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'tanaka');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ダッシュボード' }).click();
    await page.getByRole('heading', { name: 'ダッシュボード', level: 1 }).waitFor();
    await page.getByTestId('caseload-table').waitFor();
    await page.getByTestId('kpi-table').waitFor();
    assert.equal(await page.getByTestId('chart-handled').count(), 1);
    assert.equal(await page.getByTestId('chart-time-use').count(), 1);
    const rows = await page.getByTestId('caseload-table').locator('tbody tr').count();
    assert.ok(rows >= 3, `caseload rows: ${rows}`);
    // the office-wide totals come from the API (computed in SQL), not from summing the page
    assert.match(await page.getByTestId('caseload-totals').innerText(), /事業所全体：職員\d+人・担当\d+件/);
    // every figure has its source now (the 地域移行 ones from the transition episodes, #17)
    assert.ok(!(await page.getByTestId('kpi-table').innerText()).includes('データ源がまだありません'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVをダウンロード' }).first().click()]);
    const path = await download.path();
    const buf = (await import('node:fs')).readFileSync(path);
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    await expectAccessible(page, 'office dashboard');
    await context.close();
  });

  test('region: offices side by side, no person screens', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'kikan');
    await page.getByTestId('region-table').waitFor();
    const text = await page.getByTestId('region-table').innerText();
    assert.ok(text.includes('みなと相談支援センター（デモ）'));
    assert.ok(text.includes('地域の合計'));
    await page.getByTestId('unmet-table').waitFor();
    await expectAccessible(page, 'region dashboard');
    const res = await page.evaluate(async () => (await fetch('/api/v1/persons', { credentials: 'same-origin' })).status);
    assert.equal(res, 403);
    await page.goto('/persons');
    assert.equal(await page.getByRole('link', { name: '利用者', exact: true }).count(), 0);
    await context.close();
  });

  test('a transfer accepted by the other office\'s chief', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'mori');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '引継ぎ' }).click();
    await page.getByTestId('transfers-incoming').waitFor();
    await expectAccessible(page, 'transfers');
    const decide = page.locator('[data-testid^="decide-"]').first();
    await decide.getByLabel('受け入れ後の担当者').selectOption({ label: '加藤 ゆい' });
    await decide.getByRole('button', { name: '受け入れる' }).click();
    await page.getByTestId('transfers-incoming').getByText('受け入れ済み').waitFor();
    // The person is now in this office.
    const persons = await page.evaluate(async () => (await (await fetch('/api/v1/persons?per_page=200', { credentials: 'same-origin' })).json()).items);
    assert.equal(persons.length, 7);
    await context.close();
  });

  test('the sender\'s specialist gets the follow-up task (引継ぎ後の状況確認), naming no person', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'suzuki');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'タスク' }).click();
    const row = page.getByTestId('tasks').locator('[data-task-id]').filter({ has: page.getByTestId('task-transfer') });
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    const text = await row.innerText();
    assert.ok(text.includes('引継ぎ後の状況確認'), text);
    assert.ok(text.includes('引継ぎ先: みなと相談支援センター（デモ）'), text);
    // no link to the person (the sending office reads nothing of them any more)
    assert.equal(await row.locator('a[href^="/persons/"]').count(), 0);
    await expectAccessible(page, 'tasks with a transfer follow-up');
    // on a phone (390 px) the row is a card and the page does not scroll sideways
    await page.setViewportSize({ width: 390, height: 844 });
    await row.first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    await page.setViewportSize({ width: 1366, height: 768 });
    // the other specialist of the sending office does not get it
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await login(page, 'sato');
    await page.goto('/tasks');
    await page.getByRole('heading', { name: 'タスク', level: 1 }).waitFor();
    await page.getByText(/^\d+件$/).waitFor();
    assert.equal(await page.getByTestId('task-transfer').count(), 0);
    await context.close();
  });
});
