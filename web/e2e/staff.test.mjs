// The office chief's and the administrator's screens: 職員 (create, log in as the new account,
// reset its password, deactivate it), 担当者の設定 and the caseload filter, アクセスログ, and the
// administrator's home (offices, staff of every office, no person data anywhere).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchBrowser, login, newPage, startServer } from './helpers.mjs';

async function personIds(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/persons?per_page=200', { credentials: 'same-origin' });
    return (await r.json()).items.map((p) => ({ id: p.id, name: p.name }));
  });
}

async function loginFails(browser, url, loginName, password) {
  const { page, context } = await newPage(browser, url);
  await page.goto('/');
  await page.getByLabel('ログインID').fill(loginName);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByTestId('login-error').waitFor();
  const text = await page.getByTestId('login-error').innerText();
  await context.close();
  return text;
}

describe('chief and administrator screens', { concurrency: false }, () => {
  let server, browser, chief;
  const state = {};
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    chief = await newPage(browser, server.url);
    await login(chief.page, 'tanaka');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a specialist sees no staff or access log menu, and those screens say so', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    await nav.getByRole('link', { name: '利用者', exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name: '職員' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'アクセスログ' }).count(), 0);
    assert.equal(await page.getByLabel('担当者で絞り込む').count(), 0);
    for (const path of ['/users', '/users/new', '/audit']) {
      await page.goto(path);
      await page.getByTestId('forbidden').waitFor();
    }
    await expectAccessible(page, 'forbidden');
    await context.close();
  });

  test('chief creates a specialist; the server says what is wrong next to the field', async () => {
    const { page } = chief;
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    await nav.getByRole('link', { name: '職員' }).click();
    await page.getByRole('heading', { level: 1, name: '職員' }).waitFor();
    await page.getByTestId('user-list').waitFor();
    for (const l of ['sato', 'suzuki', 'tanaka']) await page.locator(`tr[data-login="${l}"]`).waitFor();
    await expectAccessible(page, 'staff list');
    await page.getByRole('link', { name: '職員を登録' }).click();
    await page.getByTestId('user-form').waitFor();
    await page.getByLabel('氏名').fill('山田 太郎');
    await page.getByLabel('ログインID').fill('yamada');
    await page.getByLabel('相談支援専門員', { exact: true }).check();
    await page.getByLabel('初期パスワード').fill('short-pw');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.locator('#f-password-err').waitFor();
    assert.match(await page.locator('#f-password-err').innerText(), /12文字/);
    assert.equal(await page.locator('#f-password').getAttribute('aria-invalid'), 'true');
    await page.waitForFunction(() => document.activeElement?.id === 'f-password');  // focus follows the render
    await expectAccessible(page, 'staff form with an error');
    // a login that is taken: 409 login_taken, shown next to ログインID
    await page.getByLabel('ログインID').fill('sato');
    await page.getByLabel('初期パスワード').fill('kumo-no-ue-de-2026');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.locator('#f-login-err').waitFor();
    await page.getByLabel('ログインID').fill('yamada');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/users$/);
    await page.getByTestId('notice').filter({ hasText: '山田 太郎' }).waitFor();
    const row = page.locator('tr[data-login="yamada"]');
    assert.match(await row.innerText(), /相談支援専門員/);
    assert.match(await row.innerText(), /有効/);
  });

  test('the new specialist logs in and must first change the one-time password', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'yamada', 'kumo-no-ue-de-2026');
    // issue #13: a password the chief chose is one-time
    await page.getByTestId('forced-password-change').waitFor();
    await expectAccessible(page, 'forced password change');
    await page.getByLabel('現在のパスワード').fill('kumo-no-ue-de-2026');
    await page.locator('#f-new_password').fill('jibun-no-kagi-2026x');
    await page.locator('#f-new_password_again').fill('jibun-no-kagi-2026x');
    await page.getByRole('button', { name: 'パスワードを変更' }).click();
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    assert.match(await page.getByTestId('user-name').innerText(), /山田 太郎/);
    await context.close();
  });

  test('chief resets the password, then deactivates the account (with a confirmation)', async () => {
    const { page } = chief;
    await page.locator('tr[data-login="yamada"]').getByRole('link', { name: '山田 太郎' }).click();
    await page.getByRole('heading', { level: 1, name: /山田 太郎/ }).waitFor();
    await expectAccessible(page, 'staff page');
    await page.getByLabel('新しいパスワード').fill('yamada-2026-new-pw');
    await page.getByRole('button', { name: 'パスワードを再設定' }).click();
    await page.locator('#f-new_password-err').waitFor(); // contains the login
    await page.getByLabel('新しいパスワード').fill('hoshi-no-yoru-2027');
    await page.getByRole('button', { name: 'パスワードを再設定' }).click();
    await page.getByTestId('notice').filter({ hasText: '再設定しました' }).waitFor();
    assert.match(await loginFails(browser, server.url, 'yamada', 'kumo-no-ue-de-2026'), /ログインIDまたはパスワードが違います/);
    const other = await newPage(browser, server.url);
    await login(other.page, 'yamada', 'hoshi-no-yoru-2027');
    await other.context.close();

    await page.getByTestId('deactivate').click();
    await page.getByTestId('deactivate-confirm').waitFor();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'deactivate-confirm');
    await expectAccessible(page, 'deactivation question');
    await page.getByRole('button', { name: 'キャンセル' }).click();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'deactivate'); // focus comes back
    await page.getByTestId('deactivate').click();
    await page.getByRole('button', { name: 'はい、利用停止にする' }).click();
    await page.getByTestId('notice').filter({ hasText: '利用停止にしました' }).waitFor();
    await page.getByTestId('user-active').filter({ hasText: '利用停止' }).first().waitFor();
    assert.match(await loginFails(browser, server.url, 'yamada', 'hoshi-no-yoru-2027'), /ログインIDまたはパスワードが違います/);
    // the list says so too
    await page.getByRole('link', { name: '職員の一覧へ戻る' }).click();
    assert.match(await page.locator('tr[data-login="yamada"]').innerText(), /利用停止/);
  });

  test('a chief cannot deactivate themself', async () => {
    const { page } = chief;
    await page.locator('tr[data-login="tanaka"]').getByRole('link').first().click();
    await page.getByText('自分自身のアカウントは利用停止にできません。').waitFor();
    assert.equal(await page.getByTestId('deactivate').count(), 0);
    // and the API agrees (409 cannot_deactivate_self)
    const status = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const r = await fetch('/api/v1/users/' + me.user.id, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ active: false }),
      });
      return [r.status, (await r.json()).error.code];
    });
    assert.deepEqual(status, [409, 'cannot_deactivate_self']);
  });

  test('chief assigns a person to suzuki; suzuki then sees the person', async () => {
    const suzuki = await newPage(browser, server.url);
    await login(suzuki.page, 'suzuki');
    const before = new Set((await personIds(suzuki.page)).map((p) => p.id));
    const all = await personIds(chief.page);
    const target = all.find((p) => !before.has(p.id));
    assert.ok(target, 'a person suzuki is not assigned to');
    state.person = target;

    const { page } = chief;
    await page.goto(`/persons/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.name }).waitFor();
    await page.getByTestId('assign-edit').click();
    await page.getByTestId('assign-form').waitFor();
    await expectAccessible(page, 'assignees form');
    await page.getByTestId('assign-form').getByLabel(/鈴木 一郎/).check();
    await page.getByRole('button', { name: '担当者を保存' }).click();
    await page.getByTestId('notice').filter({ hasText: '担当者を変更しました' }).waitFor();
    await page.getByTestId('assignees').getByText('鈴木 一郎').waitFor();
    await page.locator('.person-meta').getByText(/鈴木 一郎/).waitFor();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'assign-edit');

    await suzuki.page.goto('/persons');
    await suzuki.page.getByTestId('person-list').getByRole('link', { name: target.name }).click();
    await suzuki.page.getByRole('heading', { level: 1, name: target.name }).waitFor();
    await suzuki.context.close();
  });

  test('caseload filter by specialist on ホーム', async () => {
    const { page } = chief;
    await page.getByRole('link', { name: 'ホーム' }).click();
    await page.getByRole('heading', { level: 1, name: /ホーム/ }).waitFor();
    await page.getByTestId('caseload').waitFor();
    const allRows = await page.locator('[data-testid="caseload"] tbody tr').count();
    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/caseload\?user_id=\d+(&|$)/.test(r.url())),
      page.getByLabel('担当者で絞り込む').selectOption({ label: '鈴木 一郎' }),
    ]);
    assert.equal(res.status(), 200);
    await page.locator(`[data-testid="caseload"] tr[data-person-id="${state.person.id}"]`).waitFor();
    const rows = page.locator('[data-testid="caseload"] tbody tr');
    const n = await rows.count();
    assert.ok(n >= 1 && n < allRows, `filtered ${n} of ${allRows}`);
    for (let i = 0; i < n; i++) assert.match(await rows.nth(i).innerText(), /鈴木 一郎/);
    assert.match(page.url(), /\?user_id=\d+$/);
    await expectAccessible(page, 'home filtered by specialist');
    await page.getByLabel('担当者で絞り込む').selectOption({ label: 'すべての担当者' });
    await page.waitForFunction((all) => document.querySelectorAll('[data-testid="caseload"] tbody tr').length === all, allRows);
  });

  test('chief views the access log and finds the read of that person', async () => {
    const { page } = chief;
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'アクセスログ' }).click();
    await page.getByRole('heading', { level: 1, name: 'アクセスログ' }).waitFor();
    await page.getByTestId('audit-log').waitFor();
    await expectAccessible(page, 'access log');
    await page.getByLabel('職員').selectOption({ label: '鈴木 一郎（suzuki）' });
    await page.getByLabel('利用者ID').fill(String(state.person.id));
    await page.getByLabel('操作').selectOption({ label: '閲覧' });
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.waitForURL(/\/audit\?.*person_id=/);
    const row = page.locator(`[data-testid="audit-log"] tr[data-action="read"][data-entity="person"][data-person-id="${state.person.id}"]`).first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /鈴木 一郎/);
    assert.match(text, /閲覧/);
    assert.match(text, /127\.0\.0\.1/);
    assert.match(text, /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    // every row is suzuki's read of that person
    const rows = page.locator('[data-testid="audit-log"] tbody tr');
    for (let i = 0; i < (await rows.count()); i++) {
      assert.equal(await rows.nth(i).getAttribute('data-person-id'), String(state.person.id));
      assert.equal(await rows.nth(i).getAttribute('data-action'), 'read');
    }
    await expectAccessible(page, 'access log filtered');
    // the person page links to the log for that person
    await page.goto(`/persons/${state.person.id}`);
    await page.getByRole('link', { name: 'この利用者のアクセスログ' }).click();
    await page.waitForURL(new RegExp(`/audit\\?person_id=${state.person.id}$`));
    assert.equal(await page.getByLabel('利用者ID').inputValue(), String(state.person.id));
    await page.getByTestId('audit-log').waitFor();
    // a date range: today only still has it; a range in the past has nothing
    await page.getByLabel('開始日').fill('2020-01-01');
    await page.getByLabel('終了日').fill('2020-01-31');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.getByText('該当する記録はありません。').waitFor();
  });

  test('administrator: offices and staff of every office, no person menu', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'admin');
    await page.getByRole('heading', { level: 1, name: 'システム管理' }).waitFor();
    await page.getByTestId('office-list').waitFor();
    assert.ok((await page.locator('[data-testid="office-list"] tbody tr').count()) >= 1);
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    await nav.getByRole('link', { name: '職員' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: '利用者', exact: true }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'アクセスログ' }).count(), 0);
    await expectAccessible(page, 'administrator home');

    // a new office, then its chief
    await page.getByLabel('事業所名').fill('つなぐ相談支援センター北');
    await page.getByRole('button', { name: '事業所を登録' }).click();
    await page.getByTestId('notice').filter({ hasText: 'つなぐ相談支援センター北' }).waitFor();
    const officeRow = page.locator('[data-testid="office-list"] tr').filter({ hasText: 'つなぐ相談支援センター北' });
    await officeRow.getByRole('link', { name: /に職員を登録/ }).click();
    await page.getByTestId('user-form').waitFor();
    assert.notEqual(await page.getByLabel('所属事業所').inputValue(), '');
    await page.getByLabel('氏名').fill('北村 恵');
    await page.getByLabel('ログインID').fill('kitamura');
    await page.getByLabel('主任相談支援専門員').check();
    await page.getByLabel('初期パスワード').fill('minami-kaze-2026');
    await expectAccessible(page, 'administrator staff form');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/users\?office_id=\d+$/);
    await page.locator('tr[data-login="kitamura"]').waitFor();
    assert.equal(await page.locator('tr[data-login="sato"]').count(), 0, 'filtered to the new office');
    // every office
    await page.getByLabel('事業所で絞り込む').selectOption({ label: 'すべての事業所' });
    await page.locator('tr[data-login="sato"]').waitFor();
    assert.match(await page.locator('tr[data-login="kitamura"]').innerText(), /つなぐ相談支援センター北/);
    await expectAccessible(page, 'staff of every office');

    // person screens are not offered (the API would answer 403)
    let personRequests = 0;
    page.on('request', (r) => /\/api\/v1\/(persons|caseload|alerts|monitoring)/.test(r.url()) && personRequests++);
    await page.goto('/persons');
    await page.getByTestId('forbidden').waitFor();
    await page.goto('/');
    await page.getByTestId('office-list').waitFor();
    assert.equal(personRequests, 0);
    // the same screens in English
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await expectAccessible(page, 'administrator home in English');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff (all offices)' }).waitFor();
    await expectAccessible(page, 'staff of every office in English');
    await context.close();
  });
});
