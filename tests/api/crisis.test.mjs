// 緊急時対応計画 (crisis plan): GET/PUT /persons/{id}/crisis-plan with history, and the one-page A4
// print GET /print/persons/{id}/crisis-plan.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, Client, addDays, assertError, cleanup, ok, personBody, startDemoOffice, todayJst } from './lib/harness.mjs';

const PLAN = '/api/v1/persons/{id}/crisis-plan';
const HISTORY = '/api/v1/persons/{id}/crisis-plan/history';

let server;
let R;
let sato;
let suzuki;
let chief;
let admin;
let person;

const body = (over = {}) => ({
  early_signs: '眠れない日が続く。',
  what_helps: '静かな部屋。温かい飲み物。',
  what_to_avoid: '大きな声。',
  contacts: [
    { order: 2, name: 'つなぐ相談支援事業所（当番）', relation: '相談支援専門員', phone: '090-0000-0100', when: '夜間・休日' },
    { order: 1, name: '危機 花子', relation: '母', phone: '090-0000-0001', when: 'まず最初に' },
  ],
  steps: '1. 安全を確認する。\n2. 母に連絡する。',
  ...over,
});

before(async () => {
  ({ server, R, sato, suzuki, chief, admin } = await startDemoOffice());
  // The demo's rota puts one of the staff on call every night (当番 may read red flags and crisis
  // plans of the whole office): without it, suzuki is only another specialist, day or night.
  const month = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 7);
  ok(await R.call(chief, 'PUT', '/api/v1/oncall', { query: { month } }, { slots: [] }));
  person = ok(await sato.post(`${API}/persons`, personBody({ name: '<b>危機</b> 太郎', kana: 'キキ タロウ' })), 201);
});
after(cleanup);

const call = (...a) => R.call(...a);

describe('crisis plan', () => {
  test('none yet: GET → 200 with id null; print → 404', async () => {
    const c = ok(await call(sato, 'GET', PLAN, { id: person.id }));
    assert.equal(c.id, null);
    assert.deepEqual(c.contacts, []);
    assert.equal((await sato.get(`/print/persons/${person.id}/crisis-plan`)).status, 404);
  });

  test('PUT validates', async () => {
    assertError(await call(sato, 'PUT', PLAN, { id: person.id }, body({ steps: '' })), 400, 'validation', 'steps');
    assertError(await call(sato, 'PUT', PLAN, { id: person.id }, body({ contacts: [{ name: '母' }] })), 400, 'validation', 'contacts[0].phone');
    assertError(await call(sato, 'PUT', PLAN, { id: person.id }, body({ contacts: [{ name: '母', phone: '1', order: 0 }] })), 400, 'validation', 'contacts[0].order');
    assertError(await call(sato, 'PUT', PLAN, { id: person.id }, body({ reviewed_on: addDays(todayJst(), 1) })), 400, 'validation', 'reviewed_on');
    assertError(await call(sato, 'PUT', PLAN, { id: person.id }, { steps: 'x' }), 400, 'validation', 'contacts');
  });

  test('each PUT is a version: contacts by order, history newest first', async () => {
    const v1 = ok(await call(sato, 'PUT', PLAN, { id: person.id }, body({ reviewed_on: addDays(todayJst(), -30) })));
    assert.deepEqual(v1.contacts.map((c) => c.order), [1, 2]);
    assert.equal(v1.reviewed_on, addDays(todayJst(), -30));
    const v2 = ok(await call(sato, 'PUT', PLAN, { id: person.id }, body({ what_helps: '好きな音楽。' })));
    assert.equal(v2.reviewed_on, todayJst());
    assert.notEqual(v2.id, v1.id);
    const got = ok(await call(sato, 'GET', PLAN, { id: person.id }));
    assert.equal(got.id, v2.id);
    assert.equal(got.what_helps, '好きな音楽。');
    const h = ok(await call(sato, 'GET', HISTORY, { id: person.id }));
    assert.equal(h.total, 2);
    assert.deepEqual(h.items.map((c) => c.id), [v2.id, v1.id]);
    assert.equal(h.items[1].what_helps, '静かな部屋。温かい飲み物。');
  });

  test('scope: another specialist → 404, admin → 403, unauthenticated → 401', async () => {
    assertError(await call(suzuki, 'GET', PLAN, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'PUT', PLAN, { id: person.id }, body()), 404, 'not_found');
    assertError(await call(suzuki, 'GET', HISTORY, { id: person.id }), 404, 'not_found');
    assertError(await call(admin, 'GET', PLAN, { id: person.id }), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', PLAN, { id: person.id }), 401, 'unauthenticated');
    ok(await call(chief, 'GET', PLAN, { id: person.id }));
    assert.equal((await suzuki.get(`/print/persons/${person.id}/crisis-plan`)).status, 404);
    assert.equal((await admin.get(`/print/persons/${person.id}/crisis-plan`)).status, 403);
  });

  test('print: one A4 sheet, escaped, CSP, no script, audited', async () => {
    const res = await sato.get(`/print/persons/${person.id}/crisis-plan`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.match(res.headers['content-security-policy'], /default-src 'self'/);
    assert.equal((res.text.match(/class="sheet"/g) || []).length, 1, 'one page');
    assert.ok(res.text.includes('&lt;b&gt;危機&lt;/b&gt; 太郎'));
    assert.ok(!res.text.includes('<b>危機'));
    assert.ok(!/<script/i.test(res.text));
    assert.ok(res.text.indexOf('危機 花子') < res.text.indexOf('つなぐ相談支援事業所（当番）'), 'contacts in call order');
    assert.match(res.text, /好きな音楽。/);
    const rows = ok(await chief.get(`${API}/audit?person_id=${person.id}&action=print`)).items;
    assert.ok(rows.some((r) => r.entity === 'crisis_plan'));
  });
});

describe('OpenAPI conformance', () => {
  test('every response above matches docs/openapi.json', () => {
    const report = R.report();
    assert.deepEqual(report, [], report.join('\n'));
  });
});
