// Dashboards, the region and transfers (issue 14). A small fixture is built through the API in two
// new offices of the demo database (office A and office B), and every figure is checked against a
// count made by hand in the comments below. The same file runs on SQLite (api.*) and PostgreSQL (pg.*).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  ENV,
  addDays,
  assertError,
  cleanup,
  conformanceRecorder,
  createIssuedPlan,
  createUser,
  firstSignIn,
  fetchOpenApi,
  monitoringBody,
  ok,
  personBody,
  signedIn,
  startServer,
  todayJst,
  unique,
} from './lib/harness.mjs';

after(cleanup);

const PW = 'Kirin-Sora-7742!';
const today = todayJst();
const month = today.slice(0, 7);
const from = addDays(today, -30);
// Born 10 years ago: a child (障害児) on every day of this month.
const childBirth = `${Number(today.slice(0, 4)) - 10}-01-01`;

let server;
let R;
let admin;
const A = {};
const B = {};
let C;
let region;
let regionUser;

const call = (...args) => R.call(...args);

async function office(name) {
  const o = ok(await admin.post(`${API}/offices`, { name }), 201);
  const staff = {};
  for (const role of ['chief', 'specialist']) {
    const login = unique(role[0]);
    // created by an admin: a one-time password, changed at first sign-in (issue #13)
    await createUser(admin, { login, name: `${name} ${role}`, role, password: PW, office_id: o.id });
    staff[role] = await signedIn(server, login, PW);
  }
  return { id: o.id, name, chief: staff.chief, spec: staff.specialist };
}

const person = async (who, over) => ok(await who.post(`${API}/persons`, personBody(over)), 201);
const note = (who, pid, minutes, time_category, date = today) =>
  who.post(`${API}/persons/${pid}/notes`, {
    date,
    time: '10:00',
    contact_kind: 'visit',
    place: 'home',
    minutes,
    time_category,
    participants: [],
    own_words: '',
    soap: { s: '話を聞いた。', o: '', a: '', p: '' },
    icf: [],
    next_step: '次回も話を聞く',
  });
const consent = async (who, pid, scope) =>
  ok(
    await who.post(`${API}/persons/${pid}/consents`, {
      purpose: '引継ぎのための情報提供',
      scope,
      given_by: '本人',
      given_on: addDays(today, -1),
      expires_on: addDays(today, 180),
    }),
    201,
  );

before(async () => {
  server = await startServer();
  admin = await signedIn(server, 'admin');
  R = conformanceRecorder(await fetchOpenApi(server));
  Object.assign(A, await office(unique('事業所A')));
  Object.assign(B, await office(unique('事業所B')));
  C = await office(unique('事業所C'));
});

describe('office dashboards (fixture of office A, counted by hand)', () => {
  const P = {};
  before(async () => {
    // Office A: the specialist registers P1–P3 (assigned to them), the chief P4 (assigned to the chief).
    P.p1 = await person(A.spec, { name: '集計 一', support_level: '6' }); // 区分6: high and high-risk
    P.p2 = await person(A.spec, { name: '集計 二', support_level: '5', birth_date: childBirth }); // 区分5, child
    P.p3 = await person(A.spec, { name: '集計 三', support_level: '2' }); // stable
    P.p4 = await person(A.chief, { name: '集計 四', support_level: '3' });
    ok(await A.chief.put(`${API}/persons/${P.p4.id}/assignees`, { user_ids: [A.chief.user.id] }));
    // P4 has a raised red flag: acute.
    ok(await A.chief.put(`${API}/persons/${P.p4.id}/redflags`, { items: [{ code: 'self_harm', status: 'raised', note: '夜間の不安' }] }));
    // Notes: specialist 60 interview + 30 coordination (P1) + 10 records (P3); chief 20 reflection (P4).
    ok(await note(A.spec, P.p1.id, 60, 'interview'), 201);
    ok(await note(A.spec, P.p1.id, 30, 'coordination'), 201);
    ok(await note(A.spec, P.p3.id, 10, 'records'), 201);
    ok(await note(A.chief, P.p4.id, 20, 'reflection'), 201);
    // Tasks of the specialist on P1: due today and done today (on time), open past due (late),
    // cancelled (not counted), open and not yet due (not counted).
    const task = (due) =>
      A.spec.post(`${API}/persons/${P.p1.id}/tasks`, { text: '確認する', owner: A.spec.user.id, due, measure: '確認できた' });
    const t1 = ok(await task(today), 201);
    ok(await task(addDays(today, -1)), 201);
    const t3 = ok(await task(addDays(today, -2)), 201);
    ok(await task(addDays(today, 10)), 201);
    ok(await A.spec.patch(`${API}/tasks/${t1.id}`, { status: 'done', result: '確認できた' }));
    ok(await A.spec.patch(`${API}/tasks/${t3.id}`, { status: 'cancelled', result: '不要になった' }));
    // One meeting of P1 (its agreement is due after the period: no task counted).
    ok(
      await A.spec.post(`${API}/persons/${P.p1.id}/meetings`, {
        kind: 'service_conference',
        date: addDays(today, -2),
        start: '14:00',
        end: '15:00',
        place: '本人宅',
        participants: [{ name: '本人', organisation: '', role: '本人', attended: true }],
        person_attended: true,
        agenda: '計画の確認',
        discussion: '通所について話し合った。',
        opinions: [],
        conclusion: '継続する。',
        remaining_issues: '',
        agreements: [{ text: '様子を連絡する', owner: '本人', due: addDays(today, 60), measure: '連絡がある' }],
      }),
      201,
    );
    // Two contacts with a directory entry, by the chief.
    const e = ok(
      await A.chief.post(`${API}/directory`, {
        name: unique('集計機関'),
        kind: 'agency',
        sector: 'medical',
        layer: 'cross_sector',
        address: '架空県つなぐ市2丁目',
        phone: '0120-111-222',
        entry_contact: { name: '入口 一郎', phone: '0120-111-223', email: 'iriguchi@example.jp' },
        contact_sop: { whom: '地域連携室', within_hours: 24, medium: '電話' },
        people: [{ name: '連携 花子', role: 'MSW', phone: '', email: '' }],
        notes: '平日のみ',
      }),
      201,
    );
    ok(await A.chief.post(`${API}/directory/${e.id}/contacts`, { date: addDays(today, -1), kind: 'phone' }), 201);
    ok(await A.chief.post(`${API}/directory/${e.id}/contacts`, { date: addDays(today, -3), kind: 'visit' }), 201);
    // P3: an issued plan (2 needs, issued in April) and a monitoring today: goal 1 達成 (満足度 5),
    // goal 2 未達成 (満足度 2).
    const { plan } = await createIssuedPlan(A.spec, P.p3.id);
    assert.equal(plan.needs.length, 2);
    const m = monitoringBody(plan);
    m.goals[0] = { ...m.goals[0], achievement: '達成', satisfaction: 5 };
    m.goals[1] = { ...m.goals[1], achievement: '未達成', satisfaction: 2 };
    ok(await A.spec.post(`${API}/persons/${P.p3.id}/monitorings`, m), 201);
  });

  test('GET /dashboard/caseload: chief sees every specialist of the office', async () => {
    const b = ok(await call(A.chief, 'GET', `${API}/dashboard/caseload`, { query: { month } }));
    assert.deepEqual(R.report(), []);
    assert.equal(b.scope, 'office');
    assert.equal(b.items.length, 2);
    const spec = b.items.find((i) => i.user_id === A.spec.user.id);
    // P1 (区分6), P2 (区分5, child), P3 (区分2). High: P1, P2. Child: P2. Acute: none. Stable: P3.
    // High-risk (acute or 区分6): P1 → 1/3 = 0.333 > 0.30 → warning.
    assert.equal(spec.cases, 3);
    assert.equal(spec.support_level_high, 2);
    assert.equal(spec.child, 1);
    assert.equal(spec.acute, 0);
    assert.equal(spec.stable, 1);
    assert.equal(spec.high_risk, 1);
    assert.equal(spec.high_risk_share, 0.333);
    assert.equal(spec.high_risk_warning, true);
    // 取扱件数: the plan was issued in April (outside the six months), the monitoring is this month:
    // 1 this month, average 1/6 = 0.2 (one decimal); far below 35 → no warning.
    assert.equal(spec.handled.month, 1);
    assert.deepEqual(spec.handled.by_month, [0, 0, 0, 0, 0, 1]);
    assert.equal(spec.handled.six_month_average, 0.2);
    assert.equal(spec.standard, 35);
    assert.equal(spec.reduction_from, 40);
    assert.equal(spec.warning, null);
    const chief = b.items.find((i) => i.user_id === A.chief.user.id);
    // P4: 区分3, a raised red flag → acute and high-risk: 1/1.
    assert.equal(chief.cases, 1);
    assert.equal(chief.acute, 1);
    assert.equal(chief.stable, 0);
    assert.equal(chief.high_risk_share, 1);
  });

  test('GET /dashboard/caseload: a specialist sees their own line only; bad month 400; admin 403', async () => {
    const b = ok(await call(A.spec, 'GET', `${API}/dashboard/caseload`, { query: { month } }));
    assert.equal(b.scope, 'own');
    assert.deepEqual(b.items.map((i) => i.user_id), [A.spec.user.id]);
    assertError(await A.chief.get(`${API}/dashboard/caseload?month=2026-13`), 400, 'validation', 'month');
    assertError(await admin.get(`${API}/dashboard/caseload`), 403, 'forbidden');
  });

  test('GET /dashboard/caseload: paged (page, per_page ≤ 200, total); every staff row once; totals of all rows', async () => {
    // A new office D with three more specialists: five staff rows (chief, specialist and three more).
    const D = await office(unique('事業所D'));
    for (let i = 0; i < 3; i++) {
      await createUser(admin, { login: unique('cp'), name: `${D.name} 専門員${i}`, role: 'specialist', password: PW, office_id: D.id });
    }
    const p1 = await person(D.spec, { name: '頁 一', support_level: '6' }); // high, high-risk
    await person(D.spec, { name: '頁 二', support_level: '2' }); // stable
    const all = ok(await call(D.chief, 'GET', `${API}/dashboard/caseload`, { query: { month, per_page: 200 } }));
    assert.deepEqual(R.report(), []);
    assert.equal(all.total, 5);
    assert.equal(all.items.length, 5);
    assert.equal(all.page, 1);
    assert.equal(all.per_page, 200);
    const seen = [];
    for (let page = 1; page <= 3; page++) {
      const b = ok(await call(D.chief, 'GET', `${API}/dashboard/caseload`, { query: { month, page, per_page: 2 } }));
      assert.deepEqual(R.report(), []);
      assert.equal(b.total, 5);
      assert.equal(b.page, page);
      assert.equal(b.per_page, 2);
      assert.equal(b.items.length, page < 3 ? 2 : 1);
      // The totals are of every row, on every page.
      assert.deepEqual(b.totals, all.totals);
      seen.push(...b.items);
    }
    assert.deepEqual(
      seen.map((i) => i.user_id),
      all.items.map((i) => i.user_id),
    );
    assert.equal(new Set(seen.map((i) => i.user_id)).size, 5);
    // Each row on its page is the same as in the full list (same figures, in user id order).
    assert.deepEqual(seen, all.items);
    assert.deepEqual([...seen.map((i) => i.user_id)].sort((a, b) => a - b), seen.map((i) => i.user_id));
    const after = ok(await D.chief.get(`${API}/dashboard/caseload?month=${month}&page=4&per_page=2`));
    assert.deepEqual(after.items, []);
    assert.equal(after.total, 5);
    // Totals: the sums of every row. The specialist has P1 (区分6) and P2 (区分2).
    const sum = (k) => all.items.reduce((n, i) => n + i[k], 0);
    assert.deepEqual(all.totals, {
      staff: 5,
      cases: sum('cases'),
      support_level_high: sum('support_level_high'),
      child: sum('child'),
      acute: sum('acute'),
      stable: sum('stable'),
      high_risk: sum('high_risk'),
      high_risk_share: 0.5,
    });
    assert.equal(all.totals.cases, 2);
    assert.equal(all.totals.high_risk, 1);
    assert.equal(all.totals.stable, 1);
    assert.ok(p1.id);
    // The default page is 50 rows; a specialist's own line is one row of one.
    const d = ok(await D.chief.get(`${API}/dashboard/caseload?month=${month}`));
    assert.equal(d.per_page, 50);
    const own = ok(await D.spec.get(`${API}/dashboard/caseload?month=${month}`));
    assert.equal(own.total, 1);
    assert.deepEqual(own.totals, { staff: 1, cases: 2, support_level_high: 1, child: 0, acute: 0, stable: 1, high_risk: 1, high_risk_share: 0.5 });
  });

  test('GET /dashboard/caseload: per_page over 200 or page below 1 → 400 validation', async () => {
    assertError(await C.chief.get(`${API}/dashboard/caseload?per_page=201`), 400, 'validation', 'per_page');
    assertError(await C.chief.get(`${API}/dashboard/caseload?per_page=0`), 400, 'validation', 'per_page');
    assertError(await C.chief.get(`${API}/dashboard/caseload?page=0`), 400, 'validation', 'page');
    assertError(await C.chief.get(`${API}/dashboard/caseload?page=x`), 400, 'validation', 'page');
  });

  test('GET /dashboard/kpi: the office (chief)', async () => {
    const k = ok(await call(A.chief, 'GET', `${API}/dashboard/kpi`, { query: { from, to: today } }));
    assert.deepEqual(R.report(), []);
    assert.equal(k.scope, 'office');
    // Time use: 60 interview, 30 coordination, 10 records, 20 reflection = 120 minutes from 4 notes.
    assert.equal(k.time_use.minutes, 120);
    assert.equal(k.time_use.count, 4);
    assert.equal(k.time_use.value.interview.share, 0.5);
    assert.equal(k.time_use.value.coordination.share, 0.25);
    assert.equal(k.time_use.value.records.share, 0.083);
    assert.equal(k.time_use.value.reflection.share, 0.167);
    assert.equal(k.time_use.value.interview.target, 0.5);
    // Tasks counted: the done one (on time) and the open one past due; rate 1/2.
    assert.equal(k.tasks_done_on_time_rate.count, 2);
    assert.equal(k.tasks_done_on_time_rate.on_time, 1);
    assert.equal(k.tasks_done_on_time_rate.value, 0.5);
    // Coordination: 1 meeting + 2 directory contacts.
    assert.equal(k.coordination_count.value, 3);
    assert.equal(k.coordination_count.meetings, 1);
    assert.equal(k.coordination_count.directory_contacts, 2);
    // Goals: 達成 1, 未達成 1 of 2 rated; satisfaction (5 + 2) / 2 = 3.5.
    assert.equal(k.goal_achievement.count, 2);
    assert.deepEqual(k.goal_achievement.value, { achieved: 0.5, partly_achieved: 0, not_achieved: 0.5 });
    assert.equal(k.satisfaction_avg.value, 3.5);
    assert.equal(k.satisfaction_avg.count, 2);
    // 地域移行 figures (transition episodes, #17): none moved on in this fixture.
    assert.deepEqual(k.transitions_completed, { value: 0, count: 0 });
    assert.deepEqual(k.hospital_days_before, { value: null, count: 0 });
    assert.deepEqual(k.readmitted_within_180_days, { value: 0, count: 0 });
    // Monitoring on time: the monitoring months of the period as the due view lists them
    // (due or done), on time when done by the month's end.
    const due = ok(await A.chief.get(`${API}/monitoring/due?from=${from}&to=${today}&per_page=200`)).items;
    const counted = due.filter((d) => d.due_date >= from && d.due_date <= today && (d.due_date < today || d.done_on));
    assert.equal(k.monitoring_on_time_rate.count, counted.length);
    const onTime = counted.filter((d) => d.done_on && d.done_on <= d.due_date).length;
    assert.equal(k.monitoring_on_time_rate.on_time, onTime);
  });

  test('GET /dashboard/kpi: the specialist\'s own figures; period errors', async () => {
    const k = ok(await call(A.spec, 'GET', `${API}/dashboard/kpi`, { query: { from, to: today } }));
    assert.equal(k.scope, 'own');
    // Their own notes: 60 + 30 + 10 = 100 → 0.6 / 0.3 / 0.1 / 0.
    assert.equal(k.time_use.minutes, 100);
    assert.equal(k.time_use.value.interview.share, 0.6);
    assert.equal(k.time_use.value.reflection.share, 0);
    // Their persons' meeting (1); the directory contacts were the chief's (0).
    assert.equal(k.coordination_count.value, 1);
    assert.equal(k.tasks_done_on_time_rate.value, 0.5);
    assertError(await A.spec.get(`${API}/dashboard/kpi?from=${today}&to=${from}`), 400, 'validation', 'to');
    assertError(await A.spec.get(`${API}/dashboard/kpi?from=2026-02-30`), 400, 'validation', 'from');
  });
});

describe('the region: aggregates only, suppressed below 5', () => {
  before(async () => {
    region = ok(await call(admin, 'POST', `${API}/regions`, {}, { name: unique('地域') }), 201);
    ok(await call(admin, 'PUT', `${API}/regions/{rid}/offices`, { rid: region.id }, { office_ids: [A.id, B.id] }));
    const login = unique('r');
    const u = ok(await call(admin, 'POST', `${API}/users`, {}, { login, name: '基幹 担当', role: 'region', password: `Once-${PW}`, region_id: region.id }), 201);
    await firstSignIn(server, login, `Once-${PW}`, PW);
    assert.equal(u.role, 'region');
    assert.equal(u.region_id, region.id);
    regionUser = await signedIn(server, login, PW);
    // Office B: five persons of its chief, one note each (5 notes, 5 persons: not suppressed).
    for (let i = 0; i < 5; i++) {
      const p = await person(B.chief, { name: `地域 ${i}` });
      ok(await B.chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: [B.chief.user.id] }));
      ok(await note(B.chief, p.id, 30, 'interview'), 201);
    }
  });

  test('admin: regions list, name taken 409, unknown office 400, chief 403', async () => {
    const list = ok(await call(admin, 'GET', `${API}/regions`));
    assert.deepEqual(list.items.find((r) => r.id === region.id).office_ids, [A.id, B.id].sort((a, b) => a - b));
    assertError(await admin.post(`${API}/regions`, { name: region.name }), 409, 'region_name_taken');
    assertError(await admin.put(`${API}/regions/${region.id}/offices`, { office_ids: [999999] }), 400, 'validation', 'office_ids[0]');
    assertError(await A.chief.post(`${API}/regions`, { name: unique('地域') }), 403, 'forbidden');
    assertError(await admin.put(`${API}/regions/999999/offices`, { office_ids: [] }), 404, 'not_found');
    assertError(await admin.post(`${API}/users`, { login: unique('r'), name: 'x', role: 'region', password: PW }), 400, 'validation', 'region_id');
    assertError(await A.chief.post(`${API}/users`, { login: unique('r'), name: 'x', role: 'region', password: PW, region_id: region.id }), 400, 'validation', 'role');
  });

  test('GET /region/{rid}/dashboard: per office and total; 4 suppressed, 5 shown', async () => {
    const d = ok(await call(regionUser, 'GET', `${API}/region/{rid}/dashboard`, { rid: region.id, query: { from, to: today } }));
    assert.deepEqual(R.report(), []);
    assert.deepEqual(d.offices.map((o) => o.office_id), [A.id, B.id]);
    const a = d.offices[0];
    const b = d.offices[1];
    // Cases: office A 4 (3 + 1) → suppressed; office B 5 → shown; total 9.
    assert.deepEqual(a.caseload.cases, { value: null, suppressed: true });
    assert.deepEqual(b.caseload.cases, { value: 5 });
    assert.deepEqual(d.total.caseload.cases, { value: 9 });
    // Time use: office A 4 notes of 3 persons → suppressed whole; office B 5 notes of 5 persons → shown.
    assert.equal(a.kpi.time_use.suppressed, true);
    assert.equal(a.kpi.time_use.value, null);
    assert.equal(a.kpi.time_use.minutes, null);
    assert.equal(b.kpi.time_use.count, 5);
    assert.equal(b.kpi.time_use.value.interview.share, 1);
    assert.equal(b.kpi.time_use.suppressed, undefined);
    // Total: 9 notes of 8 persons, 270 minutes.
    assert.equal(d.total.kpi.time_use.count, 9);
    assert.equal(d.total.kpi.time_use.minutes, 270);
    // Goal achievement from 1 person: suppressed.
    assert.equal(a.kpi.goal_achievement.suppressed, true);
    assert.equal(a.kpi.transitions_completed.suppressed, true); // 0 episodes: below 5
    for (const u of d.unmet_needs) assert.ok(u.count.suppressed === true || u.count.value >= 5);
    // No person identifier anywhere: no names, no person ids.
    const text = JSON.stringify(d);
    for (const n of ['集計 一', '集計 二', '集計 三', '集計 四', '地域 0']) assert.ok(!text.includes(n), n);
    assert.ok(!text.includes('person_id'));
  });

  test('a region user gets 403 on every route that exposes persons, 404 for another region', async () => {
    const pid = 1;
    for (const p of [
      '/persons',
      `/persons/${pid}`,
      `/persons/${pid}/notes`,
      `/persons/${pid}/consents`,
      '/alerts',
      '/caseload',
      '/monitoring/due',
      '/search?q=集計',
      '/tasks',
      '/compliance',
      '/audit',
      '/users',
      '/dashboard/kpi',
      '/dashboard/caseload',
      '/transfers',
      '/directory',
      '/oncall/persons?q=a',
    ])
      assertError(await regionUser.get(`${API}${p}`), 403, 'forbidden');
    assertError(await regionUser.get(`/print/persons/${pid}/crisis-plan`), 403, 'forbidden');
    assertError(await regionUser.post(`${API}/persons`, personBody()), 403, 'forbidden');
    assertError(await regionUser.get(`${API}/region/${region.id + 1000}/dashboard`), 404, 'not_found');
    // Staff never see a region's dashboard.
    assertError(await A.chief.get(`${API}/region/${region.id}/dashboard`), 404, 'not_found');
    // The user's own session still works.
    assert.equal(ok(await regionUser.get(`${API}/auth/me`)).user.role, 'region');
  });

  test('a chief does not see or manage region users', async () => {
    const users = ok(await A.chief.get(`${API}/users`)).items;
    assert.ok(users.every((u) => u.role !== 'region'));
  });
});

describe('transfers between offices (引継ぎ)', () => {
  let p;
  let good;
  let transfer;
  before(async () => {
    p = await person(A.spec, { name: '引継 太郎' });
    ok(await note(A.spec, p.id, 15, 'interview'), 201);
    good = consent(A.spec, p.id, [B.name]);
    good = await good;
  });

  test('refusals: no covering consent 409, office outside the region 404, own office 400', async () => {
    const other = await consent(A.spec, p.id, ['市障害福祉課']);
    const body = { to_office_id: B.id, reason: '転居', consent_id: other.id, handover_note: '' };
    assertError(await call(A.spec, 'POST', `${API}/persons/{id}/transfers`, { id: p.id }, body), 409, 'consent_required', 'consent_id');
    assertError(await A.spec.post(`${API}/persons/${p.id}/transfers`, { ...body, consent_id: 999999 }), 409, 'consent_required');
    // Office C is in no region of office A's.
    const toC = await consent(A.spec, p.id, [C.name]);
    assertError(await A.spec.post(`${API}/persons/${p.id}/transfers`, { ...body, to_office_id: C.id, consent_id: toC.id }), 404, 'not_found');
    assertError(await A.spec.post(`${API}/persons/${p.id}/transfers`, { ...body, to_office_id: 999999 }), 404, 'not_found');
    assertError(await A.spec.post(`${API}/persons/${p.id}/transfers`, { ...body, to_office_id: A.id }), 400, 'validation', 'to_office_id');
    // Another office's staff cannot ask for this person.
    assertError(await B.chief.post(`${API}/persons/${p.id}/transfers`, { ...body, consent_id: good.id }), 404, 'not_found');
    const offices = ok(await call(A.spec, 'GET', `${API}/transfers/offices`)).items.map((o) => o.id);
    assert.deepEqual(offices, [B.id]);
  });

  test('a pending transfer: the receiving chief sees it; 409 for a second one', async () => {
    transfer = ok(
      await call(A.spec, 'POST', `${API}/persons/{id}/transfers`, { id: p.id }, { to_office_id: B.id, reason: '転居', consent_id: good.id, handover_note: '夜間の見守りを調整中' }),
      201,
    );
    assert.equal(transfer.status, 'pending');
    assertError(await A.spec.post(`${API}/persons/${p.id}/transfers`, { to_office_id: B.id, reason: '転居', consent_id: good.id }), 409, 'transfer_pending');
    const incoming = ok(await call(B.chief, 'GET', `${API}/transfers`, { query: { direction: 'incoming', status: 'pending' } }));
    assert.equal(incoming.items[0].id, transfer.id);
    assert.equal(incoming.items[0].person_name, '引継 太郎');
    assert.equal(ok(await call(A.spec, 'GET', `${API}/persons/{id}/transfers`, { id: p.id })).items[0].id, transfer.id);
    assert.deepEqual(R.report(), []);
  });

  test('accept: only the receiving chief, with an assignee of the receiving office', async () => {
    assertError(await A.chief.post(`${API}/transfers/${transfer.id}/accept`, { assignee_id: A.spec.user.id }), 404, 'not_found');
    assertError(await B.spec.post(`${API}/transfers/${transfer.id}/accept`, { assignee_id: B.spec.user.id }), 403, 'forbidden');
    assertError(await B.chief.post(`${API}/transfers/${transfer.id}/accept`, { assignee_id: A.spec.user.id }), 400, 'validation', 'assignee_id');
    const done = ok(await call(B.chief, 'POST', `${API}/transfers/{tid}/accept`, { tid: transfer.id }, { assignee_id: B.spec.user.id }));
    assert.equal(done.status, 'accepted');
    assert.deepEqual(R.report(), []);
    assertError(await B.chief.post(`${API}/transfers/${transfer.id}/accept`, { assignee_id: B.spec.user.id }), 409, 'transfer_decided');
    // The person and their records moved: the sender reads nothing, the receiver everything.
    assertError(await A.spec.get(`${API}/persons/${p.id}`), 404, 'not_found');
    assertError(await A.chief.get(`${API}/persons/${p.id}/notes`), 404, 'not_found');
    const moved = ok(await B.spec.get(`${API}/persons/${p.id}`));
    assert.equal(moved.name, '引継 太郎');
    assert.equal(ok(await B.spec.get(`${API}/persons/${p.id}/notes`)).items.length, 1);
    assert.ok(ok(await B.chief.get(`${API}/persons/${p.id}/consents`)).items.some((c) => c.id === good.id));
    // The follow-up task (引継ぎ後の状況確認) is the SENDER's: a task of office A for its specialist,
    // due 30 days after acceptance, naming the transfer (receiving office, date, id) and no person.
    const mine = ok(await call(A.spec, 'GET', `${API}/tasks`, { query: { status: 'open', per_page: 200 } })).items;
    const follow = mine.find((t) => t.transfer?.id === transfer.id);
    assert.ok(follow, JSON.stringify(mine));
    assert.equal(done.follow_up_task_id, follow.id);
    assert.equal(follow.due, addDays(today, 30));
    assert.equal(follow.owner_user_id, A.spec.user.id);
    assert.equal(follow.owner, A.spec.user.name);
    assert.equal(follow.person_id, null);
    assert.equal(follow.person_name, null);
    assert.equal(follow.meeting_id, null);
    assert.deepEqual({ ...follow.transfer, accepted_at: undefined }, { id: transfer.id, to_office_id: B.id, to_office_name: B.name, accepted_at: undefined });
    assert.equal(follow.transfer.accepted_at, done.decided_at);
    assert.ok(follow.text.startsWith('引継ぎ後の状況確認'), follow.text);
    assert.ok(follow.text.includes(`#${transfer.id}`) && follow.text.includes(B.name) && follow.text.includes(today), follow.text);
    assert.ok(!JSON.stringify(follow).includes('引継 太郎'), 'no person data in the sender\'s task');
    // The sending chief sees it (the whole office); the sender still reads nothing of the person.
    assert.ok(ok(await call(A.chief, 'GET', `${API}/tasks`, { query: { per_page: 200 } })).items.some((t) => t.id === follow.id));
    assertError(await A.spec.get(`${API}/tasks?person_id=${p.id}`), 404, 'not_found');
    // The receiving office does not get it: neither on the person nor anywhere in its list.
    assert.equal(ok(await B.chief.get(`${API}/tasks?person_id=${p.id}`)).items.length, 0);
    for (const who of [B.chief, B.spec]) {
      const theirs = ok(await who.get(`${API}/tasks?per_page=200`)).items;
      assert.ok(!theirs.some((t) => t.id === follow.id || t.transfer), JSON.stringify(theirs));
      assertError(await who.patch(`${API}/tasks/${follow.id}`, { status: 'done', result: '確認した' }), 404, 'not_found');
    }
    // Another specialist of the sending office does not see it (it is owned by the sender's specialist).
    const otherLogin = unique('s');
    await createUser(admin, { login: otherLogin, role: 'specialist', password: PW, office_id: A.id });
    const other = await signedIn(server, otherLogin, PW);
    assert.ok(!ok(await other.get(`${API}/tasks?per_page=200`)).items.some((t) => t.id === follow.id));
    assertError(await other.patch(`${API}/tasks/${follow.id}`, { status: 'done', result: '確認した' }), 404, 'not_found');
    // The sender's specialist closes it with a result.
    const closed = ok(await call(A.spec, 'PATCH', `${API}/tasks/{tid}`, { tid: follow.id }, { status: 'done', result: '引継ぎ先の担当者と電話で確認した' }));
    assert.equal(closed.status, 'done');
    assert.equal(closed.done_on, today);
    assert.equal(closed.person_id, null);
    assert.deepEqual(R.report(), []);
    // Both offices' audit logs record the move.
    const outRows = ok(await A.chief.get(`${API}/audit?action=transfer_out&per_page=200`)).items;
    assert.ok(outRows.some((r) => r.entity_id === transfer.id));
    const inRows = ok(await B.chief.get(`${API}/audit?action=transfer_in&per_page=200`)).items;
    assert.ok(inRows.some((r) => r.entity_id === transfer.id));
    // The search index moved with the person.
    const found = ok(await B.chief.get(`${API}/persons?q=${encodeURIComponent('引継')}`)).items;
    assert.ok(found.some((x) => x.id === p.id));
    assert.ok(!ok(await A.chief.get(`${API}/persons?q=${encodeURIComponent('引継')}`)).items.some((x) => x.id === p.id));
  });

  test('decline: the person stays; the receiving chief must give a reason', async () => {
    const q = await person(A.spec, { name: '引継 次郎' });
    const c = await consent(A.spec, q.id, [B.name]);
    const t = ok(await A.spec.post(`${API}/persons/${q.id}/transfers`, { to_office_id: B.id, reason: '転居', consent_id: c.id }), 201);
    assertError(await B.chief.post(`${API}/transfers/${t.id}/decline`, { reason: ' ' }), 400, 'validation', 'reason');
    const d = ok(await call(B.chief, 'POST', `${API}/transfers/{tid}/decline`, { tid: t.id }, { reason: '定員のため' }));
    assert.equal(d.status, 'declined');
    assert.equal(d.decline_reason, '定員のため');
    ok(await A.spec.get(`${API}/persons/${q.id}`));
    assertError(await B.chief.get(`${API}/persons/${q.id}`), 404, 'not_found');
    const outgoing = ok(await A.chief.get(`${API}/transfers?direction=outgoing`)).items;
    assert.ok(outgoing.some((x) => x.id === t.id && x.status === 'declined'));
    assert.deepEqual(R.report(), []);
  });

  test('a consent may name the receiving office by id: {"office_id": n} (its name is kept)', async () => {
    const r = await person(A.spec, { name: '引継 三郎' });
    assertError(
      await A.spec.post(`${API}/persons/${r.id}/consents`, {
        purpose: '引継ぎ', scope: [{ office_id: 999999 }], given_by: '本人', given_on: addDays(today, -1),
      }),
      400, 'validation', 'scope[0].office_id',
    );
    const byId = await consent(A.spec, r.id, [{ office_id: B.id }]);
    assert.deepEqual(byId.scope, [{ office_id: B.id, name: B.name }]);
    const t = ok(await A.spec.post(`${API}/persons/${r.id}/transfers`, { to_office_id: B.id, reason: '転居', consent_id: byId.id }), 201);
    ok(await call(B.chief, 'POST', `${API}/transfers/{tid}/decline`, { tid: t.id }, { reason: '定員のため' }));
    assert.deepEqual(R.report(), []);
  });
});

describe('the follow-up past its due date: an alert of the sender, naming no person (demo office)', () => {
  test('31 days after acceptance: task_overdue without a person for the owner and the chief, nobody else', async () => {
    const s1 = await startServer();
    let s2;
    try {
      const mori = await signedIn(s1, 'mori');
      const pending = ok(await mori.get(`${API}/transfers?direction=incoming&status=pending`)).items;
      assert.equal(pending.length, 1);
      const kato = ok(await mori.get(`${API}/users`)).items.find((u) => u.login === 'kato');
      const done = ok(await mori.post(`${API}/transfers/${pending[0].id}/accept`, { assignee_id: kato.id }));
      const suzuki = await signedIn(s1, 'suzuki');
      assert.ok(!ok(await suzuki.get(`${API}/alerts?kind=task_overdue&per_page=200`)).items.some((a) => a.entity_id === done.follow_up_task_id && a.entity === 'task'));
      await s1.stop();
      s2 = await startServer({ data: s1.data, env: { ...ENV, TSUNAGU_TIME_OFFSET: String(31 * 86400) } });
      const R2 = conformanceRecorder(await fetchOpenApi(s2));
      const alertOf = async (login) =>
        ok(await R2.call(await signedIn(s2, login), 'GET', `${API}/alerts`, { query: { kind: 'task_overdue', per_page: 200 } })).items.filter(
          (a) => a.entity === 'task' && a.entity_id === done.follow_up_task_id,
        );
      for (const login of ['suzuki', 'tanaka']) {
        const [a] = await alertOf(login);
        assert.ok(a, login);
        assert.equal(a.kind, 'task_overdue');
        assert.equal(a.person_id, null);
        assert.equal(a.person_name, null);
        assert.equal(a.days_left, -1);
        assert.ok(a.message.includes('引継ぎ後の状況確認') && a.message.includes('みなと相談支援センター（デモ）'), a.message);
      }
      for (const login of ['sato', 'mori', 'kato']) assert.deepEqual(await alertOf(login), [], login);
      // the task list's overdue filter has it too
      const overdue = ok(await (await signedIn(s2, 'suzuki')).get(`${API}/tasks?status=overdue&per_page=200`)).items;
      assert.ok(overdue.some((t) => t.id === done.follow_up_task_id && t.overdue && t.person_id === null));
      assert.deepEqual(R2.report(), []);
    } finally {
      await s2?.stop();
      await s1.stop();
    }
  });
});
