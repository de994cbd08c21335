// Rights and safety in a browser: a specialist reviews the red flags in a monitoring (one raised →
// the banner on the person's page), files an abuse report that the chief then sees first on ホーム,
// and prints a crisis plan on one A4 page. axe-core on every screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, expectAccessible, launchBrowser, login, newPage, pdfPageCount, startServer } from './helpers.mjs';

describe('rights and safety', { concurrency: false }, () => {
  let server, browser, context, page;
  const state = {};

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, server.url));
    await login(page, 'sato');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('review the red flags in a monitoring; a raised flag shows as a banner', async () => {
    await page.getByTestId('today').getByRole('link').first().click();
    await page.locator('[data-testid="monitoring-form"]').waitFor();
    state.personId = Number(/\/persons\/(\d+)\//.exec(page.url())[1]);
    const goals = page.locator('[data-testid^="goal-review-"]');
    for (let i = 0; i < (await goals.count()); i++) await goals.nth(i).getByLabel('一部達成', { exact: true }).check();
    const section = page.getByTestId('monitoring-redflags');
    await section.getByRole('heading', { name: '権利擁護・安全の確認（レッドフラグ）' }).waitFor();
    await section.locator('[data-code="housing_loss"]').getByLabel('要対応').check();
    await section.locator('[data-code="housing_loss"]').getByRole('textbox').fill('家賃の滞納で退去を求められている。');
    await section.locator('[data-code="money"]').getByLabel('要観察').check();
    await expectAccessible(page, 'monitoring form with red flags');
    await page.getByRole('button', { name: 'モニタリングを記録' }).last().click();
    await page.waitForURL(/\/monitorings\/\d+/);
    await page.goto(`/persons/${state.personId}`);
    const banner = page.getByTestId('redflag-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /住まい喪失の危機/);
    await expectAccessible(page, 'person page with a red-flag banner');
    await page.getByRole('link', { name: '権利擁護・安全', exact: true }).click();
    const card = page.getByTestId('redflags-card');
    await card.locator('[data-code="housing_loss"]').waitFor();
    assert.match(await card.innerText(), /家賃の滞納/);
    await expectAccessible(page, 'rights tab');
  });

  test('file an abuse report (no consent asked)', async () => {
    const card = page.getByTestId('abuse-card');
    await card.getByRole('button', { name: /通報を記録する/ }).click();
    const form = page.getByTestId('abuse-form');
    await form.getByLabel('心理的').check();
    await form.getByLabel('養護者').check();
    await page.locator('#f-observed').fill('訪問時、父親が本人を大声で長時間叱責していた。本人は「家に帰りたくない」と話した。');
    await page.locator('#f-reported_to').fill('つなぐ市障害者虐待防止センター');
    await expectAccessible(page, 'abuse report form');
    await form.getByRole('button', { name: '通報を記録する' }).click();
    await card.locator('[data-status="reported"]').first().waitFor();
    assert.match(await card.innerText(), /つなぐ市障害者虐待防止センター/);
    await expectAccessible(page, 'abuse reports');
    state.personName = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  });

  test('the chief sees the report first on ホーム', async () => {
    const chief = await newPage(browser, server.url);
    await login(chief.page, 'tanaka');
    await chief.page.getByRole('heading', { level: 1, name: /ホーム/ }).waitFor();
    const alerts = chief.page.getByTestId('alerts');
    await alerts.locator('li').first().waitFor();
    assert.equal(await alerts.locator('li').first().getAttribute('data-kind'), 'abuse_report');
    const mine = alerts.locator('li[data-kind="abuse_report"]').filter({ hasText: state.personName });
    await mine.first().waitFor();
    await expectAccessible(chief.page, 'chief home with an abuse report');
    await chief.page.goto('/oncall');
    await chief.page.getByRole('heading', { level: 1, name: '当番・時間外対応' }).waitFor();
    await chief.page.locator('[data-testid="rota"]').waitFor();
    await expectAccessible(chief.page, 'on-call page');
    await chief.context.close();
  });

  test('write a crisis plan and print it on one A4 page', async () => {
    const card = page.getByTestId('crisis-card');
    await card.getByRole('button', { name: /作成する|編集する/ }).click(); // a demo person may have one already
    await page.locator('#f-steps').waitFor();
    const n = await page.locator('[id^="f-contacts-"][id$="-name"]').count();
    await page.locator('#f-early_signs').fill('眠れない日が続く。');
    await page.locator('#f-what_helps').fill('静かな部屋で話を聞く。');
    await card.getByRole('button', { name: /連絡先を追加/ }).click();
    await page.locator(`#f-contacts-${n}-name`).fill('母');
    await page.locator(`#f-contacts-${n}-phone`).fill('090-0000-0001');
    await page.locator('#f-steps').fill('1. 安全を確認する。\n2. 母に連絡する。\n3. つながらなければ当番へ。');
    await expectAccessible(page, 'crisis plan form');
    await card.getByRole('button', { name: '保存する（新しい版）' }).click();
    await card.getByTestId('crisis-print').waitFor();
    await expectAccessible(page, 'crisis plan');
    const [tab] = await Promise.all([context.waitForEvent('page'), card.getByTestId('crisis-print').click()]);
    await tab.waitForLoadState('load');
    assert.match(tab.url(), new RegExp(`/print/persons/${state.personId}/crisis-plan$`));
    const printed = await tab.locator('body').innerText();
    assert.match(printed, /緊急時対応計画/);
    assert.match(printed, /090-0000-0001/);
    const pdf = await tab.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(artifactsDir(), 'crisis-plan.pdf'), pdf);
    assert.equal(pdfPageCount(pdf), 1, 'the crisis plan prints on one page');
    await tab.close();
  });
});
