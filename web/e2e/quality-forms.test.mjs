// The office's quality in the browser, part two (issue 15): a specialist produces an anonymised case
// report from a person's page (a name typed back in is refused, naming what was found), the chief
// approves it and it prints; a case review and an internal audit recorded through their forms; a
// closed person found under 終結 in the person list. axe on every screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchBrowser, login, newPage, startServer, todayJst } from './helpers.mjs';

describe('case reports, case reviews, internal audits, closed persons', { concurrency: false }, () => {
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

  /** The first person of the signed-in user's list: id and name. */
  async function firstPerson(page) {
    await page.goto('/persons');
    const first = page.locator('[data-testid="person-list"] a[href^="/persons/"]').first();
    await first.waitFor();
    return { id: Number(/\/persons\/(\d+)/.exec(await first.getAttribute('href'))[1]), name: (await first.textContent()).trim() };
  }

  test('a specialist produces an anonymised case report', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'sato');
      const person = await firstPerson(page);
      state.personName = person.name;
      await page.goto(`/persons/${person.id}`);
      await page.getByTestId('case-report-create').click();
      await page.waitForURL(/\/case-reports\/\d+$/);
      state.reportPath = new URL(page.url()).pathname;
      const text = page.locator('#f-text');
      await text.waitFor();
      const draft = await text.inputValue();
      assert.match(draft, /Aさん/);
      for (const part of person.name.split(/\s+/)) assert.ok(!draft.includes(part), `the draft names ${part}`);
      await expectAccessible(page, 'case report draft');
      // The person's family name typed back in: refused, naming what was found (not the name).
      const family = person.name.split(/\s+/)[0];
      await text.fill(`${draft}\n${family}さんの言葉から始めた。`);
      await page.getByTestId('case-report-save').click();
      const error = page.locator('.alert-error').first();
      await error.waitFor();
      assert.match(await error.textContent(), /個人を特定できる情報/);
      assert.ok(!(await error.textContent()).includes(family));
      await expectAccessible(page, 'case report refused');
      await text.fill(`${draft}\nAさんの言葉から始めた。`);
      await page.locator('#f-title').fill('本人の言葉から始める支援');
      await page.getByTestId('case-report-save').click();
      await page.getByTestId('case-report-notice').waitFor();
      assert.match(await page.getByTestId('case-report-status').first().textContent(), /下書き/);
      await page.goto('/case-reports');
      await page.getByTestId('case-reports').getByText('本人の言葉から始める支援').waitFor();
      await expectAccessible(page, 'case report list');
    } finally {
      await context.close();
    }
  });

  test('the chief approves it; it prints and counts on the quality screen', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'tanaka');
      await page.goto(state.reportPath);
      await page.getByTestId('case-report-approve').click();
      await page.getByTestId('case-report-print').waitFor();
      assert.match(await page.getByTestId('case-report-status').first().textContent(), /承認済み/);
      await expectAccessible(page, 'approved case report');
      const href = await page.getByTestId('case-report-print').getAttribute('href');
      const res = await page.request.get(href);
      assert.equal(res.status(), 200);
      const html = await res.text();
      assert.match(html, /本人の言葉から始める支援/);
      assert.ok(!html.includes(state.personName.split(/\s+/)[0]));
      await page.goto('/quality');
      const counts = page.getByTestId('case-report-counts');
      await counts.waitFor();
      assert.match(await counts.textContent(), /佐藤[^]*2 \/ 3 件/);
      await expectAccessible(page, 'quality with case report counts');
    } finally {
      await context.close();
    }
  });

  test('a case review recorded through its form', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'sato');
      await page.goto('/case-reviews');
      await page.getByTestId('review-form').waitFor();
      const box = page.locator('[data-testid="review-form"] input[type="checkbox"]').first();
      await box.waitFor();
      await box.check();
      await page.locator('#f-cases-0-summary').fill('通所が安定し、本人の表情が明るい。');
      await page.locator('#f-cases-0-decision').selectOption('continue');
      await page.locator('#f-cases-0-actions').fill('次回モニタリングで日中活動を確認');
      await expectAccessible(page, 'case review form');
      await page.getByTestId('review-save').click();
      await page.getByTestId('review-notice').waitFor();
      assert.match(await page.getByTestId('review-notice').textContent(), /記録しました/);
      await page.getByTestId('case-reviews').getByText('継続').first().waitFor();
      await expectAccessible(page, 'case reviews');
    } finally {
      await context.close();
    }
  });

  test('an internal audit recorded through the checklist', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'tanaka');
      await page.goto('/internal-audits');
      await page.getByTestId('internal-audit-form').waitFor();
      await page.locator('#f-items-0-result').selectOption('ng');
      await page.locator('#f-items-0-note').fill('抽出した2件のうち1件で計画案への同意日が空欄');
      await page.locator('#f-items-0-action-text').fill('同意日の記入を確認する');
      await page.locator('#f-items-0-action-due').fill(todayJst());
      await page.locator('#f-items-0-action-measure').fill('抽出で空欄がない');
      await expectAccessible(page, 'internal audit form');
      await page.getByTestId('internal-audit-save').click();
      await page.getByTestId('internal-audit-notice').waitFor();
      assert.match(await page.getByTestId('internal-audit-notice').textContent(), /不適 1 件/);
      await page.getByTestId('internal-audit-list').getByText('不適 1 件').first().waitFor();
      await expectAccessible(page, 'internal audits');
    } finally {
      await context.close();
    }
  });

  test('a closed person is found under 終結 in the person list', async () => {
    const { context, page } = await newPage(browser, server.url);
    try {
      await login(page, 'tanaka');
      const person = await firstPerson(page);
      await page.goto(`/persons/${person.id}`);
      await page.getByTestId('closure-open').click();
      await page.locator('#f-reason').selectOption('goal_reached');
      await page.getByTestId('closure-submit').click();
      await page.getByTestId('closure-notice').waitFor();
      // The demo office wants closures approved: the chief, alone in the office, approves it.
      await page.goto('/approvals?status=pending');
      const row = page.locator('[data-testid="approvals"] tbody tr').filter({ hasText: person.name }).first();
      await row.getByTestId('approval-approve').click();
      await page.locator('[data-testid="approvals"] tbody tr').filter({ hasText: person.name }).first().waitFor({ state: 'detached' });
      await page.goto('/persons');
      await page.getByTestId('person-list').waitFor();
      assert.ok(!(await page.getByTestId('person-list').textContent()).includes(person.name), 'not among the active');
      await page.locator('#f-status').selectOption('closed');
      await page.waitForURL(/status=closed/);
      await page.getByTestId('person-list').getByText(person.name).waitFor();
      assert.ok(await page.getByTestId('person-list').getByTestId('person-closed').first().isVisible());
      await expectAccessible(page, 'closed persons');
      await page.locator('#f-status').selectOption('all');
      await page.waitForURL(/status=all/);
      await page.getByTestId('person-list').getByText(person.name).waitFor();
    } finally {
      await context.close();
    }
  });
});
