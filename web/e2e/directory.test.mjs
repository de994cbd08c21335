// The network: add an agency to the directory, record a contact with it, and share information
// about a person only under consent (a refusal explained in plain Japanese without one).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchBrowser, login, newPage, startServer, todayJst } from './helpers.mjs';

describe('directory and disclosures', { concurrency: false }, () => {
  let server, browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('add an agency, record a contact, share under consent and see a refusal without', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await page.getByRole('link', { name: '関係機関', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '関係機関名簿' }).waitFor();
    await page.getByTestId('directory-list').waitFor();
    // The demo directory has one agency overdue for contact, marked in words.
    assert.ok((await page.getByTestId('overdue').count()) >= 1);
    await expectAccessible(page, 'directory list');
    await page.getByLabel('連絡期限切れのみ').check();
    await page.getByRole('main').getByRole('button', { name: '検索' }).click(); // the header has a search box too
    await page.waitForURL(/overdue=true/);
    await page.waitForFunction(
      () => document.querySelectorAll('tr[data-overdue="false"]').length === 0 && document.querySelectorAll('tr[data-overdue="true"]').length > 0,
    );

    // Add an agency.
    await page.goto('/directory/new');
    await page.getByRole('heading', { level: 1, name: '関係機関を登録' }).waitFor();
    await page.locator('#f-name').fill('みなと医療センター 地域連携室（e2e）');
    await page.locator('#f-kind').selectOption('agency');
    await page.locator('#f-sector').selectOption('medical');
    await page.locator('#f-layer').selectOption('cross_sector');
    await page.locator('#f-entry_contact-name').fill('連携 一郎');
    await page.locator('#f-contact_sop-whom').fill('地域連携室');
    await page.locator('#f-contact_sop-within_hours').fill('24');
    await page.locator('#f-contact_sop-medium').fill('電話');
    await page.getByLabel('担当者', { exact: true }).fill('看護 花子 / 退院調整看護師 / 0120-000-999 /');
    await expectAccessible(page, 'directory form');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('heading', { level: 1, name: 'みなと医療センター 地域連携室（e2e）' }).waitFor();
    const entryUrl = page.url();
    assert.match(await page.getByTestId('sop').innerText(), /地域連携室に、24時間以内に、電話で/);
    assert.match(await page.locator('main').innerText(), /看護 花子/);
    await expectAccessible(page, 'directory entry');

    // Record a contact.
    await page.getByLabel('連絡の種類').selectOption('visit');
    await page.getByLabel('内容', { exact: true }).fill('顔合わせと連絡方法の確認');
    await page.getByRole('button', { name: '連絡を記録' }).click();
    await page.getByTestId('notice').filter({ hasText: '連絡を記録しました' }).waitFor();
    await page.getByTestId('contact-list').filter({ hasText: '顔合わせと連絡方法の確認' }).waitFor();
    await expectAccessible(page, 'directory entry with a contact');

    // A person of sato's without any consent for this hospital.
    const personId = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch('/api/v1/persons', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ name: '情報 提供', kana: 'ジョウホウ テイキョウ', birth_date: '1985-05-05', gender: 'other', disability_kinds: ['精神'] }),
      });
      return (await res.json()).id;
    });
    assert.ok(personId > 0);
    await page.goto(`/persons/${personId}/disclosures`);
    await page.getByRole('heading', { level: 2, name: '情報提供' }).waitFor();
    const fill = async () => {
      await page.locator('#f-directory_id').selectOption({ label: 'みなと医療センター 地域連携室（e2e）' });
      await page.locator('#f-what').fill('服薬の状況');
      await page.locator('#f-purpose').fill('通院の支援のため');
    };
    await fill();
    await page.getByRole('button', { name: '記録する' }).click();
    const refusal = page.getByTestId('disclosure-refused');
    await refusal.waitFor();
    const text = await refusal.innerText();
    assert.match(text, /本人の同意がないため/);
    assert.match(text, /みなと医療センター/);
    assert.match(text, /医療/);
    await expectAccessible(page, 'disclosure refused');

    // Record the consent (the 医療 sector), then the same disclosure is recorded.
    await refusal.getByRole('link', { name: '同意を記録する' }).click();
    await page.locator('#f-purpose').waitFor();
    await page.locator('#f-purpose').fill('医療機関との情報共有');
    await page.getByLabel('医療', { exact: true }).check();
    await expectAccessible(page, 'consent form with sectors');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForURL(/\/consents$/);
    await page.locator('tr[data-consent-id]').filter({ hasText: '医療機関との情報共有' }).waitFor();
    await page.goto(`/persons/${personId}/disclosures`);
    await page.getByTestId('disclosure-form').waitFor();
    await fill();
    await page.getByRole('button', { name: '記録する' }).click();
    await page.getByTestId('notice').filter({ hasText: '情報提供を記録しました' }).waitFor();
    const row = page.getByTestId('disclosure-list').locator('tr').filter({ hasText: 'みなと医療センター' });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(todayJst().slice(0, 4)));
    await expectAccessible(page, 'disclosures listed');

    // The entry's last contact is today.
    await page.goto(entryUrl);
    await page.getByTestId('contact-list').waitFor();
    await context.close();
  });

  test('weak ties on the user’s own page', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await page.goto('/account/weak-ties');
    await page.getByRole('heading', { level: 1, name: '弱いつながり' }).waitFor();
    await page.getByTestId('weak-ties-form').waitFor();
    await expectAccessible(page, 'weak ties');
    await page.getByRole('button', { name: 'つながりを追加' }).click();
    await page.locator('#f-items-3-name').fill('図書館の司書（架空）');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByTestId('notice').filter({ hasText: '弱いつながりを保存しました' }).waitFor();
    await context.close();
  });
});
