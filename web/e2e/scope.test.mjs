// A specialist reaches only the persons assigned to them: another specialist's person, opened
// by URL, shows 見つかりません (the API answers 404 for out-of-scope persons).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchBrowser, login, newPage, startServer } from './helpers.mjs';

async function personIds(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/persons?per_page=200', { credentials: 'same-origin' });
    const body = await r.json();
    return body.items.map((p) => p.id);
  });
}

describe('scope', { concurrency: false }, () => {
  let server, browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a specialist cannot open another specialist's person by URL", async () => {
    const suzuki = await newPage(browser, server.url);
    await login(suzuki.page, 'suzuki');
    let theirs = await personIds(suzuki.page);
    if (theirs.length === 0) {
      // no demo persons for suzuki: create one through the UI
      await suzuki.page.goto('/persons/new');
      await suzuki.page.locator('#f-name').fill('鈴木担当 太郎');
      await suzuki.page.locator('#f-kana').fill('スズキタントウ タロウ');
      await suzuki.page.locator('#f-birth_date').fill('1985-01-01');
      await suzuki.page.getByRole('button', { name: '保存する' }).click();
      await suzuki.page.waitForURL(/\/persons\/\d+$/);
      theirs = await personIds(suzuki.page);
    }
    const sato = await newPage(browser, server.url);
    await login(sato.page, 'sato');
    const mine = new Set(await personIds(sato.page));
    const other = theirs.find((id) => !mine.has(id));
    assert.ok(other, 'suzuki has a person that sato is not assigned to');

    for (const path of [`/persons/${other}`, `/persons/${other}/plans`, `/persons/${other}/edit`]) {
      await sato.page.goto(path);
      await sato.page.getByTestId('not-found').waitFor();
      await sato.page.getByRole('heading', { level: 1, name: '見つかりません' }).waitFor();
      assert.equal(await sato.page.getByText(/鈴木担当/).count(), 0);
    }
    await expectAccessible(sato.page, 'not found');
    // suzuki still sees the person
    await suzuki.page.goto(`/persons/${other}`);
    await suzuki.page.getByRole('link', { name: '基本情報を編集' }).waitFor();
    await suzuki.context.close();
    await sato.context.close();
  });

  test('an unknown route shows 見つかりません', async () => {
    const { page, context } = await newPage(browser, server.url);
    await login(page, 'sato');
    await page.goto('/no/such/screen');
    await page.getByTestId('not-found').waitFor();
    await context.close();
  });
});
