// 計画相談支援 (planning cycle), part 2: monitorings (モニタリング) and the due list
// GET /monitoring/due. Contract: docs/api-conventions.md "Planning cycle" and docs/openapi.json.
// "Today" is the server's real date in Japan, so every status check computes its expectation from
// todayJst(); every response is checked against the served OpenAPI document (last tests).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  allPages,
  Client,
  addDays,
  addMonths,
  assertError,
  auditRows,
  cleanup,
  createIssuedPlan,
  daysBetween,
  decisionBody,
  lastDayOfMonth,
  monitoringBody,
  ok,
  personBody,
  planBody,
  PLAN_STEPS,
  todayJst,
  startDemoOffice,
} from './lib/harness.mjs';

let server;
let R;
let sato;
let suzuki;
let chief;
let admin;

before(async () => {
  ({ server, R, sato, suzuki, chief, admin } = await startDemoOffice());
});
after(cleanup);

const PERSON = `${API}/persons/{id}`;
const MONITORINGS = `${PERSON}/monitorings`;
const MONITORING = `${MONITORINGS}/{mid}`;
const PLANS = `${PERSON}/plans`;
const DUE = `${API}/monitoring/due`;

const call = (...args) => R.call(...args);

/** The routes of this file, each checked against the OpenAPI document at the end. */
const ROUTES = [['POST', MONITORINGS], ['GET', MONITORINGS], ['GET', MONITORING], ['GET', DUE]];

async function newPerson(over = {}, who = sato) {
  return ok(await who.post(`${API}/persons`, personBody({ name: 'モニタリング 確認', ...over })), 201);
}

/** Due items of one person for [from, to] as `who`. */
async function dueOf(personId, from, to, who = sato) {
  // The view is paged (per_page ≤ 200): ask for this person's months, all on one page.
  const body = ok(await call(who, 'GET', DUE, { query: { from, to, person_id: String(personId), per_page: '200' } }));
  assert.equal(body.total, body.items.length);
  assert.ok(body.items.every((x) => x.person_id === personId));
  return body.items;
}

/** The status a due month should have today when not done. */
const openStatus = (dueDate) => (dueDate < todayJst() ? 'overdue' : 'due');

/**
 * A person of `who` with a plan issued in month `today - monthsBack` (plan_date the 10th) under a
 * decision of 12 months from that month, every `interval` months.
 */
async function recentCase({ monthsBack = 4, interval = 1, who = sato, name = '直近 計画' } = {}) {
  const m0 = addMonths(todayJst().slice(0, 7), -monthsBack);
  const person = await newPerson({ name }, who);
  const planDate = `${m0}-10`;
  const { plan, decision } = await createIssuedPlan(who, person.id, {
    plan: { plan_date: planDate },
    decision: { decided_on: `${m0}-01`, period_start: `${m0}-01`, period_end: lastDayOfMonth(addMonths(m0, 11)), monitoring_interval_months: interval },
    issue: { issued_on: planDate, consented_on: planDate },
  });
  return { person, plan, decision, m0 };
}

// --- monitorings -------------------------------------------------------------------------------

describe('monitorings: recording', () => {
  let person;
  let plan;
  before(async () => {
    person = await newPerson({ name: '記録 確認' });
    ({ plan } = await createIssuedPlan(sato, person.id, { plan: { plan_date: '2026-04-10' } }));
  });

  test('no issued plan → 409 plan_required (no plan at all, or only a draft / submitted one)', async () => {
    const p = await newPerson();
    const draftLike = { id: 1, needs: planBody().needs };
    const { plan_id: _, ...body } = monitoringBody(draftLike, { date: '2026-06-15' });
    assertError(await call(sato, 'POST', MONITORINGS, { id: p.id }, body), 409, 'plan_required');
    const draft = ok(await sato.post(`${API}/persons/${p.id}/plans`, planBody()), 201);
    assertError(await call(sato, 'POST', MONITORINGS, { id: p.id }, body), 409, 'plan_required');
    assertError(await call(sato, 'POST', MONITORINGS, { id: p.id }, { ...body, plan_id: draft.id }), 409, 'plan_required');
    ok(await sato.post(`${API}/persons/${p.id}/plans/${draft.id}/submit`));
    assertError(await call(sato, 'POST', MONITORINGS, { id: p.id }, { ...body, plan_id: draft.id }), 409, 'plan_required');
    assert.equal(ok(await call(sato, 'GET', MONITORINGS, { id: p.id })).total, 0);
  });

  test('create → 201 with every field; plan_id defaults to the current plan; list and get return it', async () => {
    const { plan_id: _, ...body } = monitoringBody(plan, { date: '2026-07-15', overall: '通所が定着してきた。' });
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, body), 201);
    assert.equal(typeof m.id, 'number');
    assert.equal(m.person_id, person.id);
    assert.equal(m.plan_id, plan.id);
    assert.equal(m.specialist_id, sato.user.id);
    assert.equal(m.specialist_name, sato.user.name);
    assert.equal(m.new_plan_id, null);
    for (const [k, v] of Object.entries(body)) assert.deepEqual(m[k], v, k);
    assert.deepEqual(ok(await call(sato, 'GET', MONITORING, { id: person.id, mid: m.id })), m);
    const list = ok(await call(sato, 'GET', MONITORINGS, { id: person.id }));
    assert.ok(list.items.some((x) => x.id === m.id));
    assert.equal(list.total, list.items.length);
  });

  test('goals must cover every need of the plan exactly once (400 goals / goals[i].need_index); nothing saved', async () => {
    const before = ok(await call(sato, 'GET', MONITORINGS, { id: person.id })).total;
    const good = monitoringBody(plan, { date: '2026-08-01' });
    const [g0, g1] = good.goals;
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...good, goals: [g0] }), 400, 'validation', 'goals');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...good, goals: [] }), 400, 'validation', 'goals');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...good, goals: [g0, { ...g1, need_index: 0 }] }), 400, 'validation', 'goals[1].need_index');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...good, goals: [g0, { ...g1, need_index: 2 }] }), 400, 'validation', 'goals[1].need_index');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...good, goals: [g0, g1, { ...g1, need_index: 2 }] }), 400, 'validation', 'goals[2].need_index');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...good, goals: [{ ...g0, need_index: -1 }, g1] }), 400, 'validation', 'goals[0].need_index');
    const { goals: _, ...noGoals } = good;
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, noGoals), 400, 'validation', 'goals');
    // Order does not matter.
    ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...good, goals: [g1, g0] }), 201);
    assert.equal(ok(await call(sato, 'GET', MONITORINGS, { id: person.id })).total, before + 1);
  });

  test('satisfaction 1–5 or null (0, 6 → 400); achievement one of 達成/一部達成/未達成/評価不能', async () => {
    const good = monitoringBody(plan, { date: '2026-08-02' });
    const withGoal0 = (over) => ({ ...good, goals: [{ ...good.goals[0], ...over }, good.goals[1]] });
    for (const s of [0, 6, 2.5, '3'])
      assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, withGoal0({ satisfaction: s })), 400, 'validation', 'goals[0].satisfaction');
    for (const a of ['達成済み', 'achieved', ''])
      assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, withGoal0({ achievement: a })), 400, 'validation', 'goals[0].achievement');
    const { achievement: _, ...noAchievement } = good.goals[0];
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...good, goals: [noAchievement, good.goals[1]] }), 400, 'validation', 'goals[0].achievement');
    for (const [i, a] of ['達成', '一部達成', '未達成', '評価不能'].entries()) {
      const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, withGoal0({ achievement: a, satisfaction: [1, 5, null, 3][i] })), 201);
      assert.equal(m.goals.find((g) => g.need_index === 0).achievement, a);
      assert.equal(m.goals.find((g) => g.need_index === 0).satisfaction, [1, 5, null, 3][i]);
    }
  });

  test('date: required, not in the future (today+1 → 400 field date); today is accepted', async () => {
    const { date: _, ...noDate } = monitoringBody(plan);
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, noDate), 400, 'validation', 'date');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: addDays(todayJst(), 1) })), 400, 'validation', 'date');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: '2026-02-30' })), 400, 'validation', 'date');
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: todayJst() })), 201);
    assert.equal(m.date, todayJst());
  });

  test('place must be a known place; visited must be a boolean', async () => {
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: '2026-08-03', place: 'moon' })), 400, 'validation', 'place');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: '2026-08-03', visited: 'yes' })), 400, 'validation', 'visited');
  });

  test('visited is required (OpenAPI MonitoringInput.required): missing → 400 field visited, not a recorded visit', async () => {
    const { visited: _, ...noVisited } = monitoringBody(plan, { date: '2026-08-03', overall: '訪問の有無なし' });
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, noVisited), 400, 'validation', 'visited');
    const all = ok(await call(sato, 'GET', MONITORINGS, { id: person.id })).items;
    assert.ok(!all.some((x) => x.overall === '訪問の有無なし'), 'nothing saved');
  });

  test('change_needed may be omitted: it then means no change (false), and no draft is opened', async () => {
    const { change_needed: _, ...noChange } = monitoringBody(plan, { date: '2026-08-03', overall: '変更要否なし' });
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, noChange), 201);
    assert.equal(m.change_needed, false);
    assert.equal(m.new_plan_id, null);
  });

  test('change_needed without change_kinds → 400 change_kinds; an unknown kind → 400', async () => {
    assertError(
      await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: '2026-08-04', change_needed: true, change_kinds: [] })),
      400,
      'validation',
      'change_kinds',
    );
    const { change_kinds: _, ...noKinds } = monitoringBody(plan, { date: '2026-08-04', change_needed: true });
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, noKinds), 400, 'validation', 'change_kinds');
    const res = await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: '2026-08-04', change_needed: true, change_kinds: ['everything'] }));
    assert.match(assertError(res, 400, 'validation').field, /^change_kinds/);
    // No revision was opened by any refused request.
    assert.equal(ok(await sato.get(`${API}/persons/${person.id}/plans`)).total, 1);
  });

  test('change_kinds given twice → 400 change_kinds or stored once (OpenAPI: uniqueItems)', async () => {
    const p = await newPerson({ name: '重複 変更内容' });
    const { plan: issued } = await createIssuedPlan(sato, p.id);
    const res = await call(sato, 'POST', MONITORINGS, { id: p.id }, monitoringBody(issued, { date: '2026-07-20', change_needed: true, change_kinds: ['amount', 'amount'] }));
    if (res.status === 201) assert.deepEqual(res.body.change_kinds, ['amount']);
    else assert.match(assertError(res, 400, 'validation').field, /^change_kinds/);
  });

  test('change_needed on a plan already superseded by an issued revision → 409 plan_state, nothing saved', async () => {
    const p = await newPerson({ name: '旧版 モニタリング' });
    const { plan: v1 } = await createIssuedPlan(sato, p.id);
    const v2 = ok(await sato.post(`${API}/persons/${p.id}/plans/${v1.id}/revise`, { plan_date: '2026-06-01' }), 201);
    ok(await sato.patch(`${API}/persons/${p.id}/plans/${v2.id}`, PLAN_STEPS));
    ok(await sato.post(`${API}/persons/${p.id}/plans/${v2.id}/submit`));
    ok(await sato.post(`${API}/persons/${p.id}/plans/${v2.id}/issue`, { issued_on: '2026-06-01', consented_on: '2026-06-01' }));
    assertError(await call(sato, 'POST', MONITORINGS, { id: p.id }, monitoringBody(v1, { date: '2026-07-20', change_needed: true, change_kinds: ['amount'] })), 409, 'plan_state');
    assert.equal(ok(await call(sato, 'GET', MONITORINGS, { id: p.id })).total, 0);
    // Without plan_id the current plan (v2) is reviewed.
    const { plan_id: _, ...body } = monitoringBody(v2, { date: '2026-07-21' });
    assert.equal(ok(await call(sato, 'POST', MONITORINGS, { id: p.id }, body), 201).plan_id, v2.id);
  });

  test('plan_id of another person’s plan → 404 (contract: records of other persons named in the input are 404)', async () => {
    const other = await newPerson({ name: '別人 計画' });
    const { plan: theirs } = await createIssuedPlan(sato, other.id);
    const res = await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(theirs, { date: '2026-08-05' }));
    assertError(res, 404, 'not_found');
    assert.equal(ok(await call(sato, 'GET', MONITORINGS, { id: other.id })).total, 0);
  });

  test('change_needed opens a revised draft (new_plan_id, draft, previous_version_id); a second one returns the same draft', async () => {
    const p = await newPerson({ name: '計画変更 確認' });
    const { plan: issued } = await createIssuedPlan(sato, p.id);
    const m1 = ok(
      await call(sato, 'POST', MONITORINGS, { id: p.id }, monitoringBody(issued, { date: '2026-07-20', change_needed: true, change_kinds: ['amount', 'weekly_schedule'] })),
      201,
    );
    assert.equal(m1.change_needed, true);
    assert.deepEqual(m1.change_kinds, ['amount', 'weekly_schedule']);
    assert.equal(typeof m1.new_plan_id, 'number');
    assert.notEqual(m1.new_plan_id, issued.id);
    const plans = ok(await call(sato, 'GET', PLANS, { id: p.id })).items;
    const draft = plans.find((x) => x.id === m1.new_plan_id);
    assert.ok(draft, `the new plan is listed: ${JSON.stringify(plans.map((x) => [x.id, x.status]))}`);
    assert.equal(draft.status, 'draft');
    assert.equal(draft.previous_version_id, issued.id);
    assert.equal(draft.version, 2);
    assert.deepEqual(draft.needs, issued.needs, 'prefilled from the plan in force');
    assert.equal(plans.find((x) => x.id === issued.id).next_version_id, draft.id);
    const m2 = ok(
      await call(sato, 'POST', MONITORINGS, { id: p.id }, monitoringBody(issued, { date: '2026-07-25', change_needed: true, change_kinds: ['service_kind'] })),
      201,
    );
    assert.equal(m2.new_plan_id, m1.new_plan_id, 'the open draft, not a third version');
    assert.equal(ok(await call(sato, 'GET', PLANS, { id: p.id })).total, 2);
    // The issued plan stays current; /revise now refuses (a revision is open).
    assert.equal(ok(await call(sato, 'GET', `${PLANS}/{pid}`, { id: p.id, pid: issued.id })).is_current, true);
    assertError(await call(sato, 'POST', `${PLANS}/{pid}/revise`, { id: p.id, pid: issued.id }, {}), 409, 'plan_state');
    // A monitoring without change needed records no plan.
    const m3 = ok(await call(sato, 'POST', MONITORINGS, { id: p.id }, monitoringBody(issued, { date: '2026-07-26' })), 201);
    assert.equal(m3.new_plan_id, null);
  });

  test('read-only fields in the input are ignored', async () => {
    const m = ok(
      await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...monitoringBody(plan, { date: '2026-08-06' }), id: 999999, new_plan_id: 5, specialist_id: suzuki.user.id, person_id: 1 }),
      201,
    );
    assert.notEqual(m.id, 999999);
    assert.equal(m.new_plan_id, null);
    assert.equal(m.specialist_id, sato.user.id);
    assert.equal(m.person_id, person.id);
  });

  test('scope: another specialist → 404 (POST, list, get); admin → 403; another person’s monitoring id → 404', async () => {
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: '2026-08-07' })), 201);
    assertError(await call(suzuki, 'GET', MONITORINGS, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', MONITORING, { id: person.id, mid: m.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: '2026-08-08' })), 404, 'not_found');
    assertError(await call(admin, 'GET', MONITORINGS, { id: person.id }), 403, 'forbidden');
    assertError(await call(admin, 'GET', MONITORING, { id: person.id, mid: m.id }), 403, 'forbidden');
    assertError(await call(admin, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { date: '2026-08-08' })), 403, 'forbidden');
    const other = await newPerson();
    assertError(await call(sato, 'GET', MONITORING, { id: other.id, mid: m.id }), 404, 'not_found');
    assertError(await call(sato, 'GET', MONITORING, { id: person.id, mid: 99999999 }), 404, 'not_found');
    const all = ok(await call(sato, 'GET', MONITORINGS, { id: person.id })).items;
    assert.ok(!all.some((x) => x.date === '2026-08-08'), 'the refused POSTs saved nothing');
    ok(await call(chief, 'GET', MONITORING, { id: person.id, mid: m.id }));
  });

  test('audit: create and read rows with entity monitoring, entity_id and person_id; the opened revision too', async () => {
    const p = await newPerson({ name: '監査 モニタリング' });
    const { plan: issued } = await createIssuedPlan(sato, p.id);
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: p.id }, monitoringBody(issued, { date: '2026-07-20', change_needed: true, change_kinds: ['amount'] })), 201);
    ok(await call(sato, 'GET', MONITORING, { id: p.id, mid: m.id }));
    ok(await call(sato, 'GET', MONITORINGS, { id: p.id }));
    const rows = await auditRows(chief, p.id);
    for (const r of rows) assert.equal(r.person_id, p.id);
    const find = (action, entity, id) => rows.find((r) => r.action === action && r.entity === entity && (id === undefined || Number(r.entity_id) === id));
    const created = find('create', 'monitoring', m.id);
    assert.ok(created, JSON.stringify(rows.map((r) => [r.action, r.entity, r.entity_id])));
    assert.equal(created.user_id, sato.user.id);
    assert.ok(find('read', 'monitoring', m.id), 'read row');
    assert.ok(find('revise', 'plan', m.new_plan_id), 'the revision opened by the monitoring');
    assert.ok(rows.some((r) => r.entity === 'monitoring' && r.action !== 'create' && r.action !== 'read'), 'the list is audited');
  });
});

describe('monitorings: role and scope come before input checks', () => {
  test('admin POST /persons/{id}/monitorings with an invalid body → 403 forbidden (not 400)', async () => {
    const person = await newPerson();
    assertError(await call(admin, 'POST', MONITORINGS, { id: person.id }, {}), 403, 'forbidden');
  });
  test('another specialist POST /persons/{id}/monitorings with an invalid body → 404 not_found (not 400)', async () => {
    const person = await newPerson();
    assertError(await call(suzuki, 'POST', MONITORINGS, { id: person.id }, {}), 404, 'not_found');
  });
});

// --- the due list ------------------------------------------------------------------------------

describe('GET /monitoring/due', () => {
  test('every 3 months from plan_date 2026-04-10 within 2026-04-01..2027-03-31 → 2026-07, 2026-10, 2027-01 (due_date = last day)', async () => {
    const person = await newPerson({ name: '三か月 確認' });
    const { plan } = await createIssuedPlan(sato, person.id, { plan: { plan_date: '2026-04-10' } });
    const items = await dueOf(person.id, '2026-04-01', '2027-03-31');
    assert.deepEqual(items.map((x) => x.due_month), ['2026-07', '2026-10', '2027-01']);
    assert.deepEqual(items.map((x) => x.due_date), ['2026-07-31', '2026-10-31', '2027-01-31']);
    const today = todayJst();
    for (const x of items) {
      assert.equal(x.plan_id, plan.id);
      assert.equal(x.person_name, person.name);
      assert.equal(x.status, openStatus(x.due_date), x.due_month);
      assert.equal(x.days_left, daysBetween(today, x.due_date), `days_left of ${x.due_month}`);
    }
    // A monitoring dated in July makes July done (with its id); the others keep their status.
    const m = ok(await sato.post(`${API}/persons/${person.id}/monitorings`, monitoringBody(plan, { date: '2026-07-15' })), 201);
    const after = await dueOf(person.id, '2026-04-01', '2027-03-31');
    assert.deepEqual(after.map((x) => [x.due_month, x.status]), [['2026-07', 'done'], ['2026-10', openStatus('2026-10-31')], ['2027-01', openStatus('2027-01-31')]]);
    // A monitoring in a month that is not due changes nothing.
    ok(await sato.post(`${API}/persons/${person.id}/monitorings`, monitoringBody(plan, { date: '2026-09-30' })), 201);
    assert.deepEqual((await dueOf(person.id, '2026-04-01', '2027-03-31')).map((x) => x.status), after.map((x) => x.status));
    // monitoring_id: the monitoring done in the month, null when not done.
    assert.deepEqual(after.map((x) => x.monitoring_id), [m.id, null, null], 'monitoring_id of each due item');
  });

  test('the simple form counts from the issued plan’s plan_date month, not period_start: plan 2026-05-10 → 2026-08, 11, 2027-02', async () => {
    const person = await newPerson({ name: '計画月 起算' });
    await createIssuedPlan(sato, person.id, { plan: { plan_date: '2026-05-10' } });
    const items = await dueOf(person.id, '2026-04-01', '2027-03-31');
    assert.deepEqual(items.map((x) => x.due_month), ['2026-08', '2026-11', '2027-02']);
  });

  test('the current (latest issued) plan counts: after a revision issued 2026-09, every 3 months from 2026-09', async () => {
    const person = await newPerson({ name: '改訂後 起算' });
    const { plan } = await createIssuedPlan(sato, person.id, { plan: { plan_date: '2026-04-10' } });
    const r = ok(await sato.post(`${API}/persons/${person.id}/plans/${plan.id}/revise`, { plan_date: '2026-09-05' }), 201);
    ok(await sato.patch(`${API}/persons/${person.id}/plans/${r.id}`, PLAN_STEPS));
    ok(await sato.post(`${API}/persons/${person.id}/plans/${r.id}/submit`));
    ok(await sato.post(`${API}/persons/${person.id}/plans/${r.id}/issue`, { issued_on: '2026-09-05', consented_on: '2026-09-05' }));
    const items = await dueOf(person.id, '2026-04-01', '2027-03-31');
    assert.deepEqual(items.map((x) => x.due_month), ['2026-12', '2027-03']);
    for (const x of items) assert.equal(x.plan_id, r.id);
  });

  test('monitoring_periods [{1, 2026-04..2026-06}, {6, 2026-12..2027-03}] → exactly 2026-04, 05, 06, 12', async () => {
    const person = await newPerson({ name: '版 確認' });
    const periods = [
      { interval_months: 1, first_month: '2026-04', last_month: '2026-06' },
      { interval_months: 6, first_month: '2026-12', last_month: '2027-03' },
    ];
    const { plan } = await createIssuedPlan(sato, person.id, { plan: { plan_date: '2026-04-10' }, decision: { monitoring_periods: periods } });
    const items = await dueOf(person.id, '2026-04-01', '2027-03-31');
    assert.deepEqual(items.map((x) => x.due_month), ['2026-04', '2026-05', '2026-06', '2026-12']);
    assert.deepEqual(items.map((x) => x.due_date), ['2026-04-30', '2026-05-31', '2026-06-30', '2026-12-31']);
    for (const x of items) assert.equal(x.status, openStatus(x.due_date), x.due_month);
    const m = ok(await sato.post(`${API}/persons/${person.id}/monitorings`, monitoringBody(plan, { date: '2026-05-20' })), 201);
    const after = await dueOf(person.id, '2026-04-01', '2027-03-31');
    assert.deepEqual(after.map((x) => x.status), [openStatus('2026-04-30'), 'done', openStatus('2026-06-30'), openStatus('2026-12-31')]);
    assert.deepEqual(after.map((x) => x.monitoring_id), [null, m.id, null, null], 'monitoring_id of each due item');
  });

  test('relative to today: past months overdue, a month with a monitoring done, this and later months due', async () => {
    const { person, plan, m0 } = await recentCase({ monthsBack: 4, interval: 1 });
    const thisMonth = todayJst().slice(0, 7);
    const from = `${m0}-01`;
    const to = lastDayOfMonth(addMonths(m0, 11));
    const want = Array.from({ length: 11 }, (_, i) => addMonths(m0, i + 1));
    let items = await dueOf(person.id, from, to);
    assert.deepEqual(items.map((x) => x.due_month), want);
    assert.deepEqual(items.map((x) => x.status), want.map((ym) => (ym < thisMonth ? 'overdue' : 'due')));
    for (const x of items) assert.equal(x.days_left, daysBetween(todayJst(), x.due_date));
    assert.ok(items.filter((x) => x.status === 'overdue').every((x) => x.days_left < 0));
    // A monitoring dated in the second past month (m0+2) makes it done.
    const doneMonth = addMonths(m0, 2);
    const m = ok(await sato.post(`${API}/persons/${person.id}/monitorings`, monitoringBody(plan, { date: `${doneMonth}-12` })), 201);
    items = await dueOf(person.id, from, to);
    assert.deepEqual(
      items.map((x) => [x.due_month, x.status]),
      want.map((ym) => [ym, ym === doneMonth ? 'done' : ym < thisMonth ? 'overdue' : 'due']),
    );
    // A monitoring today makes this month done.
    const mt = ok(await sato.post(`${API}/persons/${person.id}/monitorings`, monitoringBody(plan, { date: todayJst() })), 201);
    const later = await dueOf(person.id, from, to);
    assert.equal(later.find((x) => x.due_month === thisMonth).status, 'done');
    assert.equal(items.find((x) => x.due_month === doneMonth).monitoring_id, m.id, 'monitoring_id of the done month');
    assert.equal(later.find((x) => x.due_month === thisMonth).monitoring_id, mt.id, 'monitoring_id of this month');
  });

  test('overdue months before from are always included; done and due ones before from are not', async () => {
    const { person, plan, m0 } = await recentCase({ monthsBack: 4, interval: 1, name: '範囲外 超過' });
    ok(await sato.post(`${API}/persons/${person.id}/monitorings`, monitoringBody(plan, { date: `${addMonths(m0, 2)}-05` })), 201);
    const today = todayJst();
    const items = await dueOf(person.id, today, addDays(today, 20));
    const overdue = items.filter((x) => x.due_date < today);
    assert.deepEqual(overdue.map((x) => x.due_month), [addMonths(m0, 1), addMonths(m0, 3)]);
    for (const x of overdue) assert.equal(x.status, 'overdue');
    for (const x of items.filter((y) => y.due_date >= today)) assert.ok(x.due_date <= addDays(today, 20), x.due_date);
  });

  test('default range: this month to the end of next month, plus overdue', async () => {
    const { person } = await recentCase({ monthsBack: 2, interval: 1, name: '既定 範囲' });
    const thisMonth = todayJst().slice(0, 7);
    const all = ok(await call(sato, 'GET', DUE, {}));
    const items = all.items.filter((x) => x.person_id === person.id);
    assert.deepEqual(items.map((x) => x.due_month), [addMonths(thisMonth, -1), thisMonth, addMonths(thisMonth, 1)]);
    for (const x of all.items) {
      assert.ok(x.due_date <= lastDayOfMonth(addMonths(thisMonth, 1)), `${x.due_date} after the end of next month`);
      assert.ok(x.due_date >= `${thisMonth}-01` || x.status === 'overdue', `${x.due_month} ${x.status} before this month`);
    }
    // Ordered by due date.
    const dates = all.items.map((x) => x.due_date);
    assert.deepEqual(dates, [...dates].sort());
  });

  test('a person without an issued plan (or without a decision) has no due items', async () => {
    const p = await newPerson();
    ok(await sato.post(`${API}/persons/${p.id}/plans`, planBody()), 201);
    ok(await sato.post(`${API}/persons/${p.id}/decisions`, decisionBody()), 201);
    assert.deepEqual(await dueOf(p.id, '2026-04-01', '2027-03-31'), []);
  });

  test('a specialist sees only their persons; the chief sees both', async () => {
    const mine = await recentCase({ monthsBack: 3, interval: 1, name: '佐藤 担当' });
    const theirs = await recentCase({ monthsBack: 3, interval: 1, who: suzuki, name: '鈴木 担当' });
    const from = `${mine.m0}-01`;
    const to = lastDayOfMonth(addMonths(mine.m0, 11));
    const path = `${DUE}?from=${from}&to=${to}`;
    const satoItems = (await allPages(sato, path)).items;
    const suzukiItems = (await allPages(suzuki, path)).items;
    const chiefItems = (await allPages(chief, path)).items;
    assert.ok(satoItems.some((x) => x.person_id === mine.person.id));
    assert.ok(!satoItems.some((x) => x.person_id === theirs.person.id), 'sato does not see suzuki’s person');
    assert.ok(suzukiItems.some((x) => x.person_id === theirs.person.id));
    assert.ok(!suzukiItems.some((x) => x.person_id === mine.person.id), 'suzuki does not see sato’s person');
    const satoPersons = new Set(ok(await sato.get(`${API}/persons?per_page=200`)).items.map((p) => p.id));
    for (const x of satoItems) assert.ok(satoPersons.has(x.person_id), `sato sees only assigned persons (${x.person_id})`);
    assert.ok(chiefItems.some((x) => x.person_id === mine.person.id) && chiefItems.some((x) => x.person_id === theirs.person.id));
  });

  test('?person_id= narrows the list to one person; another specialist’s person gives nothing (or 404); malformed → 400', async () => {
    const a = await recentCase({ monthsBack: 2, interval: 1, name: '絞り込み A' });
    const b = await recentCase({ monthsBack: 2, interval: 1, name: '絞り込み B' });
    const only = ok(await call(sato, 'GET', DUE, { query: { person_id: a.person.id } }));
    assert.ok(only.items.length >= 1);
    for (const x of only.items) assert.equal(x.person_id, a.person.id);
    assert.ok(!only.items.some((x) => x.person_id === b.person.id));
    const res = await call(suzuki, 'GET', DUE, { query: { person_id: a.person.id } });
    if (res.status === 200) assert.deepEqual(res.body.items, []);
    else assertError(res, 404, 'not_found');
    assertError(await call(sato, 'GET', DUE, { query: { person_id: 'abc' } }), 400, 'validation', 'person_id');
  });

  test('bad dates → 400 (from, to); to before from, or more than 366 days → 400; admin → 403; no session → 401', async () => {
    assertError(await call(sato, 'GET', DUE, { query: { from: '2026-13-01', to: '2026-12-31' } }), 400, 'validation', 'from');
    assertError(await call(sato, 'GET', DUE, { query: { from: '2026/04/01', to: '2026-12-31' } }), 400, 'validation', 'from');
    assertError(await call(sato, 'GET', DUE, { query: { from: '2026-04-01', to: 'abc' } }), 400, 'validation', 'to');
    assertError(await call(sato, 'GET', DUE, { query: { from: '2026-04-01', to: '2026-02-29' } }), 400, 'validation', 'to');
    assertError(await call(sato, 'GET', DUE, { query: { from: '2026-04-01', to: '2026-03-31' } }), 400, 'validation', 'to');
    assertError(await call(sato, 'GET', DUE, { query: { from: '2026-01-01', to: '2027-01-03' } }), 400, 'validation', 'to');
    ok(await call(sato, 'GET', DUE, { query: { from: '2026-01-01', to: '2027-01-02' } }), 200); // 366 days
    assertError(await call(admin, 'GET', DUE, {}), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', DUE, {}), 401, 'unauthenticated');
  });
});

// --- OpenAPI conformance -------------------------------------------------------------------------

describe('OpenAPI conformance', () => {
  for (const [method, template] of ROUTES)
    test(`${method} ${template}: every response above matches the schema documented for its status`, () => {
      const report = R.report(method, template);
      assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
    });

  test('the monitoring routes were exercised with success and error statuses', () => {
    const seen = R.exercised();
    for (const want of [`POST ${MONITORINGS} 201`, `POST ${MONITORINGS} 400`, `POST ${MONITORINGS} 409`, `POST ${MONITORINGS} 404`, `GET ${MONITORINGS} 200`,
      `GET ${MONITORING} 200`, `GET ${MONITORING} 404`, `GET ${MONITORING} 403`, `GET ${DUE} 200`, `GET ${DUE} 400`, `GET ${DUE} 403`, `GET ${DUE} 401`])
      assert.ok(seen.includes(want), `not exercised: ${want}`);
  });
});
