// 虐待通報 (abuse reports, 障害者虐待防止法): record without consent, never edited or deleted
// (PATCH/DELETE → 405, the tables refuse UPDATE/DELETE), follow-ups append, close; the chief sees
// every open report first (alert abuse_report); a specialist sees only their persons'.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  Client,
  SQLITE_ONLY,
  addDays,
  assertError,
  auditRows,
  cleanup,
  dbFile,
  ok,
  personBody,
  sqlite,
  startDemoOffice,
  todayJst,
} from './lib/harness.mjs';

const REPORTS = '/api/v1/persons/{id}/abuse-reports';
const REPORT = '/api/v1/persons/{id}/abuse-reports/{rid}';
const FOLLOWUPS = '/api/v1/persons/{id}/abuse-reports/{rid}/followups';
const CLOSE = '/api/v1/persons/{id}/abuse-reports/{rid}/close';

let server;
let R;
let sato;
let suzuki;
let chief;
let admin;
let person;
let report;

const body = (over = {}) => ({
  kinds: ['physical'],
  suspected_actor: 'family',
  observed: '訪問時、右腕にあざを確認。本人は「押された」と話した。',
  observed_on: addDays(todayJst(), -1),
  observed_by: '佐藤 花子',
  reported_on: todayJst(),
  reported_at: '10:30',
  reported_to: 'つなぐ市障害者虐待防止センター',
  reported_by: '佐藤 花子',
  ...over,
});

before(async () => {
  ({ server, R, sato, suzuki, chief, admin } = await startDemoOffice());
  // No consent is recorded for this person: reporting never needs one.
  person = ok(await sato.post(`${API}/persons`, personBody({ name: '通報 一郎', kana: 'ツウホウ イチロウ' })), 201);
});
after(cleanup);

const call = (...a) => R.call(...a);

describe('abuse reports: recording', () => {
  test('validation names the field', async () => {
    const cases = [
      [{ kinds: [] }, 'kinds'],
      [{ kinds: ['hitting'] }, 'kinds'],
      [{ suspected_actor: 'neighbour' }, 'suspected_actor'],
      [{ observed: '' }, 'observed'],
      [{ observed_on: addDays(todayJst(), 1) }, 'observed_on'],
      [{ reported_on: addDays(todayJst(), -2) }, 'reported_on'],
      [{ reported_at: '25:00' }, 'reported_at'],
      [{ reported_to: '' }, 'reported_to'],
      [{ reported_by: undefined }, 'reported_by'],
    ];
    for (const [over, field] of cases) assertError(await call(sato, 'POST', REPORTS, { id: person.id }, body(over)), 400, 'validation', field);
  });

  test('POST → 201 status reported, without any consent of the person', async () => {
    assert.equal(ok(await sato.get(`${API}/persons/${person.id}/consents`)).total, 0);
    report = ok(await call(sato, 'POST', REPORTS, { id: person.id }, body({ kinds: ['physical', 'psychological'] })), 201);
    assert.equal(report.status, 'reported');
    assert.deepEqual(report.kinds, ['physical', 'psychological']);
    assert.deepEqual(report.followups, []);
    assert.equal(report.closed_on, null);
    const list = ok(await call(sato, 'GET', REPORTS, { id: person.id }));
    assert.equal(list.total, 1);
    assert.equal(list.items[0].id, report.id);
    const rows = await auditRows(chief, person.id, 'create');
    assert.ok(rows.some((r) => r.entity === 'abuse_report' && r.entity_id === report.id));
  });

  test('never edited or deleted: PATCH and DELETE → 405, the report unchanged', async () => {
    assertError(await sato.patch(`${API}/persons/${person.id}/abuse-reports/${report.id}`, { observed: '書き換え' }), 405, 'method_not_allowed');
    assertError(await sato.delete(`${API}/persons/${person.id}/abuse-reports/${report.id}`), 405, 'method_not_allowed');
    assertError(await sato.put(`${API}/persons/${person.id}/abuse-reports/${report.id}`, body()), 405);
    assertError(await sato.delete(`${API}/persons/${person.id}/abuse-reports`), 405);
    const got = ok(await call(sato, 'GET', REPORT, { id: person.id, rid: report.id }));
    assert.equal(got.observed, report.observed);
  });

  test('the database itself refuses UPDATE and DELETE', { skip: SQLITE_ONLY }, async () => {
    const upd = await sqlite(dbFile(server.data), `UPDATE abuse_reports SET observed = 'x' WHERE id = ${report.id};`);
    assert.notEqual(upd.code, 0);
    assert.match(upd.stderr, /append-only/);
    const del = await sqlite(dbFile(server.data), `DELETE FROM abuse_reports WHERE id = ${report.id};`);
    assert.notEqual(del.code, 0);
  });
});

describe('abuse reports: the chief sees every open report first', () => {
  test('alert abuse_report for every open report of the office (the home screen pins them first)', async () => {
    const alerts = ok(await chief.get(`${API}/alerts`)).items;
    const abuse = alerts.filter((a) => a.kind === 'abuse_report');
    assert.ok(abuse.some((a) => a.entity_id === report.id && a.person_id === person.id && a.entity === 'abuse_report'));
    assert.ok(abuse.length >= 2, 'the demo office has a report in follow-up too');
    assert.ok(abuse.every((a) => a.days_left <= 0 && a.message === '虐待通報（対応中）'));
    const row = ok(await chief.get(`${API}/caseload`)).items.find((c) => c.person_id === person.id);
    assert.equal(row.open_abuse_reports, 1);
  });

  test('a specialist sees the reports of their persons only', async () => {
    const mine = ok(await sato.get(`${API}/alerts?kind=abuse_report`)).items;
    assert.ok(mine.some((a) => a.entity_id === report.id));
    const theirs = ok(await suzuki.get(`${API}/alerts?kind=abuse_report`)).items;
    assert.ok(!theirs.some((a) => a.person_id === person.id));
    assertError(await call(suzuki, 'GET', REPORTS, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', REPORT, { id: person.id, rid: report.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', REPORTS, { id: person.id }, body()), 404, 'not_found');
    assertError(await call(suzuki, 'POST', FOLLOWUPS, { id: person.id, rid: report.id }, { text: 'x' }), 404, 'not_found');
    assertError(await call(admin, 'GET', REPORTS, { id: person.id }), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', REPORTS, { id: person.id }), 401, 'unauthenticated');
    const other = ok(await suzuki.post(`${API}/persons`, personBody({ name: '別人 二郎', kana: 'ベツジン ジロウ' })), 201);
    assertError(await call(sato, 'GET', REPORT, { id: other.id, rid: report.id }), 404, 'not_found');
    ok(await call(chief, 'GET', REPORT, { id: person.id, rid: report.id }));
  });
});

describe('abuse reports: follow-ups and close', () => {
  test('a follow-up appends (status followup); the close ends it; nothing after the close', async () => {
    assertError(await call(sato, 'POST', FOLLOWUPS, { id: person.id, rid: report.id }, { text: '' }), 400, 'validation', 'text');
    assertError(await call(sato, 'POST', FOLLOWUPS, { id: person.id, rid: report.id }, { text: 'x', date: addDays(todayJst(), -5) }), 400, 'validation', 'date');
    const f = ok(await call(sato, 'POST', FOLLOWUPS, { id: person.id, rid: report.id }, { text: '市と同行訪問。' }), 201);
    assert.equal(f.status, 'followup');
    assert.equal(f.followups.length, 1);
    assert.equal(f.followups[0].kind, 'followup');
    assertError(await call(sato, 'POST', CLOSE, { id: person.id, rid: report.id }, {}), 400, 'validation', 'reason');
    const c = ok(await call(chief, 'POST', CLOSE, { id: person.id, rid: report.id }, { reason: '分離により安全を確保。' }));
    assert.equal(c.status, 'closed');
    assert.equal(c.closed_on, todayJst());
    assert.equal(c.close_reason, '分離により安全を確保。');
    assert.equal(c.followups.length, 2);
    assertError(await call(sato, 'POST', CLOSE, { id: person.id, rid: report.id }, { reason: 'again' }), 409, 'abuse_report_closed');
    assertError(await call(sato, 'POST', FOLLOWUPS, { id: person.id, rid: report.id }, { text: 'late' }), 409, 'abuse_report_closed');
    assertError(await call(sato, 'POST', FOLLOWUPS, { id: person.id, rid: 999999 }, { text: 'x' }), 404, 'not_found');
    const alerts = ok(await chief.get(`${API}/alerts?kind=abuse_report`)).items;
    assert.ok(!alerts.some((a) => a.entity_id === report.id), 'a closed report is no longer an alert');
    // Still there, whole.
    const got = ok(await call(sato, 'GET', REPORT, { id: person.id, rid: report.id }));
    assert.equal(got.observed, report.observed);
    assert.equal(got.status, 'closed');
  });
});

describe('OpenAPI conformance', () => {
  test('every response above matches docs/openapi.json', () => {
    const report = R.report();
    assert.deepEqual(report, [], report.join('\n'));
  });
});
