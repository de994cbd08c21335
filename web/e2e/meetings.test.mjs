// A サービス担当者会議 in the browser (issue 10): record a conference with two agreements (each with
// an owner, a due date and a measure), see them as tasks, mark one done with its result, find the
// 運営指導チェック, and print the meeting record on at most 2 A4 pages. axe on every screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, expectAccessible, launchBrowser, login, newPage, pdfPageCount, startServer, todayJst } from './helpers.mjs';

describe('meetings and tasks', { concurrency: false }, () => {
  let server, browser, context, page;
  const state = {};

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, server.url));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('log in and open a person’s meetings and tasks', async () => {
    await login(page, 'sato');
    await page.goto('/persons');
    const first = page.locator('main a[href^="/persons/"]').filter({ hasNotText: '登録' }).first();
    await first.waitFor();
    state.personId = Number(/\/persons\/(\d+)/.exec(await first.getAttribute('href'))[1]);
    await page.goto(`/persons/${state.personId}/meetings`);
    await page.getByRole('heading', { level: 2, name: '会議' }).waitFor();
    await page.getByTestId('person-findings').waitFor();
    await expectAccessible(page, 'meetings tab');
  });

  test('record a サービス担当者会議 with two agreements', async () => {
    await page.getByRole('link', { name: '会議を記録' }).click();
    await page.locator('[data-testid="meeting-form"]').waitFor();
    assert.equal(await page.locator('#f-kind').inputValue(), 'service_conference');
    await page.locator('#f-place').fill('本人宅');
    await page.locator('#f-start').fill('14:00');
    await page.locator('#f-end').fill('15:00');
    await page.getByRole('button', { name: '出席者を追加' }).click();
    await page.locator('#f-participants-1-name').fill('山田 一郎');
    await page.locator('#f-participants-1-organisation').fill('ひだまり工房');
    await page.locator('#f-participants-1-role').fill('サービス管理責任者');
    await page.locator('#f-agenda').fill('計画案の内容と役割分担');
    await page.locator('#f-discussion').fill('通所の日数と休日の過ごし方について話し合った。');
    await page.locator('#f-conclusion').fill('計画案のとおり始める。');
    await page.locator('#f-remaining_issues').fill('休日の過ごし方');
    const due = todayJst();
    const agreements = [
      ['利用開始後の様子を連絡する', '山田 一郎', '1か月以内に連絡がある'],
      ['休日の過ごし方を一緒に考える', '本人', '次回モニタリングで本人が話せる'],
    ];
    for (const [i, [text, owner, measure]] of agreements.entries()) {
      await page.getByTestId('agreement-add').click();
      await page.locator(`#f-agreements-${i}-text`).fill(text);
      await page.locator(`#f-agreements-${i}-owner`).fill(owner);
      await page.locator(`#f-agreements-${i}-due`).fill(due);
      await page.locator(`#f-agreements-${i}-measure`).fill(measure);
    }
    // a missing measure is refused next to its field
    await page.locator('#f-agreements-1-measure').fill('');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.locator('#f-agreements-1-measure-err').waitFor();
    await expectAccessible(page, 'meeting form with an error');
    await page.locator('#f-agreements-1-measure').fill(agreements[1][2]);
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForURL(/\/meetings\/\d+$/);
    state.meetingId = Number(/\/meetings\/(\d+)$/.exec(page.url())[1]);
    await page.getByTestId('agreements').waitFor({ timeout: 10000 }).catch(async (e) => {
      throw new Error(e.message + '\n' + page.url() + '\n' + (await page.locator('body').innerText()) + '\n' + page.problems.join('\n'));
    });
    assert.equal(await page.locator('[data-testid="agreements"] tbody tr').count(), 2);
    await expectAccessible(page, 'meeting view');
  });

  test('the agreements are tasks; mark one done with its result', async () => {
    await page.getByRole('link', { name: 'タスクを見る' }).click();
    await page.getByTestId('tasks').waitFor();
    const row = page.locator('[data-testid="tasks"] tr', { hasText: '利用開始後の様子を連絡する' });
    const other = page.locator('[data-testid="tasks"] tr', { hasText: '休日の過ごし方を一緒に考える' });
    await row.waitFor();
    await other.waitFor();
    const taskId = await row.getAttribute('data-task-id');
    await row.getByTestId('task-close').click();
    await row.getByTestId('task-done').click();
    await page.locator(`#f-task-${taskId}-result-err`).waitFor(); // a result is required
    await page.locator(`#f-task-${taskId}-result`).fill('連絡があり、順調に通所している。');
    await expectAccessible(page, 'closing a task');
    await row.getByTestId('task-done').click();
    await page.locator(`[data-testid="tasks"] tr[data-task-id="${taskId}"][data-status="done"]`).waitFor();
    assert.match(await page.locator(`tr[data-task-id="${taskId}"]`).innerText(), /順調に通所している/);
    assert.equal(await other.getAttribute('data-status'), 'open');
    await expectAccessible(page, 'tasks of the person');
    // the office-wide task list shows the open one
    await page.getByRole('link', { name: 'タスク', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'タスク' }).waitFor();
    await page.locator('[data-testid="tasks"] tr', { hasText: '休日の過ごし方を一緒に考える' }).first().waitFor();
    await expectAccessible(page, 'task list');
  });

  test('the 運営指導チェック lists findings with links', async () => {
    await page.getByRole('link', { name: '運営指導チェック' }).click();
    await page.getByRole('heading', { level: 1, name: '運営指導チェック' }).waitFor();
    await page.getByTestId('compliance-summary').waitFor();
    assert.ok((await page.locator('li[data-code]').count()) > 0, 'the demo office has findings');
    await expectAccessible(page, 'compliance check');
  });

  test('print the meeting record on at most 2 A4 pages', async () => {
    await page.goto(`/persons/${state.personId}/meetings/${state.meetingId}`);
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('meeting-print').click()]);
    await tab.waitForLoadState('load');
    assert.match(tab.url(), new RegExp(`/print/meetings/${state.meetingId}$`));
    const printed = await tab.locator('body').innerText();
    for (const s of ['サービス担当者会議の記録', '山田 一郎', 'ひだまり工房', '利用開始後の様子を連絡する', '1か月以内に連絡がある', '残された課題'])
      assert.ok(printed.includes(s), `printed: ${s}`);
    const pdf = await tab.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(artifactsDir(), 'meeting.pdf'), pdf);
    const pages = pdfPageCount(pdf);
    assert.ok(pages >= 1 && pages <= 2, `the meeting record prints on ${pages} pages`);
    await tab.close();
  });
});
