// Children done right, life transitions and 地域移行支援・地域定着支援 (issue #17): the plan kind by
// services, child services refused at 20, the guardian and certificates of a person (409
// guardian_required), the school_leaving / turning_65 / transition alerts, the episodes with their
// refusals (period, extension, activities outside), and the print header. Every response of these
// routes is checked against the OpenAPI document the server serves (last test of the file).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, addDays, assertError, auditRows, cleanup, createIssuedPlan, daysBetween, decisionBody, monitoringBody, ok, personBody, planBody, startDemoOffice, todayJst } from './lib/harness.mjs';

let R;
let sato;
let suzuki;
let chief;
let admin;

before(async () => {
  ({ R, sato, suzuki, chief, admin } = await startDemoOffice());
});
after(cleanup);

const PERSONS = `${API}/persons`;
const PERSON = `${PERSONS}/{id}`;
const PLANS = `${PERSON}/plans`;
const PLAN = `${PLANS}/{pid}`;
const TRANSITIONS = `${PERSON}/transitions`;
const TRANSITION = `${TRANSITIONS}/{tid}`;
const ACTIVITIES = `${TRANSITION}/activities`;
const PRINT_PLAN = '/print/plans/{pid}';
const MONITORINGS = `${PERSON}/monitorings`;
const MONITORING = `${MONITORINGS}/{mid}`;
const PRINT_MONITORING = '/print/monitorings/{mid}';
const ALERTS = `${API}/alerts`;
const call = (...args) => R.call(...args);

const GUARDIAN = { name: '児童 明美', relation: '母', phone: '090-1234-5678' };

async function newPerson(over = {}, who = sato) {
  return ok(await call(who, 'POST', PERSONS, {}, personBody({ name: '児童 確認', ...over })), 201);
}

/** A plan body whose services are `kinds` (one needs row each, and a weekly entry each). */
function planWith(kinds, over = {}) {
  const base = planBody();
  return planBody({
    needs: kinds.map((kind, i) => ({ ...base.needs[i % 2], priority: i + 1, services: [{ ...base.needs[0].services[0], kind }] })),
    weekly: kinds.map((kind, i) => ({ weekday: i + 1, start: '15:00', end: '17:00', activity: kind, kind })),
    ...over,
  });
}

/** YYYY-MM-DD of the last day within `months` months from `iso` (1 April + 6 → 30 September). */
function lastDayWithin(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const k = y * 12 + (m - 1) + months;
  const ty = Math.floor(k / 12), tm = (k % 12) + 1;
  const dim = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const t = `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(Math.min(d, dim)).padStart(2, '0')}`;
  return addDays(t, -1);
}

async function alertsOf(personId, who = sato) {
  return ok(await call(who, 'GET', ALERTS, { query: { person_id: personId, per_page: 200 } })).items;
}

describe('persons: guardian, certificates, copay cap', () => {
  test('saved and returned; null clears; PATCH keeps the rest', async () => {
    const p = await newPerson({ guardian: GUARDIAN, child_certificate_number: '1234567890', community_certificate_number: '0987654321', copay_cap: 4600 });
    assert.deepEqual(p.guardian, GUARDIAN);
    assert.equal(p.child_certificate_number, '1234567890');
    assert.equal(p.community_certificate_number, '0987654321');
    assert.equal(p.copay_cap, 4600);
    const q = ok(await call(sato, 'PATCH', PERSON, { id: p.id }, { copay_cap: 0 }));
    assert.equal(q.copay_cap, 0, '0円 is a cap, not "none"');
    assert.deepEqual(q.guardian, GUARDIAN);
    const r = ok(await call(sato, 'PATCH', PERSON, { id: p.id }, { guardian: null, copay_cap: null, child_certificate_number: '' }));
    assert.equal(r.guardian, null);
    assert.equal(r.copay_cap, null);
    assert.equal(r.child_certificate_number, '');
    const plain = await newPerson();
    assert.equal(plain.guardian, null);
    assert.equal(plain.copay_cap, null);
  });

  test('refusals name the field', async () => {
    for (const [body, field] of [
      [{ child_certificate_number: '12345' }, 'child_certificate_number'],
      [{ community_certificate_number: '12345678901' }, 'community_certificate_number'],
      [{ community_certificate_number: '１２３４５６７８９０' }, 'community_certificate_number'],
      [{ copay_cap: -1 }, 'copay_cap'],
      [{ copay_cap: 1.5 }, 'copay_cap'],
      [{ copay_cap: '4600' }, 'copay_cap'],
      [{ guardian: { relation: '母' } }, 'guardian.name'],
      [{ guardian: { name: '母', phone: 'abc' } }, 'guardian.phone'],
      [{ guardian: '母' }, 'guardian'],
    ])
      assertError(await call(sato, 'POST', PERSONS, {}, personBody(body)), 400, 'validation', field);
  });
});

describe('plans: the kind follows the services', () => {
  test('通所 only → child; 総合支援法 only (a child with 短期入所) → adult; both → both; with none, the age', async () => {
    const child = await newPerson({ birth_date: '2015-06-01', guardian: GUARDIAN });
    const kind = async (kinds) => ok(await call(sato, 'POST', PLANS, { id: child.id }, planWith(kinds)), 201).kind;
    assert.equal(await kind(['after_school_day']), 'child');
    assert.equal(await kind(['child_development', 'nursery_visit']), 'child');
    assert.equal(await kind(['short_stay']), 'adult');
    assert.equal(await kind(['home_help']), 'adult');
    assert.equal(await kind(['after_school_day', 'short_stay']), 'both');
    assert.equal(await kind([]), 'child');
    // PATCH recomputes from the new services.
    const p = ok(await call(sato, 'POST', PLANS, { id: child.id }, planWith(['after_school_day'])), 201);
    const both = planWith(['after_school_day', 'short_stay']);
    const patched = ok(await call(sato, 'PATCH', PLAN, { id: child.id, pid: p.id }, { needs: both.needs, weekly: both.weekly }));
    assert.equal(patched.kind, 'both');
  });

  test('child services for a person aged 20 or more on plan_date → 400 naming the service; 19 is fine', async () => {
    const person = await newPerson({ birth_date: '2006-04-10' });  // 20 on 2026-04-10 (planBody's plan_date)
    const res = await call(sato, 'POST', PLANS, { id: person.id }, planWith(['home_help', 'after_school_day']));
    assertError(res, 400, 'validation', 'needs[1].services[0].kind');
    assert.match(res.body.error.message, /20歳/);
    const at19 = ok(await call(sato, 'POST', PLANS, { id: person.id }, planWith(['after_school_day'], { plan_date: '2026-04-09' })), 201);
    assert.equal(at19.kind, 'child');
    // Moving plan_date to the 20th birthday is refused the same way.
    assertError(await call(sato, 'PATCH', PLAN, { id: person.id, pid: at19.id }, { plan_date: '2026-04-10' }), 400, 'validation', 'needs[0].services[0].kind');
  });

  test('a child’s plan submit without a guardian → 409 guardian_required; with one → submitted', async () => {
    const person = await newPerson({ birth_date: '2015-06-01' });
    const p = ok(await call(sato, 'POST', PLANS, { id: person.id }, planWith(['after_school_day'])), 201);
    assertError(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: p.id }), 409, 'guardian_required');
    assert.equal(ok(await call(sato, 'GET', PLAN, { id: person.id, pid: p.id })).status, 'draft', 'nothing saved');
    ok(await call(sato, 'PATCH', PERSON, { id: person.id }, { guardian: GUARDIAN }));
    assert.equal(ok(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: p.id })).status, 'submitted');
    // An adult needs none.
    const adult = await newPerson();
    const a = ok(await call(sato, 'POST', PLANS, { id: adult.id }, planBody()), 201);
    assert.equal(ok(await call(sato, 'POST', `${PLAN}/submit`, { id: adult.id, pid: a.id })).status, 'submitted');
  });
});

describe('print: both titles, the header, landscape', () => {
  test('a child with 放課後等デイ and 短期入所 prints サービス等利用計画・障害児支援利用計画 with the guardian and numbers', async () => {
    const person = await newPerson({ birth_date: '2015-06-01', guardian: GUARDIAN, child_certificate_number: '1112223334', community_certificate_number: '5556667778', copay_cap: 4600 });
    const p = ok(await call(sato, 'POST', PLANS, { id: person.id }, planWith(['after_school_day', 'short_stay'])), 201);
    assert.equal(p.kind, 'both');
    const res = await call(sato, 'GET', PRINT_PLAN, { pid: p.id });
    assert.equal(res.status, 200);
    for (const s of ['サービス等利用計画・障害児支援利用計画', '保護者氏名', '児童 明美（母）', '090-1234-5678', '通所受給者証番号', '1112223334', '地域相談支援受給者証番号', '5556667778', '利用者負担上限額', '4,600円'])
      assert.ok(res.text.includes(s), s);
    assert.ok(res.text.includes('<span class="date">'), 'dates do not break inside a cell');
    assert.ok(!res.text.includes('sheet landscape'), 'portrait by default');
    const land = await call(sato, 'GET', PRINT_PLAN, { pid: p.id, query: { orientation: 'landscape' } });
    assert.equal(land.status, 200);
    assert.ok(land.text.includes('<section class="sheet landscape">'));
    assertError(await call(sato, 'GET', PRINT_PLAN, { pid: p.id, query: { orientation: 'sideways' } }), 400, 'validation', 'orientation');
  });
});

describe('print: the monitoring period with its start month and every version', () => {
  test('毎月（2026年4月〜6月）、3か月ごと（2026年7月〜） as decided; a draft prints its proposal with the start month', async () => {
    const person = await newPerson({ birth_date: '1980-01-01' });
    const periods = [
      { interval_months: 1, first_month: '2026-04', last_month: '2026-06' },
      { interval_months: 3, first_month: '2026-07', last_month: '2027-03' },
    ];
    const { plan } = await createIssuedPlan(sato, person.id, { plan: { plan_date: '2026-04-10', monitoring_period_note: '' }, decision: { monitoring_periods: periods } });
    const res = await call(sato, 'GET', PRINT_PLAN, { pid: plan.id });
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('毎月（2026年4月〜6月）、3か月ごと（2026年7月〜）'), 'every version with its months');
    const draft = ok(await call(sato, 'POST', PLANS, { id: person.id }, planBody({ monitoring_period_note: '', proposed_interval_months: 3 })), 201);
    const d = await call(sato, 'GET', PRINT_PLAN, { pid: draft.id });
    assert.ok(d.text.includes('3か月ごと（提案、2026年4月〜）'), 'the proposal with its start month');
  });
});

describe('alerts: school_leaving and turning_65', () => {
  test('turning_65 from 180 days before the 65th birthday, with the 介護保険 message', async () => {
    const today = todayJst();
    const birth = `${String(Number(today.slice(0, 4)) - 65).padStart(4, '0')}${today.slice(4) === '-02-29' ? '-02-28' : today.slice(4)}`;
    const soon = await newPerson({ birth_date: addDays(birth, 100) });
    const a = (await alertsOf(soon.id)).find((x) => x.kind === 'turning_65');
    assert.ok(a, 'turning_65 within 180 days');
    assert.match(a.message, /介護保険/);
    assert.equal(a.entity, 'person');
    const later = await newPerson({ birth_date: addDays(birth, 200) });
    assert.ok(!(await alertsOf(later.id)).some((x) => x.kind === 'turning_65'), '200 days ahead: not yet');
    assertError(await call(sato, 'GET', ALERTS, { query: { kind: 'turning_65x' } }), 400, 'validation', 'kind');
    ok(await call(sato, 'GET', ALERTS, { query: { kind: 'turning_65' } }));
  });

  test('school_leaving: the 31 March of the school year of the 18th birthday, only with child services', async () => {
    const today = todayJst();
    let year = Number(today.slice(0, 4));
    if (today.slice(5) > '03-31') year += 1;
    const leaving = `${year}-03-31`;
    // 18th birthday on 1 September of the school year that ends on `leaving`.
    const birth = `${year - 19}-09-01`;
    const child = await newPerson({ birth_date: birth, guardian: GUARDIAN });
    const none = await alertsOf(child.id);
    assert.ok(!none.some((x) => x.kind === 'school_leaving'), 'no child services yet');
    ok(await call(sato, 'POST', PLANS, { id: child.id }, planWith(['after_school_day'], { plan_date: today })), 201);
    const got = (await alertsOf(child.id)).find((x) => x.kind === 'school_leaving');
    if (daysBetween(today, leaving) <= 180) {
      assert.ok(got, 'within 180 days of leaving');
      assert.equal(got.date, leaving);
      assert.match(got.message, /障害支援区分/);
    } else {
      assert.equal(got, undefined, 'more than 180 days ahead');
    }
  });
});

describe('transitions: 地域移行支援・地域定着支援', () => {
  const start = '2026-04-01';
  const body = (over = {}) => ({ kind: 'transition', start, end: '2026-09-30', from_kind: 'hospital', from_name: '架空病院', admitted_on: '2024-04-01', ...over });

  test('create, read, list, extend, record activities and the outcome', async () => {
    const person = await newPerson({ birth_date: '1970-01-01', community_certificate_number: '1234512345' });
    const t = ok(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ activities: [{ date: '2026-04-02', kind: 'visit', minutes: 60, note: '面会' }] })), 201);
    assert.equal(t.kind, 'transition');
    assert.equal(t.effective_end, '2026-09-30');
    assert.equal(t.activities.length, 1);
    assert.equal(t.days_since_admission, null);
    assert.equal(t.readmitted_within_180_days, false);
    const path = { id: person.id, tid: t.id };
    const ext = ok(await call(sato, 'PATCH', TRANSITION, path, { extended_to: '2027-03-31', extension_reason: '住まいの確保に時間を要するため' }));
    assert.equal(ext.effective_end, '2027-03-31');
    const act = ok(await call(sato, 'POST', ACTIVITIES, path, { date: '2026-12-01', kind: 'trial_stay', minutes: 720 }), 201);
    assert.deepEqual(act.activities.map((a) => a.kind), ['visit', 'trial_stay']);
    const done = ok(await call(sato, 'PATCH', TRANSITION, path, { outcome: { moved_on: '2027-01-10', destination: 'group_home', readmitted_on: '2027-05-01' } }));
    assert.equal(done.days_since_admission, daysBetween('2024-04-01', '2027-01-10'));
    assert.equal(done.readmitted_within_180_days, true);
    assert.equal(done.open, false);
    const list = ok(await call(sato, 'GET', TRANSITIONS, { id: person.id }));
    assert.equal(list.total, 1);
    assert.equal(list.page, 1);
    assert.equal(ok(await call(sato, 'GET', TRANSITIONS, { id: person.id, query: { open: 'true' } })).total, 0);
    assert.equal(ok(await call(sato, 'GET', TRANSITION, path)).activities.length, 2);
    const settle = ok(await call(sato, 'POST', TRANSITIONS, { id: person.id }, { kind: 'settlement', start: '2027-01-10', end: '2028-01-09', emergency_contact: '当番携帯へ' }), 201);
    assert.equal(settle.emergency_contact, '当番携帯へ');
    assert.equal(ok(await call(sato, 'GET', TRANSITIONS, { id: person.id, query: { per_page: 1 } })).items.length, 1);
    const rows = await auditRows(chief, person.id);
    for (const action of ['create', 'update', 'read', 'list']) assert.ok(rows.some((r) => r.entity === 'transition' && r.action === action), action);
  });

  test('refusals: end beyond 6 months without an extension, extension beyond 6 more, activities outside → 400', async () => {
    const person = await newPerson({ birth_date: '1970-01-01' });
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ end: '2026-10-01' })), 400, 'validation', 'end');
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ end: '2026-03-31' })), 400, 'validation', 'end');
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ extended_to: '2027-04-01', extension_reason: '理由' })), 400, 'validation', 'extended_to');
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ extended_to: '2027-01-31' })), 400, 'validation', 'extension_reason');
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, { kind: 'settlement', start, end: '2027-04-01' }), 400, 'validation', 'end');
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ kind: 'other' })), 400, 'validation', 'kind');
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ activities: [{ date: '2026-10-01', kind: 'visit' }] })), 400, 'validation', 'activities[0].date');
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ activities: [{ date: '2026-05-01', kind: 'party' }] })), 400, 'validation', 'activities[0].kind');
    assertError(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ days_since_admission: 3 })), 400, 'validation', 'days_since_admission');
    assert.equal(ok(await call(sato, 'GET', TRANSITIONS, { id: person.id })).total, 0, 'nothing saved');
    const t = ok(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body()), 201);
    const path = { id: person.id, tid: t.id };
    assertError(await call(sato, 'POST', ACTIVITIES, path, { date: '2026-03-31', kind: 'visit' }), 400, 'validation', 'date');
    assertError(await call(sato, 'POST', ACTIVITIES, path, { date: '2026-10-01', kind: 'visit' }), 400, 'validation', 'date');
    assertError(await call(sato, 'PATCH', TRANSITION, path, { end: '2026-10-01' }), 400, 'validation', 'end');
    assertError(await call(sato, 'PATCH', TRANSITION, path, { kind: 'settlement' }), 400, 'validation', 'kind');
    assertError(await call(sato, 'PATCH', TRANSITION, path, { outcome: { moved_on: '2026-10-05' } }), 400, 'validation', 'outcome.moved_on');
    ok(await call(sato, 'POST', ACTIVITIES, path, { date: '2026-09-01', kind: 'housing' }), 201);
    assertError(await call(sato, 'PATCH', TRANSITION, path, { end: '2026-08-31' }), 400, 'validation', 'end');
  });

  test('scope: another specialist → 404, admin → 403, unknown episode → 404', async () => {
    const person = await newPerson({ birth_date: '1970-01-01' });
    const t = ok(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body()), 201);
    assertError(await call(suzuki, 'GET', TRANSITION, { id: person.id, tid: t.id }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', TRANSITIONS, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', ACTIVITIES, { id: person.id, tid: t.id }, { date: '2026-05-01', kind: 'visit' }), 404, 'not_found');
    assertError(await call(admin, 'GET', TRANSITIONS, { id: person.id }), 403, 'forbidden');
    assertError(await call(sato, 'GET', TRANSITION, { id: person.id, tid: 99999999 }), 404, 'not_found');
    const other = await newPerson({ birth_date: '1970-01-01' });
    assertError(await call(sato, 'GET', TRANSITION, { id: other.id, tid: t.id }), 404, 'not_found');
    assert.equal((await call(chief, 'GET', TRANSITION, { id: person.id, tid: t.id })).status, 200);
  });

  test('alerts: transition_ending within 30 days of the end, settlement_renewal within 30 days', async () => {
    const today = todayJst();
    const person = await newPerson({ birth_date: '1970-01-01' });
    const s = addDays(today, -160);
    const t = ok(await call(sato, 'POST', TRANSITIONS, { id: person.id }, body({ start: s, end: lastDayWithin(s, 6), admitted_on: null })), 201);
    const alerts = await alertsOf(person.id);
    const a = alerts.find((x) => x.kind === 'transition_ending');
    assert.ok(daysBetween(today, t.end) <= 30);
    assert.ok(a, 'transition_ending');
    assert.equal(a.entity, 'transition');
    assert.equal(a.entity_id, t.id);
    // Extended: the alert moves to extended_to (months away) and is gone today.
    ok(await call(sato, 'PATCH', TRANSITION, { id: person.id, tid: t.id }, { extended_to: lastDayWithin(addDays(t.end, 1), 6), extension_reason: '延長' }));
    assert.ok(!(await alertsOf(person.id)).some((x) => x.kind === 'transition_ending'));
    const s2 = addDays(today, -340);
    const st = ok(await call(sato, 'POST', TRANSITIONS, { id: person.id }, { kind: 'settlement', start: s2, end: lastDayWithin(s2, 12) }), 201);
    const r = (await alertsOf(person.id)).find((x) => x.kind === 'settlement_renewal');
    assert.ok(r, 'settlement_renewal');
    assert.equal(r.entity_id, st.id);
  });
});

describe('monitoring suggestion: Q&A 問38 flags, 就労選択支援', () => {
  const SUGGESTION = `${API}/monitoring/suggestion`;
  test('問38 flags advise a shorter period with the reason; unknown flags → 400', async () => {
    const plain = ok(await call(sato, 'GET', SUGGESTION, { query: { services: 'home_help' } }));
    assert.equal(plain.shorter_period_advised, false);
    assert.deepEqual(plain.advice, []);
    const flagged = ok(await call(sato, 'GET', SUGGESTION, { query: { services: 'home_help', flags: 'living_alone,medical_care_child,cannot_arrange' } }));
    assert.equal(flagged.shorter_period_advised, true);
    assert.equal(flagged.advice.length, 2);
    assert.match(flagged.advice[0], /単身/);
    assert.match(flagged.advice[1], /医療的ケア児/);
    assert.equal(flagged.interval_months, 1, 'cannot_arrange still applies the rule');
    assertError(await call(sato, 'GET', SUGGESTION, { query: { services: 'home_help', flags: 'lonely' } }), 400, 'validation', 'flags');
  });

  test('a decision keeps the ticked situations (問38 included) as flags, in a fixed order; unknown → 400 flags', async () => {
    const person = await newPerson({ birth_date: '2018-05-01', guardian: GUARDIAN });
    const DECISIONS = `${PERSON}/decisions`;
    const d = ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ flags: ['medical_care_child', 'cannot_arrange', 'new_plan'] })), 201);
    assert.deepEqual(d.flags, ['new_plan', 'cannot_arrange', 'medical_care_child']);
    const list = ok(await call(sato, 'GET', DECISIONS, { id: person.id }));
    assert.deepEqual(list.items.find((x) => x.id === d.id).flags, d.flags);
    assert.deepEqual(ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody()), 201).flags, [], 'none ticked → []');
    for (const flags of [['no_such_flag'], ['living_alone', 'living_alone'], 'living_alone'])
      assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ flags })), 400, 'validation', 'flags');
  });

  test('就労選択支援 is a service kind without a standard period (null with a note)', async () => {
    const kinds = ok(await call(sato, 'GET', `${API}/service-kinds`)).items;
    const k = kinds.find((x) => x.code === 'employment_selection');
    assert.ok(k);
    assert.equal(k.name, '就労選択支援');
    assert.equal(k.standard_interval_months, null);
    assert.match(k.note, /出典/);
    assertError(await call(sato, 'GET', SUGGESTION, { query: { services: 'employment_selection' } }), 400, 'validation', 'services');
    const both = ok(await call(sato, 'GET', SUGGESTION, { query: { services: 'employment_selection,daily_life_care' } }));
    assert.equal(both.interval_months, 6);
    assert.ok(both.reasons.some((r) => r.includes('就労選択支援')));
  });
});

describe('monitoring report row by row (the national example)', () => {
  let person;
  let plan;
  before(async () => {
    person = await newPerson({ name: '行別 確認', birth_date: '1990-01-01' });
    ({ plan } = await createIssuedPlan(sato, person.id, { plan: { plan_date: '2026-04-10' } }));
  });
  const count = async () => ok(await call(sato, 'GET', MONITORINGS, { id: person.id })).total;
  /** A body whose goal rows carry `rows[i]` (change_kinds and notes). */
  const withRows = (rows, over = {}) => {
    const b = monitoringBody(plan, { date: '2026-07-15', ...over });
    b.goals = b.goals.map((g, i) => ({ ...g, ...(rows[i] ?? {}) }));
    delete b.change_needed; // follows from the rows
    return b;
  };

  test('rows carry change_kinds and その他留意事項; the report’s change_kinds is their union, change_needed follows', async () => {
    const body = withRows([{ change_kinds: ['weekly_schedule'], notes: '夏休みは<b>利用日</b>が増える。' }, { change_kinds: ['amount', 'service_kind'], notes: '' }]);
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, body), 201);
    assert.deepEqual(m.goals[0].change_kinds, ['weekly_schedule']);
    assert.deepEqual(m.goals[1].change_kinds, ['amount', 'service_kind']);
    assert.equal(m.goals[0].notes, '夏休みは<b>利用日</b>が増える。');
    assert.deepEqual(m.change_kinds, ['service_kind', 'amount', 'weekly_schedule'], 'the union, in table order');
    assert.equal(m.change_needed, true);
    assert.equal(typeof m.new_plan_id, 'number', 'a change opens the revised draft');
    assert.deepEqual(ok(await call(sato, 'GET', MONITORING, { id: person.id, mid: m.id })).goals, m.goals);
    // Rows without a change: 無 everywhere, no change needed.
    const none = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, withRows([{ change_kinds: [] }, { change_kinds: [] }], { date: '2026-07-16' })), 201);
    assert.equal(none.change_needed, false);
    assert.deepEqual(none.change_kinds, []);
    // A kind named at report level only (an older client) joins the union.
    const mixed = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, { ...withRows([{ change_kinds: ['amount'] }, {}], { date: '2026-07-17' }), change_kinds: ['weekly_schedule'] }), 201);
    assert.deepEqual(mixed.change_kinds, ['amount', 'weekly_schedule']);
    assert.deepEqual(mixed.goals[1].change_kinds, []);
  });

  test('refusals name the row’s field; nothing is saved', async () => {
    const before = await count();
    const bad = [
      [withRows([{ change_kinds: ['everything'] }]), 'goals[0].change_kinds'],
      [withRows([{}, { change_kinds: ['amount', 'amount'] }]), 'goals[1].change_kinds'],
      [withRows([{ change_kinds: 'amount' }]), 'goals[0].change_kinds'],
      [withRows([{ notes: 'あ'.repeat(2001) }]), 'goals[0].notes'],
      [withRows([{ notes: 3 }]), 'goals[0].notes'],
      [{ ...withRows([{ change_kinds: ['amount'] }]), change_needed: false }, 'change_needed'],
      [{ ...withRows([{ change_kinds: [] }, { change_kinds: [] }]), change_needed: true }, 'change_kinds'],
      [withRows([{ unknown: 1 }]), 'goals[0].unknown'],
    ];
    for (const [body, field] of bad) assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, body), 400, undefined, field);
    assert.equal(await count(), before);
  });

  test('a record without rows (an older client) reads back null rows and still prints', async () => {
    const body = monitoringBody(plan, { date: '2026-07-18', change_needed: true, change_kinds: ['amount'] });
    body.goals = body.goals.map(({ change_kinds: _k, notes: _n, ...g }) => g);
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, body), 201);
    assert.equal(m.goals[0].change_kinds, null);
    assert.equal(m.goals[0].notes, '');
    assert.deepEqual(m.change_kinds, ['amount']);
    const res = await call(sato, 'GET', PRINT_MONITORING, { mid: m.id });
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('あり（サービスの量）'), 'the report-level change');
    assert.ok(res.text.includes('<td class="yn"></td>'), 'blank 有/無 cells for a row recorded without them');
    assert.ok(res.text.includes('利用者同意署名欄'));
  });

  test('the print has the national columns row by row, その他留意事項 escaped, and the 利用者同意署名欄', async () => {
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, withRows([{ change_kinds: ['weekly_schedule'], notes: '留意<i>あり</i>' }, { change_kinds: [] }], { date: '2026-07-19' })), 201);
    const res = await call(sato, 'GET', PRINT_MONITORING, { mid: m.id });
    assert.equal(res.status, 200);
    for (const s of ['達成時期', 'サービス提供状況', '本人の感想・満足度', '支援目標の達成度', '今後の課題・解決方法', '計画変更の必要性', 'サービス<br>種類の<br>変更', 'サービス<br>量の<br>変更', '週間<br>計画の<br>変更', 'その他留意事項', '利用者同意署名欄'])
      assert.ok(res.text.includes(s), s);
    assert.ok(res.text.includes('<span class="date">2026年9月30日</span>'), '達成時期 of the plan row');
    assert.ok(res.text.includes('留意&lt;i&gt;あり&lt;/i&gt;'), 'notes escaped');
    // Row 1: 無・無・有; row 2: 無・無・無.
    assert.ok(res.text.includes('<td class="yn">無</td><td class="yn">無</td><td class="yn">有</td>'));
    assert.ok(res.text.includes('<td class="yn">無</td><td class="yn">無</td><td class="yn">無</td>'));
    assert.doesNotMatch(res.text, /<script/i);
    const land = await call(sato, 'GET', PRINT_MONITORING, { mid: m.id, query: { orientation: 'landscape' } });
    assert.ok(land.text.includes('<section class="sheet landscape">'));
    assertError(await call(sato, 'GET', PRINT_MONITORING, { mid: m.id, query: { orientation: 'sideways' } }), 400, 'validation', 'orientation');
  });

  test('scope: another specialist → 404, admin → 403', async () => {
    const body = withRows([{ change_kinds: [] }, { change_kinds: [] }], { date: '2026-07-20' });
    assertError(await call(suzuki, 'POST', MONITORINGS, { id: person.id }, body), 404, 'not_found');
    assertError(await call(admin, 'POST', MONITORINGS, { id: person.id }, body), 403, 'forbidden');
  });
});

describe('OpenAPI conformance', () => {
  test('every response of these routes matched the served document', () => {
    assert.deepEqual(R.report(), []);
  });

  test('every transition route was exercised with success and error statuses', () => {
    const seen = R.exercised();
    for (const want of [
      `POST ${TRANSITIONS} 201`, `POST ${TRANSITIONS} 400`, `GET ${TRANSITIONS} 200`, `GET ${TRANSITIONS} 404`, `GET ${TRANSITION} 200`,
      `GET ${TRANSITION} 404`, `PATCH ${TRANSITION} 200`, `PATCH ${TRANSITION} 400`, `POST ${ACTIVITIES} 201`, `POST ${ACTIVITIES} 400`,
      `POST ${PLAN}/submit 409`, `GET ${PRINT_PLAN} 200`, `GET ${PRINT_PLAN} 400`,
      `POST ${MONITORINGS} 201`, `POST ${MONITORINGS} 400`, `GET ${PRINT_MONITORING} 200`, `GET ${PRINT_MONITORING} 400`,
    ])
      assert.ok(seen.includes(want), `not exercised: ${want}`);
  });
});
