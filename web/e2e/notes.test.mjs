// 支援経過記録 and search in the browser: write a note on the 記録 tab (own words first, next step
// required, Enter during IME composition does not submit), find it from the header search with
// the match marked, and open it. Every screen is checked with axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchBrowser, login, newPage, startServer } from './helpers.mjs';

describe('notes and search', { concurrency: false }, () => {
  let server, browser, page, context;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, context } = await newPage(browser, server.url));
    await login(page, 'sato');
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  test('write a note, find it from the header search, open it', async () => {
    const personId = await page.evaluate(async () => {
      const r = await fetch('/api/v1/persons?per_page=1', { credentials: 'same-origin' });
      return (await r.json()).items[0].id;
    });
    await page.goto(`/persons/${personId}/records`);
    await page.getByTestId('note-list').waitFor();
    await expectAccessible(page, 'notes tab (demo notes)');

    await page.getByRole('button', { name: '＋ 記録を書く' }).click();
    const form = page.getByTestId('note-form');
    await form.waitFor();
    // Own words come first in the form.
    const first = await form.locator('textarea, input, select').first().getAttribute('id');
    assert.equal(first, 'f-own_words');
    await page.locator('#f-own_words').fill('ｸﾞﾙｰﾌﾟﾎｰﾑの見学に行ってみたい。');
    await page.locator('#f-soap-s').fill('見学の希望を話す。');
    // next_step is required: the API's refusal is shown next to the field.
    await page.getByRole('button', { name: '保存する' }).click();
    await page.locator('#f-next_step-err').waitFor();
    await expectAccessible(page, 'note form with an error');

    // Enter while an IME is composing must not submit the form (compositionstart, Enter,
    // compositionend: no POST; the document-wide guard of lib/ime.ts holds the key back).
    await page.locator('#f-next_step').fill('見学先を2か所調べる');
    let posts = 0;
    const count = (r) => r.method() === 'POST' && /\/notes$/.test(new URL(r.url()).pathname) && posts++;
    page.on('request', count);
    const next = page.locator('#f-next_step');
    await next.focus();
    await next.dispatchEvent('compositionstart', { data: '' });
    const seen = await next.evaluate((input) => {
      const ev = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true });
      let reached = false;
      const mark = () => (reached = true);
      input.form.addEventListener('keydown', mark);
      input.dispatchEvent(ev);
      input.form.removeEventListener('keydown', mark);
      return reached;
    });
    assert.equal(seen, false, 'the composing Enter reaches no key handler of the form');
    await page.keyboard.press('Enter');
    await next.dispatchEvent('compositionend', { data: '調べる' });
    await page.waitForTimeout(300);
    page.off('request', count);
    assert.equal(posts, 0, 'Enter during the composition did not save');
    await form.waitFor();

    await page.getByRole('button', { name: '保存する' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = page.getByTestId('note').first();
    await saved.getByText('「ｸﾞﾙｰﾌﾟﾎｰﾑの見学に行ってみたい。」').waitFor();
    await expectAccessible(page, 'notes tab with the new note');

    // The header search: hiragana finds the half-width katakana, and the match is marked.
    await page.getByRole('searchbox', { name: '記録を検索' }).fill('ぐるーぷほーむの見学');
    await page.getByRole('searchbox', { name: '記録を検索' }).press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const results = page.getByTestId('search-results');
    await results.waitFor();
    const mark = results.locator('mark').first();
    assert.equal(await mark.innerText(), 'ｸﾞﾙｰﾌﾟﾎｰﾑの見学');
    await expectAccessible(page, 'search results');

    await results.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/persons/${personId}/records/\\d+$`));
    await page.getByText('「ｸﾞﾙｰﾌﾟﾎｰﾑの見学に行ってみたい。」').waitFor();
    await page.getByText('見学先を2か所調べる').waitFor();
    await expectAccessible(page, 'one note');
  });

  test('a locked demo note offers a correction, shown under the original', async () => {
    const personId = await page.evaluate(async () => {
      const r = await fetch('/api/v1/persons?per_page=1', { credentials: 'same-origin' });
      return (await r.json()).items[0].id;
    });
    await page.goto(`/persons/${personId}/records`);
    const locked = page.getByTestId('note').filter({ hasText: '24時間経過' }).first();
    await locked.getByRole('button', { name: '訂正を追記する' }).click();
    await locked.locator('#f-text').fill('訪問は午後でした。');
    await locked.locator('#f-reason').fill('記載誤り');
    await locked.getByRole('button', { name: '訂正を追記する' }).click();
    await page.getByTestId('correction').filter({ hasText: '訪問は午後でした。' }).waitFor();
    await expectAccessible(page, 'note with a correction');
  });

  test("the chief's list of substitute decisions", async () => {
    const chief = await newPage(browser, server.url);
    await login(chief.page, 'tanaka');
    await chief.page.getByRole('link', { name: '意思決定支援', exact: true }).click();
    const list = chief.page.getByTestId('decision-support-list');
    await list.waitFor();
    await list.getByText('成年後見人').first().waitFor();
    await expectAccessible(chief.page, 'decision support list');
    await chief.context.close();
  });
});
