// レッドフラグ (red flags): GET/PUT /persons/{id}/redflags with a dated history, the review that every
// monitoring must carry, and the alerts redflag_raised and redflag_review_due (92 days; the date is
// moved by restarting the server on the same data with TSUNAGU_TIME_OFFSET). Contract:
// docs/api-conventions.md "Rights and safety" and docs/openapi.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  Client,
  ENV,
  addDays,
  assertError,
  auditRows,
  cleanup,
  createIssuedPlan,
  monitoringBody,
  ok,
  personBody,
  signedIn,
  startDemoOffice,
  startServer,
  todayJst,
} from './lib/harness.mjs';

const FLAGS = '/api/v1/persons/{id}/redflags';
const HISTORY = '/api/v1/persons/{id}/redflags/history';
const MONITORINGS = '/api/v1/persons/{id}/monitorings';
const MONITORING = '/api/v1/persons/{id}/monitorings/{mid}';
const CODES = ['abuse_signs', 'consent_capacity', 'restraint', 'sharing_scope', 'self_harm', 'housing_loss', 'family_limit', 'health_crisis', 'money'];
const DAY = 24 * 3600;

let server;
let R;
let sato;
let suzuki;
let chief;
let admin;
let person;
let plan;

before(async () => {
  ({ server, R, sato, suzuki, chief, admin } = await startDemoOffice());
  // The demo's rota puts one of the staff on call every night (当番 may read red flags and crisis
  // plans of the whole office): without it, suzuki is only another specialist, day or night.
  const month = new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 7);
  ok(await R.call(chief, 'PUT', '/api/v1/oncall', { query: { month } }, { slots: [] }));
  person = ok(await sato.post(`${API}/persons`, personBody({ name: '赤旗 太郎', kana: 'アカハタ タロウ' })), 201);
  ({ plan } = await createIssuedPlan(sato, person.id));
});
after(cleanup);

const call = (...a) => R.call(...a);

describe('red flags: read and review', () => {
  test('never reviewed: all nine codes "none", no date', async () => {
    const r = ok(await call(sato, 'GET', FLAGS, { id: person.id }));
    assert.deepEqual(r.items.map((i) => i.code), CODES);
    assert.ok(r.items.every((i) => i.status === 'none'));
    assert.equal(r.reviewed_on, null);
    assert.equal(r.id, null);
    assert.deepEqual(r.raised, []);
  });

  test('PUT validates codes, statuses, duplicates and the date', async () => {
    assertError(await call(sato, 'PUT', FLAGS, { id: person.id }, {}), 400, 'validation', 'items');
    assertError(await call(sato, 'PUT', FLAGS, { id: person.id }, { items: [{ code: 'nope', status: 'none' }] }), 400, 'validation', 'items[0].code');
    assertError(await call(sato, 'PUT', FLAGS, { id: person.id }, { items: [{ code: 'money', status: 'red' }] }), 400, 'validation', 'items[0].status');
    assertError(
      await call(sato, 'PUT', FLAGS, { id: person.id }, { items: [{ code: 'money', status: 'watch' }, { code: 'money', status: 'none' }] }),
      400,
      'validation',
      'items[1].code',
    );
    assertError(await call(sato, 'PUT', FLAGS, { id: person.id }, { items: [], reviewed_on: addDays(todayJst(), 1) }), 400, 'validation', 'reviewed_on');
  });

  test('every PUT keeps a dated review: history newest first', async () => {
    const first = ok(await call(sato, 'PUT', FLAGS, { id: person.id }, { items: [{ code: 'money', status: 'watch', note: '年金の管理' }], reviewed_on: addDays(todayJst(), -10) }));
    assert.equal(first.reviewed_on, addDays(todayJst(), -10));
    const second = ok(await call(sato, 'PUT', FLAGS, { id: person.id }, { items: [{ code: 'self_harm', status: 'raised', note: '夜間の不安' }] }));
    assert.equal(second.reviewed_on, todayJst());
    assert.deepEqual(second.raised, ['self_harm']);
    assert.equal(second.items.find((i) => i.code === 'money').status, 'none', 'a review replaces the whole set');
    const h = ok(await call(sato, 'GET', HISTORY, { id: person.id }));
    assert.equal(h.total, 2);
    assert.deepEqual(h.items.map((r) => r.id), [second.id, first.id]);
    assert.equal(h.items[1].items.find((i) => i.code === 'money').note, '年金の管理');
    assert.equal(h.items[0].reviewed_by_name, '佐藤 花子');
    const page = ok(await call(sato, 'GET', HISTORY, { id: person.id, query: { per_page: 1, page: 2 } }));
    assert.deepEqual(page.items.map((r) => r.id), [first.id]);
    assert.equal(page.total, 2);
    const current = ok(await call(sato, 'GET', FLAGS, { id: person.id }));
    assert.equal(current.id, second.id);
  });

  test('a raised flag: alert redflag_raised and the caseload column', async () => {
    const alerts = ok(await sato.get(`${API}/alerts?person_id=${person.id}`)).items;
    const raised = alerts.find((a) => a.kind === 'redflag_raised');
    assert.ok(raised, JSON.stringify(alerts));
    assert.equal(raised.entity, 'person');
    assert.equal(raised.date, todayJst());
    assert.deepEqual(alerts.map((a) => a.date), [...alerts.map((a) => a.date)].sort(), 'alerts stay in date order');
    const row = ok(await sato.get(`${API}/caseload`)).items.find((c) => c.person_id === person.id);
    assert.deepEqual(row.redflags_raised, ['self_harm']);
  });

  test('scope: another specialist → 404, admin → 403, unauthenticated → 401; reads are audited', async () => {
    assertError(await call(suzuki, 'GET', FLAGS, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'PUT', FLAGS, { id: person.id }, { items: [] }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', HISTORY, { id: person.id }), 404, 'not_found');
    assertError(await call(admin, 'GET', FLAGS, { id: person.id }), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', FLAGS, { id: person.id }), 401, 'unauthenticated');
    ok(await call(chief, 'GET', FLAGS, { id: person.id }));
    const rows = await auditRows(chief, person.id);
    assert.ok(rows.some((r) => r.action === 'read' && r.entity === 'redflags'));
    assert.ok(rows.some((r) => r.action === 'update' && r.entity === 'redflags'));
  });
});

describe('red flags: every monitoring reviews them', () => {
  test('POST monitorings without redflags → 400 field redflags; a bad item names its path', async () => {
    const { redflags: _, ...body } = monitoringBody(plan);
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, body), 400, 'validation', 'redflags');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...body, redflags: [{ code: 'x', status: 'none' }] }), 400, 'validation', 'redflags[0].code');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...body, redflags: {} }), 400, 'validation', 'redflags');
  });

  test('the review is stored with the monitoring and joins the history', async () => {
    const m = ok(
      await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { redflags: [{ code: 'family_limit', status: 'raised', note: '母の入院' }] })),
      201,
    );
    assert.equal(m.redflags.length, 9);
    assert.equal(m.redflags.find((i) => i.code === 'family_limit').status, 'raised');
    const got = ok(await call(sato, 'GET', MONITORING, { id: person.id, mid: m.id }));
    assert.deepEqual(got.redflags, m.redflags);
    const current = ok(await call(sato, 'GET', FLAGS, { id: person.id }));
    assert.equal(current.monitoring_id, m.id);
    assert.deepEqual(current.raised, ['family_limit']);
    assert.equal(ok(await call(sato, 'GET', HISTORY, { id: person.id })).total, 3);
    const html = await sato.get(`/print/monitorings/${m.id}`);
    assert.equal(html.status, 200);
    assert.match(html.text, /権利擁護・安全の確認/);
    assert.match(html.text, /家族の限界/);
  });
});

describe('red flags: review due after 92 days (server clock moved)', () => {
  test('day 92: no redflag_review_due; day 93: redflag_review_due', async () => {
    const fresh = ok(await sato.post(`${API}/persons`, personBody({ name: '見直 花子', kana: 'ミナオシ ハナコ' })), 201);
    ok(await sato.put(`${API}/persons/${fresh.id}/redflags`, { items: [] }));
    const dueOn = addDays(todayJst(), 92);
    await server.stop();
    for (const [days, expect] of [
      [92, false],
      [93, true],
    ]) {
      const moved = await startServer({ data: server.data, env: { ...ENV, TSUNAGU_TIME_OFFSET: String(days * DAY) } });
      const s = await signedIn(moved, 'sato');
      const alerts = ok(await s.get(`${API}/alerts?person_id=${fresh.id}`)).items;
      const due = alerts.find((a) => a.kind === 'redflag_review_due');
      assert.equal(Boolean(due), expect, `day ${days}: ${JSON.stringify(alerts)}`);
      if (due) {
        assert.equal(due.date, dueOn);
        assert.equal(due.days_left, -1);
        assert.equal(due.entity, 'person');
      }
      await moved.stop();
    }
  });
});

describe('OpenAPI conformance', () => {
  test('every response above matches docs/openapi.json', () => {
    const report = R.report();
    assert.deepEqual(report, [], report.join('\n'));
  });
});
