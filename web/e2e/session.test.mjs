// Sessions: login messages (wrong credentials, lockout), logout, and an expired session that
// returns to the login screen without losing the form being typed (draft in sessionStorage).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, expectAccessible, launchBrowser, login, newPage, startServer } from './helpers.mjs';

describe('session', { concurrency: false }, () => {
  let server, browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('wrong password, then lockout after repeated failures', async () => {
    const { page, context } = await newPage(browser, server.url);
    await page.goto('/');
    const attempt = async (password) => {
      await page.getByLabel('ログインID').fill('tanaka');
      await page.getByLabel('パスワード').fill(password);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.getByRole('button', { name: 'ログイン' }).click(),
      ]);
      await page.getByTestId('login-error').waitFor();
      return { status: res.status(), text: await page.getByTestId('login-error').innerText() };
    };
    const first = await attempt('wrong-password-0');
    assert.equal(first.status, 401);
    assert.match(first.text, /ログインIDまたはパスワードが違います/);
    await expectAccessible(page, 'login error');
    let locked = null;
    for (let i = 1; i < 7 && !locked; i++) {
      const r = await attempt(i < 5 ? 'wrong-password-' + i : PASSWORD);
      if (r.status === 429) locked = r;
    }
    assert.ok(locked, 'the login is locked after 5 failures');
    assert.match(locked.text, /ロック/);
    await context.close();
  });

  test('log out', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByText('ログアウトしました。').waitFor();
    await page.goto('/persons');
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await context.close();
  });

  async function typePerson(page, name) {
    await page.goto('/persons/new');
    await page.locator('#f-name').fill(name);
    await page.locator('#f-kana').fill('キゲンギレ テスト');
    await page.locator('#f-birth_date').fill('2000-02-29');
    await page.locator('#f-wishes').fill('下書きが消えないこと');
  }

  async function reloginAndSave(page, name) {
    await page.getByTestId('session-expired').waitFor();
    await expectAccessible(page, 'session expired');
    await page.getByLabel('パスワード').fill(PASSWORD);
    if (!(await page.getByLabel('ログインID').inputValue())) await page.getByLabel('ログインID').fill('sato');
    await page.getByRole('button', { name: 'ログイン' }).click();
    // back on the same form, with what was typed
    await page.getByTestId('draft-restored').waitFor();
    assert.equal(await page.locator('#f-name').inputValue(), name);
    assert.equal(await page.locator('#f-wishes').inputValue(), '下書きが消えないこと');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForURL(/\/persons\/\d+$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    // the draft is gone once saved
    await page.goto('/persons/new');
    assert.equal(await page.locator('#f-name').inputValue(), '');
  }

  test('expiry (cookie gone) returns to login without losing the typed form', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await typePerson(page, '期限切れ 一郎');
    await context.clearCookies();
    await page.getByRole('button', { name: '保存する' }).click();
    await reloginAndSave(page, '期限切れ 一郎');
    await context.close();
  });

  test('expiry (logged out elsewhere) returns to login without losing the typed form', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await typePerson(page, '期限切れ 二郎');
    const other = await context.newPage();
    await other.goto('/');
    await other.getByRole('button', { name: 'ログアウト' }).waitFor();
    await other.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': me.csrf_token, 'Content-Type': 'application/json' }, body: '{}' });
    });
    await other.close();
    await page.getByRole('button', { name: '保存する' }).click();
    await reloginAndSave(page, '期限切れ 二郎');
    await context.close();
  });

  test('validation message next to the field named by the API', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await page.goto('/persons/new');
    await page.locator('#f-name').fill('検証 テスト');
    await page.locator('#f-kana').fill('ｋａｎａ-abc');
    await page.locator('#f-birth_date').fill('1999-09-09');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.locator('#f-kana-err').waitFor();
    assert.equal(await page.locator('#f-kana').getAttribute('aria-invalid'), 'true');
    // Focus moves to the field in the render after the error appears: wait for it (fails after the timeout).
    await page.waitForFunction(() => document.activeElement?.id === 'f-kana');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-kana');
    await expectAccessible(page, 'validation error');
    await context.close();
  });

  test('language switch', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('link', { name: 'Persons' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await expectAccessible(page, 'home in English');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('link', { name: '利用者', exact: true }).waitFor();
    await context.close();
  });
});
