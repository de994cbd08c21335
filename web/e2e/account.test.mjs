// Everyone's own account and the person's consent: パスワード変更 (other sessions end, the old
// password stops working) and withdrawing a consent (the list says 撤回).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, expectAccessible, launchBrowser, login, newPage, startServer } from './helpers.mjs';

describe('account and consent', { concurrency: false }, () => {
  let server, browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('password change ends the other sessions; then the old password fails', async () => {
    const elsewhere = await newPage(browser, server.url);
    await login(elsewhere.page, 'sato');
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await page.getByRole('link', { name: 'パスワード変更' }).click();
    await page.getByRole('heading', { level: 1, name: 'パスワード変更' }).waitFor();
    await expectAccessible(page, 'password change');

    // wrong current password: shown next to that field
    await page.getByLabel('現在のパスワード').fill('not-my-password');
    await page.locator('#f-new_password').fill('aozora-no-shita-2026');
    await page.getByLabel('新しいパスワード（確認）').fill('aozora-no-shita-2026');
    await page.getByRole('button', { name: 'パスワードを変更' }).click();
    await page.locator('#f-old_password-err').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'f-old_password');
    await expectAccessible(page, 'password change with an error');
    // the two new passwords differ
    await page.getByLabel('現在のパスワード').fill(PASSWORD);
    await page.getByLabel('新しいパスワード（確認）').fill('aozora-no-shita-2027');
    await page.getByRole('button', { name: 'パスワードを変更' }).click();
    await page.locator('#f-new_password_again-err').waitFor();
    // too short: the server's message next to the new password
    await page.locator('#f-new_password').fill('mijikai');
    await page.getByLabel('新しいパスワード（確認）').fill('mijikai');
    // Both fields hold what was typed before submitting (the earlier error re-renders the form).
    await page.waitForFunction(() =>
      ['f-new_password', 'f-new_password_again'].every((id) => document.getElementById(id)?.value === 'mijikai'));
    await page.getByRole('button', { name: 'パスワードを変更' }).click();
    await page.locator('#f-new_password-err').waitFor();
    assert.match(await page.locator('#f-new_password-err').innerText(), /12文字/);

    await page.locator('#f-new_password').fill('aozora-no-shita-2026');
    await page.getByLabel('新しいパスワード（確認）').fill('aozora-no-shita-2026');
    await page.getByRole('button', { name: 'パスワードを変更' }).click();
    const done = page.getByTestId('password-changed');
    await done.waitFor();
    assert.match(await done.innerText(), /ほかの端末やブラウザでのログインはすべて終了しました/);
    assert.equal(await page.getByLabel('現在のパスワード').inputValue(), '');
    // this session goes on; the other one has ended
    await page.getByRole('link', { name: 'ホーム' }).click();
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    await elsewhere.page.goto('/persons');
    await elsewhere.page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await elsewhere.context.close();

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByText('ログアウトしました。').waitFor();
    await page.getByLabel('ログインID').fill('sato');
    await page.getByLabel('パスワード').fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByTestId('login-error').filter({ hasText: 'ログインIDまたはパスワードが違います' }).waitFor();
    await page.getByLabel('パスワード').fill('aozora-no-shita-2026');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    await context.close();
  });

  test('withdrawing a consent shows 撤回', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'suzuki');
    const personId = await page.evaluate(async () => (await (await fetch('/api/v1/persons')).json()).items[0].id);
    await page.goto(`/persons/${personId}/consents/new`);
    await page.locator('#f-purpose').fill('主治医との情報共有');
    await page.locator('#f-scope').fill('みどり病院');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForURL(/\/consents$/);
    const row = page.locator('tr[data-consent-id]').filter({ hasText: '主治医との情報共有' });
    await row.getByTestId('consent-status').filter({ hasText: '有効' }).waitFor();
    await row.getByRole('button', { name: /撤回する/ }).click();
    await row.getByTestId('withdraw-form').waitFor();
    await page.waitForFunction(() => /^f-withdraw-\d+-reason$/.test(document.activeElement?.id ?? ''));
    await expectAccessible(page, 'consent withdrawal form');
    await row.getByLabel('撤回の理由（任意）').fill('本人から申し出があったため');
    await row.getByRole('button', { name: '同意の撤回を記録' }).click();
    await page.getByTestId('notice').filter({ hasText: '同意の撤回を記録しました' }).waitFor();
    await row.getByTestId('consent-status').filter({ hasText: '撤回' }).waitFor();
    assert.equal(await row.getAttribute('data-status'), 'withdrawn');
    assert.match(await row.innerText(), /撤回/);
    assert.match(await row.innerText(), /本人から申し出があったため/);
    assert.equal(await row.getByRole('button', { name: /撤回する/ }).count(), 0);
    await expectAccessible(page, 'consents with a withdrawn one');
    await context.close();
  });

  test('the monitoring tab asks the API for this person only', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'suzuki');
    const personId = await page.evaluate(async () => (await (await fetch('/api/v1/persons')).json()).items[0].id);
    const [res] = await Promise.all([
      // ホーム (the login lands there) asks for the office's due list too, and its code loads
      // on demand: its answer may still come in after the navigation, so it is not the tab's.
      page.waitForResponse((r) => r.url().includes('/api/v1/monitoring/due') && new URL(r.url()).searchParams.has('person_id')),
      page.goto(`/persons/${personId}/monitorings`),
    ]);
    assert.equal(res.status(), 200);
    assert.equal(new URL(res.url()).searchParams.get('person_id'), String(personId));
    const body = await res.json();
    assert.ok(body.items.every((d) => d.person_id === personId));
    await page.locator('[data-testid="due-list"], .empty').first().waitFor();
    await expectAccessible(page, 'monitoring tab');
    await context.close();
  });
});
