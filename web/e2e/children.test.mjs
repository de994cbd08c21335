// Children (issue #17) in a browser: a specialist registers a child with a guardian (保護者) and
// certificate numbers in the person form, the child's plan has 放課後等デイサービス and 短期入所 so it
// is a `both` plan, the plan view names both laws, and the print carries both titles and the
// guardian in its header. The 地域移行支援 episode page logs an activity. On a phone (390 px): the
// decision form's Q&A 問38 checkboxes (tick one, save, see it back on the plans tab) and the
// row-by-row モニタリング報告書 (a row's plan change and その他留意事項, in the view and the print),
// neither scrolling sideways. axe on every screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchBrowser, login, newPage, startServer, todayJst } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };

/** The page does not scroll sideways. */
async function assertNoSideways(page, what) {
  const [sw, w] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(sw <= w, `${what} scrolls sideways at ${w} px: scrollWidth ${sw}`);
}

async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const r = await fetch('/api/v1' + path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

const need = (priority, kind, text) => ({
  priority,
  need: text,
  goal: { indicator: `${text}（行動指標）`, own_words: `${text}（本人の言葉）` },
  services: [{ kind, provider: '', provider_id: null, content: text, amount: '週2回' }],
  own_role: '',
  notes: '',
});

describe('children: a both plan printed with the guardian', { concurrency: false }, () => {
  let server, browser, page;
  const state = {};

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page } = await newPage(browser, server.url));
    await page.goto('/');
    await login(page, 'sato');
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('register a child with a guardian and certificate numbers', async () => {
    await page.goto('/persons/new');
    await page.locator('#f-name').fill('児童 さくら');
    await page.locator('#f-kana').fill('ジドウ サクラ');
    await page.locator('#f-birth_date').fill('2015-06-01');
    await page.locator('#f-guardian-name').fill('児童 明美');
    await page.locator('#f-guardian-relation').fill('母');
    await page.locator('#f-guardian-phone').fill('090-1234-5678');
    await page.locator('#f-child_certificate_number').fill('1112223334');
    await page.locator('#f-copay_cap').fill('４６００'); // full-width digits become ASCII
    await expectAccessible(page, 'person form with guardian');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForURL(/\/persons\/\d+$/);
    state.personId = Number(/\/persons\/(\d+)$/.exec(page.url())[1]);
    const p = (await api(page, 'GET', `/persons/${state.personId}`)).body;
    assert.deepEqual(p.guardian, { name: '児童 明美', relation: '母', phone: '090-1234-5678' });
    assert.equal(p.copay_cap, 4600);
    assert.equal(p.child_certificate_number, '1112223334');
    await page.locator('[data-testid="life-transitions"]').waitFor();
    await expectAccessible(page, 'person page with life transitions');
  });

  test('放課後等デイ and 短期入所 make a both plan; the view names both laws', async () => {
    const today = todayJst();
    const r = await api(page, 'POST', `/persons/${state.personId}/plans`, {
      plan_date: today,
      wishes: '友だちと遊びたい。',
      policy: '放課後の居場所と、家族の休息を両方支える。',
      long_term_goal: '安心して毎日を過ごす',
      short_term_goal: '週3日、放課後等デイに通う',
      needs: [need(1, 'after_school_day', '放課後を安心して過ごしたい'), need(2, 'short_stay', '家族が休める時間がほしい')],
      weekly: [{ weekday: 1, start: '15:00', end: '17:00', activity: '放課後等デイ', kind: 'after_school_day' }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.kind, 'both');
    state.planId = r.body.id;
    await page.goto(`/persons/${state.personId}/plans/${state.planId}`);
    await page.getByRole('heading', { level: 1, name: /サービス等利用計画・障害児支援利用計画/ }).waitFor();
    await expectAccessible(page, 'both plan view');
  });

  test('the print has both titles and the guardian in the header; landscape on request', async () => {
    await page.goto(`/print/plans/${state.planId}`);
    const head = page.locator('section.sheet').first();
    await head.locator('h1', { hasText: 'サービス等利用計画・障害児支援利用計画' }).waitFor();
    const header = await head.locator('table.meta').first().innerText();
    for (const s of ['保護者氏名', '児童 明美（母）', '090-1234-5678', '1112223334', '4,600円']) assert.ok(header.includes(s), `${s} in the header: ${header}`);
    // dates never break inside a cell
    const ws = await head.locator('table.meta .date').first().evaluate((el) => getComputedStyle(el).whiteSpace);
    assert.equal(ws, 'nowrap');
    await page.goto(`/print/plans/${state.planId}?orientation=landscape`);
    await page.locator('section.sheet.landscape').waitFor();
  });

  test('a 地域移行支援 episode: start it, log an activity, see it open on the person page', async () => {
    await page.goto(`/persons/${state.personId}/transitions/new`);
    await page.locator('[data-testid="transition-form"]').waitFor();
    await page.locator('#f-from_name').fill('架空病院');
    await expectAccessible(page, 'transition form');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForURL(/\/transitions\/\d+$/);
    await page.locator('[data-testid="activity-form"] #f-note').fill('病棟で面会した。');
    await page.getByRole('button', { name: '記録する' }).click();
    await page.locator('[data-testid="transition-activities"]').getByText('病棟で面会した。').waitFor();
    await expectAccessible(page, 'transition page');
    await page.goto(`/persons/${state.personId}`);
    await page.locator('[data-testid="open-transitions"]').getByRole('link', { name: '地域移行支援' }).waitFor();
  });

  test('decision form on a phone: the 問38 checkboxes are one column; tick one, save, see it back', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`/persons/${state.personId}/decisions/new?plan=${state.planId}`);
    await page.locator('[data-testid="decision-form"]').waitFor();
    await page.getByLabel('医療的ケア児', { exact: true }).check();
    await page.getByTestId('qa38-advice').getByText(/医療的ケア児/).waitFor();
    await assertNoSideways(page, 'decision form');
    await expectAccessible(page, 'decision form with 問38 at 390 px');
    await page.locator('#f-certificate_number').fill('1234567890');
    for (const input of await page.locator('input[id^="f-services-"][id$="-amount"]').all()) await input.fill('月10日');
    await page.locator('#f-monitoring_interval_months').selectOption('3');
    await page.getByRole('button', { name: '支給決定を記録' }).click();
    await page.waitForURL(new RegExp(`/plans/${state.planId}$`));
    const d = (await api(page, 'GET', `/persons/${state.personId}/decisions`)).body.items[0];
    assert.ok(d.flags.includes('medical_care_child'), JSON.stringify(d.flags));
    await page.goto(`/persons/${state.personId}/plans`);
    assert.match(await page.getByTestId('decision-flags').first().innerText(), /医療的ケア児/);
    await assertNoSideways(page, 'plans tab');
  });

  test('the monitoring report row by row on a phone: a row’s plan change and その他留意事項, view and print', async () => {
    const today = todayJst();
    const base = `/persons/${state.personId}/plans/${state.planId}`;
    // the guardian consented to the draft; no conference was needed for this test
    let r = await api(page, 'PATCH', base, { draft_consented_on: today, draft_consent_by: '代理人', draft_consent_by_name: '児童 明美', conference_waived_reason: '試験：会議は開催していない' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    r = await api(page, 'POST', `${base}/submit`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    r = await api(page, 'POST', `${base}/issue`, { issued_on: today, consented_on: today });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await page.goto(`/persons/${state.personId}/monitorings/new`);
    await page.locator('[data-testid="monitoring-form"]').waitFor();
    for (const i of [0, 1]) await page.getByTestId(`goal-review-${i}`).getByLabel('一部達成', { exact: true }).check();
    await page.getByTestId('goal-review-1').getByLabel('サービス量の変更').check();
    await page.locator('#f-goals-1-notes').fill('夏休みは利用日が増える。');
    assert.match(await page.getByTestId('rows-change').innerText(), /有（サービス量の変更）/);
    await assertNoSideways(page, 'monitoring form');
    await expectAccessible(page, 'monitoring form row by row at 390 px');
    await page.getByRole('button', { name: 'モニタリングを記録' }).last().click();
    await page.waitForURL(/\/monitorings\/\d+/);
    await page.getByTestId('change-needed').waitFor();
    assert.match(await page.getByTestId('row-change-1').innerText(), /サービス量の変更/);
    assert.match(await page.getByTestId('row-change-0').innerText(), /変更なし/);
    await assertNoSideways(page, 'monitoring view');
    await expectAccessible(page, 'monitoring view row by row');
    const mid = Number(/\/monitorings\/(\d+)/.exec(page.url())[1]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/print/monitorings/${mid}`);
    const sheet = page.locator('section.sheet').first();
    await sheet.locator('h1', { hasText: 'サービス等利用計画・障害児支援利用計画 モニタリング報告書' }).waitFor();
    const text = await sheet.innerText();
    for (const s of ['達成時期', '計画変更の必要性', 'その他留意事項', '夏休みは利用日が増える。', '利用者同意署名欄', '（保護者）']) assert.ok(text.includes(s), s);
    const cells = await sheet.locator('table.mon tbody tr').nth(1).locator('td.yn').allInnerTexts();
    assert.deepEqual(cells, ['無', '有', '無']);
  });
});
