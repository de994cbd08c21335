// 計画相談支援 (planning cycle), part 3: alerts (GET /alerts) and the caseload (GET /caseload).
// Contract: docs/api-conventions.md "Alerts, caseload" and docs/openapi.json. Every date is
// computed from today in Japan (the server's today), so days_left can be checked exactly.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  Client,
  addDays,
  addMonths,
  addYears,
  assertError,
  cleanup,
  createIssuedPlan,
  daysBetween,
  decisionBody,
  lastDayOfMonth,
  monitoringBody,
  ok,
  personBody,
  todayJst,
  startDemoOffice,
} from './lib/harness.mjs';

let server;
let R;
let sato;
let suzuki;
let chief;
let admin;
let today;
let thisMonth;

before(async () => {
  ({ server, R, sato, suzuki, chief, admin } = await startDemoOffice());
  today = todayJst();
  thisMonth = today.slice(0, 7);
});
after(cleanup);

const ALERTS = `${API}/alerts`;
const CASELOAD = `${API}/caseload`;
const call = (...args) => R.call(...args);

/** The routes of this file, each checked against the OpenAPI document at the end. */
const ROUTES = [['GET', ALERTS], ['GET', CASELOAD]];

async function newPerson(over = {}, who = sato) {
  return ok(await who.post(`${API}/persons`, personBody({ name: 'アラート 確認', ...over })), 201);
}

async function alertsOf(personId, who = sato, query = {}) {
  const b = ok(await call(who, 'GET', ALERTS, { query: { person_id: personId, ...query } }));
  assert.equal(b.total, b.items.length);
  return b.items;
}

const kinds = (items) => items.map((a) => a.kind);

/**
 * A person (as `who`) with every kind of alert: a plan issued 4 months ago, monthly monitoring,
 * the decision ending in 60 days, support level valid 30 more days, a consent expiring in 10 days,
 * turning 18 in 100 days.
 */
async function everyAlertCase(who = sato, name = '全種類 アラート') {
  const m0 = addMonths(thisMonth, -4);
  const birth = addYears(addDays(today, 100), -18);
  const person = await newPerson({ name, birth_date: birth, guardian: { name: '保護者 花子', relation: '母', phone: '090-1111-2222' } }, who); // a child's plan needs a guardian (#17)
  const planDate = `${m0}-10`;
  const { plan, decision } = await createIssuedPlan(who, person.id, {
    plan: { plan_date: planDate },
    decision: { decided_on: `${m0}-01`, period_start: `${m0}-01`, period_end: addDays(today, 60), monitoring_interval_months: 1 },
    issue: { issued_on: planDate, consented_on: planDate },
  });
  ok(await who.patch(`${API}/persons/${person.id}`, { support_level_valid_until: addDays(today, 30) }));
  const consent = ok(
    await who.post(`${API}/persons/${person.id}/consents`, {
      purpose: '計画作成のための情報共有',
      scope: ['市役所'],
      given_by: '本人',
      given_on: addDays(today, -300),
      expires_on: addDays(today, 10),
    }),
    201,
  );
  return { person, plan, decision, consent, m0, birth };
}

describe('GET /alerts', () => {
  let c; // the every-alert case

  before(async () => {
    c = await everyAlertCase();
  });

  test('monitoring_overdue for each past due month without a monitoring: date = due date, days_left negative, entity plan', async () => {
    const items = (await alertsOf(c.person.id)).filter((a) => a.kind === 'monitoring_overdue');
    const months = [1, 2, 3].map((i) => addMonths(c.m0, i));
    assert.deepEqual(items.map((a) => a.date), months.map(lastDayOfMonth));
    for (const a of items) {
      assert.equal(a.days_left, daysBetween(today, a.date));
      assert.ok(a.days_left < 0);
      assert.equal(a.entity, 'plan');
      assert.equal(a.entity_id, c.plan.id);
      assert.equal(a.person_id, c.person.id);
      assert.equal(a.person_name, c.person.name);
      assert.match(a.message, /[^\x00-\x7f]/, 'a Japanese message');
    }
  });

  test('monitoring_due when this month’s due date is within 14 days', async () => {
    const items = (await alertsOf(c.person.id)).filter((a) => a.kind === 'monitoring_due');
    const end = lastDayOfMonth(thisMonth);
    const expected = [end, lastDayOfMonth(addMonths(thisMonth, 1))].filter((d) => daysBetween(today, d) <= 14);
    assert.deepEqual(items.map((a) => [a.date, a.days_left]), expected.map((d) => [d, daysBetween(today, d)]));
  });

  test('decision_period_ending: period_end in 60 days → days_left 60, entity decision', async () => {
    const a = (await alertsOf(c.person.id)).filter((x) => x.kind === 'decision_period_ending');
    assert.equal(a.length, 1, JSON.stringify(a));
    assert.deepEqual([a[0].date, a[0].days_left, a[0].entity, a[0].entity_id], [addDays(today, 60), 60, 'decision', c.decision.id]);
  });

  test('support_level_expiring: support_level_valid_until today+30 → days_left 30, entity person', async () => {
    const a = (await alertsOf(c.person.id)).filter((x) => x.kind === 'support_level_expiring');
    assert.equal(a.length, 1, JSON.stringify(a));
    assert.deepEqual([a[0].date, a[0].days_left, a[0].entity, a[0].entity_id], [addDays(today, 30), 30, 'person', c.person.id]);
  });

  test('consent_expiring: an active consent expiring in 10 days → days_left 10, entity consent', async () => {
    const a = (await alertsOf(c.person.id)).filter((x) => x.kind === 'consent_expiring');
    assert.equal(a.length, 1, JSON.stringify(a));
    assert.deepEqual([a[0].date, a[0].days_left, a[0].entity, a[0].entity_id], [addDays(today, 10), 10, 'consent', c.consent.id]);
  });

  test('turning_18: born 18 years before today+100 → date today+100, days_left 100, entity person', async () => {
    const a = (await alertsOf(c.person.id)).filter((x) => x.kind === 'turning_18');
    assert.equal(a.length, 1, JSON.stringify(a));
    assert.deepEqual([a[0].date, a[0].days_left, a[0].entity, a[0].entity_id], [addDays(today, 100), 100, 'person', c.person.id]);
  });

  test('the list is ordered by date; ?kind= filters', async () => {
    const items = await alertsOf(c.person.id);
    const dates = items.map((a) => a.date);
    assert.deepEqual(dates, [...dates].sort());
    for (const k of ['monitoring_overdue', 'decision_period_ending', 'support_level_expiring', 'consent_expiring', 'turning_18']) {
      const only = await alertsOf(c.person.id, sato, { kind: k });
      assert.ok(only.length >= 1, k);
      assert.deepEqual(kinds(only), only.map(() => k));
      assert.deepEqual(only, items.filter((a) => a.kind === k));
    }
    // All of the specialist's alerts, unfiltered, contain this person's, in date order too.
    const all = ok(await call(sato, 'GET', ALERTS, {})).items;
    assert.deepEqual(all.filter((a) => a.person_id === c.person.id), items);
    assert.deepEqual(all.map((a) => a.date), [...all.map((a) => a.date)].sort());
  });

  test('a monitoring dated in an overdue month removes that alert', async () => {
    const p = await everyAlertCase(sato, '実施後 アラート');
    const month = addMonths(p.m0, 2);
    ok(await sato.post(`${API}/persons/${p.person.id}/monitorings`, monitoringBody(p.plan, { date: `${month}-15` })), 201);
    const overdue = (await alertsOf(p.person.id)).filter((a) => a.kind === 'monitoring_overdue').map((a) => a.date);
    assert.deepEqual(overdue, [addMonths(p.m0, 1), addMonths(p.m0, 3)].map(lastDayOfMonth));
  });

  test('thresholds: 90 / 90 / 30 / 180 days are included, one day more is not; a withdrawn consent gives none', async () => {
    const inside = await newPerson({ name: '境界 内', birth_date: addYears(addDays(today, 180), -18), support_level_valid_until: addDays(today, 90) });
    ok(await sato.patch(`${API}/persons/${inside.id}`, { support_level_valid_until: addDays(today, 90) }));
    ok(await sato.post(`${API}/persons/${inside.id}/decisions`, decisionBody({ decided_on: addDays(today, -30), period_start: addDays(today, -30), period_end: addDays(today, 90) })), 201);
    const ci = ok(await sato.post(`${API}/persons/${inside.id}/consents`, { purpose: '計画作成', scope: ['市役所'], given_by: '本人', given_on: addDays(today, -1), expires_on: addDays(today, 30) }), 201);
    const a = await alertsOf(inside.id);
    assert.deepEqual(
      a.map((x) => [x.kind, x.days_left, x.entity_id]).sort(),
      [
        ['consent_expiring', 30, ci.id],
        ['decision_period_ending', 90, a.find((x) => x.kind === 'decision_period_ending')?.entity_id],
        ['support_level_expiring', 90, inside.id],
        ['turning_18', 180, inside.id],
      ].sort(),
    );

    const outside = await newPerson({ name: '境界 外', birth_date: addYears(addDays(today, 181), -18) });
    ok(await sato.patch(`${API}/persons/${outside.id}`, { support_level_valid_until: addDays(today, 91) }));
    ok(await sato.post(`${API}/persons/${outside.id}/decisions`, decisionBody({ decided_on: addDays(today, -30), period_start: addDays(today, -30), period_end: addDays(today, 91) })), 201);
    ok(await sato.post(`${API}/persons/${outside.id}/consents`, { purpose: '計画作成', scope: ['市役所'], given_by: '本人', given_on: addDays(today, -1), expires_on: addDays(today, 31) }), 201);
    const withdrawn = ok(await sato.post(`${API}/persons/${outside.id}/consents`, { purpose: '情報提供', scope: ['病院'], given_by: '本人', given_on: addDays(today, -1), expires_on: addDays(today, 5) }), 201);
    ok(await sato.post(`${API}/persons/${outside.id}/consents/${withdrawn.id}/withdraw`, { reason: '本人の希望' }));
    assert.deepEqual(await alertsOf(outside.id), []);
  });

  test('another specialist does not see them; the chief does; admin → 403; no session → 401; bad person_id → 400', async () => {
    const theirs = ok(await call(suzuki, 'GET', ALERTS, {})).items;
    assert.ok(!theirs.some((a) => a.person_id === c.person.id), 'not in suzuki’s alerts');
    const filtered = await call(suzuki, 'GET', ALERTS, { query: { person_id: c.person.id } });
    if (filtered.status === 200) assert.deepEqual(filtered.body.items, []);
    else assertError(filtered, 404, 'not_found');
    const satoPersons = new Set(ok(await sato.get(`${API}/persons?per_page=200`)).items.map((p) => p.id));
    for (const a of ok(await call(sato, 'GET', ALERTS, {})).items) assert.ok(satoPersons.has(a.person_id), `sato: only assigned persons (${a.person_id})`);
    assert.deepEqual(await alertsOf(c.person.id, chief), await alertsOf(c.person.id));
    assertError(await call(admin, 'GET', ALERTS, {}), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', ALERTS, {}), 401, 'unauthenticated');
    assertError(await call(sato, 'GET', ALERTS, { query: { person_id: 'abc' } }), 400, 'validation', 'person_id');
  });
});

describe('alerts: the entity named is a real record', () => {
  test('decision_period_ending from a period entered on the person (no decision record): entity_id is not 0', async () => {
    const p = await newPerson({ name: '期間のみ' });
    ok(await sato.patch(`${API}/persons/${p.id}`, { decision_period_start: addDays(today, -100), decision_period_end: addDays(today, 30) }));
    const a = (await alertsOf(p.id)).filter((x) => x.kind === 'decision_period_ending');
    assert.equal(a.length, 1, JSON.stringify(a));
    assert.equal(a[0].days_left, 30);
    // Either the person (where the date is) or no record — never decision #0.
    const okEntity = (a[0].entity === 'person' && a[0].entity_id === p.id) || a[0].entity_id === null;
    assert.ok(okEntity, `entity ${a[0].entity} #${a[0].entity_id} does not exist`);
  });
});

describe('GET /caseload', () => {
  test('a row per person: next_monitoring_date (the earliest not done), status, plan ids, decision end, alert_count', async () => {
    const c = await everyAlertCase(sato, 'ケースロード 確認');
    const rows = ok(await call(sato, 'GET', CASELOAD, {})).items;
    const row = rows.find((r) => r.person_id === c.person.id);
    assert.ok(row, 'the person is in the caseload');
    assert.equal(row.person_name, c.person.name);
    assert.equal(row.kana, c.person.kana);
    assert.equal(row.age, 17);
    assert.equal(row.is_child, true);
    assert.deepEqual(row.assignees.map((a) => a.id), [sato.user.id]);
    assert.equal(row.current_plan_id, c.plan.id);
    assert.equal(row.open_plan_id, null);
    assert.equal(row.next_monitoring_date, lastDayOfMonth(addMonths(c.m0, 1)), 'the oldest overdue month first');
    assert.equal(row.next_monitoring_status, 'overdue');
    assert.equal(row.decision_period_end, addDays(today, 60));
    const alerts = await alertsOf(c.person.id);
    assert.equal(row.alert_count, alerts.length);
    assert.ok(row.alert_count >= 7, `every kind of alert: ${row.alert_count}`);
    // Monitorings in each past month: the next is this month's, due.
    for (let i = 1; i <= 3; i++) ok(await sato.post(`${API}/persons/${c.person.id}/monitorings`, monitoringBody(c.plan, { date: `${addMonths(c.m0, i)}-20` })), 201);
    const after = ok(await call(sato, 'GET', CASELOAD, {})).items.find((r) => r.person_id === c.person.id);
    assert.equal(after.next_monitoring_date, lastDayOfMonth(thisMonth));
    assert.equal(after.next_monitoring_status, 'due');
    assert.equal(after.alert_count, alerts.length - 3);
    // A revision opened: open_plan_id.
    const r = ok(await sato.post(`${API}/persons/${c.person.id}/plans/${c.plan.id}/revise`, {}), 201);
    assert.equal(ok(await call(sato, 'GET', CASELOAD, {})).items.find((x) => x.person_id === c.person.id).open_plan_id, r.id);
  });

  test('a person without a plan: nulls; a plan issued this month: next monitoring next month, due', async () => {
    const bare = await newPerson({ name: '計画なし', birth_date: '1980-05-05' });
    const fresh = await newPerson({ name: '今月 交付', birth_date: '1980-05-05' });
    const first = `${thisMonth}-01`;
    await createIssuedPlan(sato, fresh.id, {
      plan: { plan_date: first },
      decision: { decided_on: first, period_start: first, period_end: lastDayOfMonth(addMonths(thisMonth, 11)), monitoring_interval_months: 1 },
      issue: { issued_on: first, consented_on: first },
    });
    const rows = ok(await call(sato, 'GET', CASELOAD, {})).items;
    const b = rows.find((r) => r.person_id === bare.id);
    assert.deepEqual(
      [b.current_plan_id, b.open_plan_id, b.next_monitoring_date, b.next_monitoring_status, b.decision_period_end, b.alert_count, b.is_child],
      [null, null, null, null, null, 0, false],
    );
    const f = rows.find((r) => r.person_id === fresh.id);
    assert.equal(f.next_monitoring_date, lastDayOfMonth(addMonths(thisMonth, 1)));
    assert.equal(f.next_monitoring_status, 'due');
  });

  test('the chief sees every person of the office, ?user_id= narrows; a specialist sees only their own', async () => {
    const mine = await newPerson({ name: '佐藤 ケース' });
    const theirs = await newPerson({ name: '鈴木 ケース' }, suzuki);
    const chiefRows = ok(await call(chief, 'GET', CASELOAD, {})).items;
    const allPersons = ok(await chief.get(`${API}/persons?per_page=200`));
    assert.equal(chiefRows.length, allPersons.total, 'one row per person of the office');
    assert.ok(chiefRows.some((r) => r.person_id === mine.id) && chiefRows.some((r) => r.person_id === theirs.id));
    const satoRows = ok(await call(sato, 'GET', CASELOAD, {})).items;
    assert.ok(satoRows.some((r) => r.person_id === mine.id));
    assert.ok(!satoRows.some((r) => r.person_id === theirs.id));
    for (const r of satoRows) assert.ok(r.assignees.some((a) => a.id === sato.user.id), `sato’s row ${r.person_id}`);
    assert.equal(satoRows.length, ok(await sato.get(`${API}/persons?per_page=200`)).total);
    const forSuzuki = ok(await call(chief, 'GET', CASELOAD, { query: { user_id: suzuki.user.id } })).items;
    assert.ok(forSuzuki.some((r) => r.person_id === theirs.id));
    for (const r of forSuzuki) assert.ok(r.assignees.some((a) => a.id === suzuki.user.id));
    // A specialist cannot look at someone else's caseload with ?user_id=.
    const tried = ok(await call(sato, 'GET', CASELOAD, { query: { user_id: suzuki.user.id } })).items;
    assert.ok(!tried.some((r) => r.person_id === theirs.id));
    assertError(await call(admin, 'GET', CASELOAD, {}), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', CASELOAD, {}), 401, 'unauthenticated');
    assertError(await call(chief, 'GET', CASELOAD, { query: { user_id: 'x' } }), 400, 'validation', 'user_id');
  });
});

describe('audit of the scope-wide lists', () => {
  test('GET /alerts, /caseload and /monitoring/due each leave an audit row of the reader with the request id', async () => {
    const responses = [
      await call(sato, 'GET', ALERTS, {}),
      await call(sato, 'GET', CASELOAD, {}),
      await sato.get(`${API}/monitoring/due`),
    ];
    for (const r of responses) assert.equal(r.status, 200);
    const rows = ok(await chief.get(`${API}/audit?user_id=${sato.user.id}&per_page=200`)).items;
    for (const r of responses) {
      const id = r.headers['x-request-id'];
      assert.ok(id, 'X-Request-Id header');
      assert.ok(rows.some((x) => x.request_id === id), `an audit row for request ${id}`);
    }
  });
});

describe('OpenAPI conformance', () => {
  for (const [method, template] of ROUTES)
    test(`${method} ${template}: every response above matches the schema documented for its status`, () => {
      const report = R.report(method, template);
      assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
    });

  test('alerts and caseload were exercised with success and error statuses', () => {
    const seen = R.exercised();
    for (const want of [`GET ${ALERTS} 200`, `GET ${ALERTS} 400`, `GET ${ALERTS} 401`, `GET ${ALERTS} 403`, `GET ${CASELOAD} 200`, `GET ${CASELOAD} 401`, `GET ${CASELOAD} 403`])
      assert.ok(seen.includes(want), `not exercised: ${want}`);
  });
});
