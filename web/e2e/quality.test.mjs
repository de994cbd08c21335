// The office's quality in the browser (issue 15): a specialist closes a case in an office that
// wants closures approved (the request waits), the chief approves it on 承認 and the person shows as
// closed; a supervision whose action becomes a task; the training deadlines. axe on every screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchBrowser, login, newPage, startServer, todayJst } from './helpers.mjs';

describe('closure with approval, supervision, training', { concurrency: false }, () => {
  let server, browser;
  const state = {};

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a specialist asks to close a case: the request waits for the chief', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'sato');
      await page.goto('/persons');
      const first = page.locator('main a[href^="/persons/"]').filter({ hasNotText: '登録' }).first();
      await first.waitFor();
      state.personId = Number(/\/persons\/(\d+)/.exec(await first.getAttribute('href'))[1]);
      await page.goto(`/persons/${state.personId}`);
      await page.getByTestId('closure-open').waitFor();
      state.personName = (await page.locator('h1').textContent()).trim();
      await page.getByTestId('closure-open').click();
      await page.locator('#f-reason').selectOption('moved');
      await page.locator('#f-note').fill('県外へ転居');
      await expectAccessible(page, 'closure form');
      await page.getByTestId('closure-submit').click();
      await page.getByTestId('closure-notice').waitFor();
      assert.match(await page.getByTestId('closure-notice').textContent(), /承認を待っています/);
      await page.goto('/approvals');
      await page.getByTestId('approvals').waitFor();
      assert.ok((await page.getByTestId('approvals').textContent()).includes(state.personName));
      await expectAccessible(page, 'approvals (specialist)');
    } finally {
      await context.close();
    }
  });

  test('the chief approves it; the person is closed', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'tanaka');
      await page.goto('/approvals?status=pending');
      const row = page.locator('[data-testid="approvals"] tbody tr').filter({ hasText: state.personName });
      await row.first().waitFor();
      await expectAccessible(page, 'approvals (chief)');
      await row.first().getByTestId('approval-approve').click();
      await page.locator('[data-testid="approvals"] tbody tr').filter({ hasText: state.personName }).first().waitFor({ state: 'detached' });
      await page.goto(`/persons/${state.personId}`);
      await page.getByTestId('closure-status').waitFor();
      assert.equal((await page.getByTestId('closure-status').textContent()).trim(), '終結');
      await expectAccessible(page, 'closed person');
    } finally {
      await context.close();
    }
  });

  test('a supervision whose action becomes a task', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'sato');
      await page.goto('/supervisions');
      await page.getByTestId('supervision-form').waitFor();
      await page.locator('#f-supervisor').fill('田中 美咲');
      const box = page.locator('[data-testid="supervision-form"] input[type="checkbox"]').first();
      await box.waitFor();
      await box.check();
      await page.locator('#f-topics').fill('本人の希望の聞き取り方');
      await page.getByTestId('supervision-add-action').click();
      await page.locator('#f-actions-0-text').fill('本人だけで話す時間をつくる');
      await page.locator('#f-actions-0-due').fill(todayJst());
      await page.locator('#f-actions-0-measure').fill('面談の記録がある');
      await expectAccessible(page, 'supervision form');
      await page.getByTestId('supervision-save').click();
      await page.getByTestId('supervision-notice').waitFor();
      assert.match(await page.getByTestId('supervision-notice').textContent(), /タスク 1 件/);
      await page.goto('/tasks?status=all');
      await page.getByText('本人だけで話す時間をつくる').first().waitFor();
      await expectAccessible(page, 'tasks with the supervision action');
    } finally {
      await context.close();
    }
  });

  test('training deadlines and one\'s own records', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'tanaka');
      await page.goto('/quality');
      await page.getByTestId('training-deadlines').waitFor();
      assert.match(await page.getByTestId('training-deadlines').textContent(), /鈴木/);
      assert.match(await page.getByTestId('training-deadlines').textContent(), /期限が近い/);
      await page.locator('#f-kind').selectOption('specialty');
      await page.locator('#f-title').fill('虐待防止研修');
      await page.locator('#f-completed_on').fill(todayJst());
      await page.getByTestId('training-save').click();
      await page.getByTestId('trainings').getByText('虐待防止研修').waitFor();
      await expectAccessible(page, 'quality');
    } finally {
      await context.close();
    }
  });
});
