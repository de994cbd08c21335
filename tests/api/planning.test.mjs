// 計画相談支援 (planning cycle), part 1: assessments, plans (kind, validation, every state
// transition and refusal, versions, diff, scope) and decisions (支給決定). Contract:
// docs/api-conventions.md "Planning cycle" and docs/openapi.json. Every response of these routes
// is checked against the OpenAPI document the server serves (last test of the file).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  assertError,
  auditRows,
  cleanup,
  createUser,
  decisionBody,
  ok,
  personBody,
  planBody,
  PLAN_STEPS,
  todayJst,
  startDemoOffice,
} from './lib/harness.mjs';

let server;
let R; // conformance recorder
let sato;
let suzuki;
let chief;
let admin;

before(async () => {
  ({ server, R, sato, suzuki, chief, admin } = await startDemoOffice());
});
after(cleanup);

// Route templates as documented.
const PERSON = `${API}/persons/{id}`;
const ASSESSMENTS = `${PERSON}/assessments`;
const ASSESSMENT = `${ASSESSMENTS}/{aid}`;
const PLANS = `${PERSON}/plans`;
const PLAN = `${PLANS}/{pid}`;
const DECISIONS = `${PERSON}/decisions`;
const DECISION = `${DECISIONS}/{did}`;

const call = (...args) => R.call(...args);

/** The routes of this file, each checked against the OpenAPI document at the end. */
const ROUTES = [
  ['POST', ASSESSMENTS], ['GET', ASSESSMENTS], ['GET', ASSESSMENT], ['PATCH', ASSESSMENT], ['POST', `${ASSESSMENT}/finalise`], ['POST', `${ASSESSMENT}/copy`],
  ['POST', PLANS], ['GET', PLANS], ['GET', PLAN], ['PATCH', PLAN], ['POST', `${PLAN}/submit`], ['POST', `${PLAN}/issue`], ['POST', `${PLAN}/revise`], ['GET', `${PLAN}/diff`],
  ['POST', DECISIONS], ['GET', DECISIONS], ['GET', DECISION],
];

async function newPerson(over = {}, who = sato) {
  return ok(await who.post(`${API}/persons`, personBody({ name: '計画 確認', ...over })), 201);
}

/** A draft plan of person `id` (as sato unless `who`). */
async function newPlan(id, over = {}, who = sato) {
  return ok(await call(who, 'POST', PLANS, { id }, planBody(over)), 201);
}

/** Needs and weekly entries without service kinds: the kind then follows the age (issue #17). */
const NO_SERVICES = {
  needs: planBody().needs.map((n) => ({ ...n, services: [] })),
  weekly: planBody().weekly.map((w) => ({ ...w, kind: null })),
};
const GUARDIAN = { name: '保護者 花子', relation: '母', phone: '090-1111-2222' };

async function listPlans(id, who = sato) {
  return ok(await call(who, 'GET', PLANS, { id }));
}

const assessmentBody = (over = {}) => ({
  date: '2026-03-20',
  place: 'home',
  own_words: '自分の部屋で、好きな音楽を聴いて暮らしたい。',
  life_history: '特別支援学校を卒業後、作業所に通っていた。',
  family_situation: '母と二人暮らし。',
  health_medical: '月1回 通院。',
  current_services: '就労継続支援B型',
  income: '障害基礎年金2級',
  daily_life: '朝は母に起こされる。',
  work_school: '作業所 週3日',
  leisure: '音楽、散歩',
  strengths: '挨拶が丁寧。',
  icf: { body_functions: '知的障害', activities: '買い物は一人でできる', participation: '作業所', environmental: '母の支え', personal: '几帳面' },
  needs: ['一人暮らしをしてみたい。', '給料を増やしたい。'],
  ...over,
});

// --- assessments -------------------------------------------------------------------------------

describe('assessments (アセスメント)', () => {
  let person;
  before(async () => {
    person = await newPerson({ name: 'アセスメント 確認' });
  });

  test('create without own_words, or with an empty one → 400 field own_words; nothing saved', async () => {
    const { own_words: _, ...without } = assessmentBody();
    assertError(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, without), 400, 'validation', 'own_words');
    assertError(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody({ own_words: '' })), 400, 'validation', 'own_words');
    const list = ok(await call(sato, 'GET', ASSESSMENTS, { id: person.id }));
    assert.equal(list.total, 0);
    assert.deepEqual(list.items, []);
  });

  test('create → 201 draft with every field; list and get return it', async () => {
    const body = assessmentBody();
    const a = ok(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, body), 201);
    assert.equal(typeof a.id, 'number');
    assert.equal(a.person_id, person.id);
    assert.equal(a.status, 'draft');
    assert.equal(a.finalised_on, null);
    assert.equal(a.copied_from_id, null);
    assert.equal(a.author_id, sato.user.id);
    assert.equal(a.author_name, sato.user.name);
    for (const [k, v] of Object.entries(body)) assert.deepEqual(a[k], v, k);
    const list = ok(await call(sato, 'GET', ASSESSMENTS, { id: person.id }));
    assert.equal(list.total, 1);
    assert.deepEqual(list.items, [a]);
    assert.deepEqual(ok(await call(sato, 'GET', ASSESSMENT, { id: person.id, aid: a.id })), a);
  });

  test('PATCH a draft changes only the given fields; own_words cannot be emptied', async () => {
    const a = ok(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody()), 201);
    const p = ok(await call(sato, 'PATCH', ASSESSMENT, { id: person.id, aid: a.id }, { leisure: 'カラオケ', needs: ['友だちと出かけたい。'] }));
    assert.equal(p.leisure, 'カラオケ');
    assert.deepEqual(p.needs, ['友だちと出かけたい。']);
    const { leisure: _a, needs: _b, updated_at: _c, ...rest } = p;
    const { leisure: _d, needs: _e, updated_at: _f, ...restBefore } = a;
    assert.deepEqual(rest, restBefore);
    assertError(await call(sato, 'PATCH', ASSESSMENT, { id: person.id, aid: a.id }, { own_words: '' }), 400, 'validation', 'own_words');
    assert.equal(ok(await call(sato, 'GET', ASSESSMENT, { id: person.id, aid: a.id })).own_words, a.own_words);
  });

  test('finalise needs ≥1 need (400, nothing changes); then it is read-only: PATCH and finalise again → 409 assessment_finalised', async () => {
    const a = ok(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody({ needs: [] })), 201);
    const path = { id: person.id, aid: a.id };
    assertError(await call(sato, 'POST', `${ASSESSMENT}/finalise`, path), 400, 'validation', 'needs');
    assert.equal(ok(await call(sato, 'GET', ASSESSMENT, path)).status, 'draft');
    ok(await call(sato, 'PATCH', ASSESSMENT, path, { needs: ['働きたい。'] }));
    const f = ok(await call(sato, 'POST', `${ASSESSMENT}/finalise`, path));
    assert.equal(f.status, 'finalised');
    assert.equal(f.finalised_on, todayJst());
    assert.deepEqual(f.needs, ['働きたい。']);
    assertError(await call(sato, 'PATCH', ASSESSMENT, path, { leisure: '書き換え' }), 409, 'assessment_finalised');
    assertError(await call(sato, 'POST', `${ASSESSMENT}/finalise`, path), 409, 'assessment_finalised');
    const again = ok(await call(sato, 'GET', ASSESSMENT, path));
    assert.equal(again.leisure, a.leisure);
    assert.equal(again.status, 'finalised');
  });

  test('copy of a finalised assessment → 201 new draft with the content; copy of a draft → 409 assessment_state', async () => {
    const body = assessmentBody({ own_words: 'コピー元の言葉', needs: ['ニーズ1', 'ニーズ2'] });
    const a = ok(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, body), 201);
    assertError(await call(sato, 'POST', `${ASSESSMENT}/copy`, { id: person.id, aid: a.id }), 409, 'assessment_state');
    ok(await call(sato, 'POST', `${ASSESSMENT}/finalise`, { id: person.id, aid: a.id }));
    const c = ok(await call(sato, 'POST', `${ASSESSMENT}/copy`, { id: person.id, aid: a.id }), 201);
    assert.notEqual(c.id, a.id);
    assert.equal(c.status, 'draft');
    assert.equal(c.finalised_on, null);
    assert.equal(c.copied_from_id, a.id);
    assert.equal(c.person_id, person.id);
    for (const k of Object.keys(body).filter((k) => k !== 'date')) assert.deepEqual(c[k], body[k], k);
    // The copy is editable, the original is not.
    ok(await call(sato, 'PATCH', ASSESSMENT, { id: person.id, aid: c.id }, { own_words: '更新した言葉' }));
    assert.equal(ok(await call(sato, 'GET', ASSESSMENT, { id: person.id, aid: a.id })).own_words, 'コピー元の言葉');
    const ids = ok(await call(sato, 'GET', ASSESSMENTS, { id: person.id })).items.map((x) => x.id);
    assert.ok(ids.includes(a.id) && ids.includes(c.id));
  });

  test('another specialist → 404 on every assessment route; admin → 403; another person’s assessment id → 404', async () => {
    const a = ok(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody()), 201);
    const path = { id: person.id, aid: a.id };
    assertError(await call(suzuki, 'GET', ASSESSMENTS, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody()), 404, 'not_found');
    assertError(await call(suzuki, 'GET', ASSESSMENT, path), 404, 'not_found');
    assertError(await call(suzuki, 'PATCH', ASSESSMENT, path, { leisure: 'x' }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', `${ASSESSMENT}/finalise`, path), 404, 'not_found');
    assertError(await call(suzuki, 'POST', `${ASSESSMENT}/copy`, path), 404, 'not_found');
    assertError(await call(admin, 'GET', ASSESSMENTS, { id: person.id }), 403, 'forbidden');
    assertError(await call(admin, 'GET', ASSESSMENT, path), 403, 'forbidden');
    assertError(await call(admin, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody()), 403, 'forbidden');
    const other = await newPerson({ name: '別人 アセスメント' });
    assertError(await call(sato, 'GET', ASSESSMENT, { id: other.id, aid: a.id }), 404, 'not_found');
    assertError(await call(sato, 'PATCH', ASSESSMENT, { id: other.id, aid: a.id }, { leisure: 'x' }), 404, 'not_found');
    assert.equal(ok(await call(sato, 'GET', ASSESSMENT, path)).leisure, a.leisure);
  });
});

// --- plans: kind and validation ------------------------------------------------------------------

describe('plans: without services the kind follows the age on plan_date', () => {
  test('17 on plan_date → child, the 18th birthday exactly → adult; PATCH plan_date recomputes', async () => {
    const person = await newPerson({ name: '年齢 境界', birth_date: '2000-06-15' });
    const child = await newPlan(person.id, { plan_date: '2018-06-14', ...NO_SERVICES });
    assert.equal(child.kind, 'child', '17 years and 364 days');
    const adult = await newPlan(person.id, { plan_date: '2018-06-15', ...NO_SERVICES });
    assert.equal(adult.kind, 'adult', 'the 18th birthday');
    assert.equal(ok(await call(sato, 'PATCH', PLAN, { id: person.id, pid: child.id }, { plan_date: '2019-01-01' })).kind, 'adult');
    assert.equal(ok(await call(sato, 'PATCH', PLAN, { id: person.id, pid: adult.id }, { plan_date: '2018-06-14' })).kind, 'child');
    assert.equal(ok(await call(sato, 'GET', PLAN, { id: person.id, pid: adult.id })).kind, 'child');
    // A read-only kind in the input is ignored.
    assert.equal((await newPlan(person.id, { plan_date: '2018-06-15', kind: 'child', ...NO_SERVICES })).kind, 'adult');
  });

  test('a new plan: draft, version from 1 per person, specialist defaults to the creator, read-only fields ignored', async () => {
    const person = await newPerson();
    const body = planBody({ status: 'issued', version: 9, issued_on: '2026-01-01', decision_id: 5, previous_version_id: 3 });
    const p = ok(await call(sato, 'POST', PLANS, { id: person.id }, body), 201);
    assert.equal(p.status, 'draft');
    assert.equal(p.version, 1);
    assert.equal(p.previous_version_id, null);
    assert.equal(p.next_version_id, null);
    assert.equal(p.is_current, false);
    assert.equal(p.issued_on, null);
    assert.equal(p.submitted_on, null);
    assert.equal(p.decision_id, null);
    assert.equal(p.specialist_id, sato.user.id);
    assert.equal(p.specialist_name, sato.user.name);
    assert.equal(p.person_id, person.id);
    for (const k of ['plan_date', 'wishes', 'family_wishes', 'policy', 'long_term_goal', 'short_term_goal', 'monitoring_period_note',
      'proposed_interval_months', 'needs', 'weekly', 'daily_activities', 'non_weekly'])
      assert.deepEqual(p[k], body[k], k);
    assert.equal((await newPlan(person.id)).version, 2);
    assert.deepEqual(ok(await call(sato, 'GET', PLAN, { id: person.id, pid: p.id })), p);
  });

  test('plan_date is required on POST → 400 field plan_date', async () => {
    const person = await newPerson();
    const { plan_date: _, ...without } = planBody();
    assertError(await call(sato, 'POST', PLANS, { id: person.id }, without), 400, 'validation', 'plan_date');
    assertError(await call(sato, 'POST', PLANS, { id: person.id }, planBody({ plan_date: '2026-02-30' })), 400, 'validation', 'plan_date');
    assert.equal((await listPlans(person.id)).total, 0);
  });

  test('each goal needs both indicator and own_words: 400 naming needs[i].goal.…, nothing saved', async () => {
    const person = await newPerson();
    const needs = planBody().needs;
    const cases = [
      [[needs[0], { ...needs[1], goal: { indicator: '週1回 掃除する。' } }], 'needs[1].goal.own_words'],
      [[needs[0], { ...needs[1], goal: { indicator: '週1回 掃除する。', own_words: '' } }], 'needs[1].goal.own_words'],
      [[{ ...needs[0], goal: { indicator: '', own_words: '働きたい。' } }], 'needs[0].goal.indicator'],
      [[{ ...needs[0], goal: { own_words: '働きたい。' } }], 'needs[0].goal.indicator'],
      [[needs[0], { ...needs[1], goal: undefined }], 'needs[1].goal.indicator'],
    ];
    for (const [n, field] of cases) {
      const body = JSON.parse(JSON.stringify(planBody({ needs: n })));
      const res = await call(sato, 'POST', PLANS, { id: person.id }, body);
      if (body.needs[1] && !body.needs[1].goal) assert.match(assertError(res, 400, 'validation').field, /^needs\[1\]\.goal/, 'a missing goal');
      else assertError(res, 400, 'validation', field);
    }
    assert.equal((await listPlans(person.id)).total, 0, 'nothing saved');
    // The same on PATCH: refused, the plan unchanged.
    const p = await newPlan(person.id);
    assertError(
      await call(sato, 'PATCH', PLAN, { id: person.id, pid: p.id }, { wishes: '変えた', needs: [needs[0], { ...needs[1], goal: { indicator: 'x', own_words: '' } }] }),
      400,
      'validation',
      'needs[1].goal.own_words',
    );
    const now = ok(await call(sato, 'GET', PLAN, { id: person.id, pid: p.id }));
    assert.equal(now.wishes, p.wishes);
    assert.deepEqual(now.needs, p.needs);
  });

  test('a need needs its text; an unknown service kind in a needs row → 400 needs[0].services[0].kind', async () => {
    const person = await newPerson();
    const n0 = planBody().needs[0];
    assertError(await call(sato, 'POST', PLANS, { id: person.id }, planBody({ needs: [{ ...n0, need: '' }] })), 400, 'validation', 'needs[0].need');
    assertError(
      await call(sato, 'POST', PLANS, { id: person.id }, planBody({ needs: [{ ...n0, services: [{ ...n0.services[0], kind: 'no_such_kind' }] }] })),
      400,
      'validation',
      'needs[0].services[0].kind',
    );
    assert.equal((await listPlans(person.id)).total, 0);
  });

  test('weekly: weekday 1–7, HH:MM, end after start (24:00 allowed); 400 names weekly[i].field', async () => {
    const person = await newPerson();
    const w = { weekday: 2, start: '09:00', end: '12:00', activity: '通所', kind: null };
    const cases = [
      [{ ...w, weekday: 0 }, 'weekly[0].weekday'],
      [{ ...w, weekday: 8 }, 'weekly[0].weekday'],
      [{ ...w, end: '09:00' }, 'weekly[0].end'],
      [{ ...w, end: '08:59' }, 'weekly[0].end'],
      [{ ...w, end: '24:01' }, 'weekly[0].end'],
      [{ ...w, start: '9:00' }, 'weekly[0].start'],
      [{ ...w, kind: 'no_such_kind' }, 'weekly[0].kind'],
    ];
    for (const [entry, field] of cases)
      assertError(await call(sato, 'POST', PLANS, { id: person.id }, planBody({ weekly: [entry] })), 400, 'validation', field);
    assertError(await call(sato, 'POST', PLANS, { id: person.id }, planBody({ weekly: [w, { ...w, start: '13:00', end: '12:30' }] })), 400, 'validation', 'weekly[1].end');
    assert.equal((await listPlans(person.id)).total, 0, 'nothing saved');
    const p = await newPlan(person.id, { weekly: [{ ...w, weekday: 1 }, { ...w, weekday: 7, start: '23:00', end: '24:00' }] });
    assert.deepEqual(p.weekly.map((x) => [x.weekday, x.start, x.end]), [[1, '09:00', '12:00'], [7, '23:00', '24:00']]);
  });

  test('GET plans ?status= filters; an unknown status → 400 field status', async () => {
    const person = await newPerson();
    const a = await newPlan(person.id);
    const b = await newPlan(person.id);
    ok(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: b.id }));
    const all = await listPlans(person.id);
    assert.equal(all.total, 2);
    assert.deepEqual(all.items.map((p) => p.version), [2, 1], 'newest version first');
    assert.deepEqual(ok(await call(sato, 'GET', PLANS, { id: person.id, query: { status: 'draft' } })).items.map((p) => p.id), [a.id]);
    assert.deepEqual(ok(await call(sato, 'GET', PLANS, { id: person.id, query: { status: 'submitted' } })).items.map((p) => p.id), [b.id]);
    assert.equal(ok(await call(sato, 'GET', PLANS, { id: person.id, query: { status: 'issued' } })).total, 0);
    assertError(await call(sato, 'GET', PLANS, { id: person.id, query: { status: 'bogus' } }), 400, 'validation', 'status');
  });
});

// --- plans: transitions ----------------------------------------------------------------------

describe('plans: draft → submitted → issued, revise, diff', () => {
  let person;
  let plan; // version 1
  let decision;
  let v2; // the revision draft
  before(async () => {
    person = await newPerson({ name: '遷移 確認' });
  });

  test('submit needs wishes, policy, long and short term goals and ≥1 need (400 naming the field)', async () => {
    const other = await newPerson();
    for (const field of ['wishes', 'policy', 'long_term_goal', 'short_term_goal']) {
      const p = await newPlan(other.id, { [field]: '' });
      assertError(await call(sato, 'POST', `${PLAN}/submit`, { id: other.id, pid: p.id }), 400, 'validation', field);
      assert.equal(ok(await call(sato, 'GET', PLAN, { id: other.id, pid: p.id })).status, 'draft');
    }
    const p = await newPlan(other.id, { needs: [] });
    assertError(await call(sato, 'POST', `${PLAN}/submit`, { id: other.id, pid: p.id }), 400, 'validation', 'needs');
  });

  test('issue a draft → 409 plan_state', async () => {
    plan = await newPlan(person.id, { plan_date: '2026-03-15', consented_on: null });
    assert.equal(plan.version, 1);
    assertError(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: plan.id }, { issued_on: '2026-04-10', consented_on: '2026-04-10' }), 409, 'plan_state');
    const now = ok(await call(sato, 'GET', PLAN, { id: person.id, pid: plan.id }));
    assert.equal(now.status, 'draft');
    assert.equal(now.issued_on, null);
  });

  test('submit a draft → 200 submitted with submitted_on; submit again → 409 plan_state', async () => {
    const s = ok(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: plan.id }));
    assert.equal(s.status, 'submitted');
    assert.equal(s.submitted_on, todayJst());
    assert.equal(s.issued_on, null);
    assertError(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: plan.id }), 409, 'plan_state');
  });

  test('a submitted plan may still be corrected (PATCH 200) but not emptied (400)', async () => {
    const p = ok(await call(sato, 'PATCH', PLAN, { id: person.id, pid: plan.id }, { non_weekly: '月2回 通院' }));
    assert.equal(p.status, 'submitted');
    assert.equal(p.non_weekly, '月2回 通院');
    assertError(await call(sato, 'PATCH', PLAN, { id: person.id, pid: plan.id }, { policy: '' }), 400, 'validation', 'policy');
  });

  test('issue without any decision → 409 decision_required', async () => {
    assertError(
      await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: plan.id }, { issued_on: '2026-04-10', consented_on: '2026-04-10' }),
      409,
      'decision_required',
    );
    assert.equal(ok(await call(sato, 'GET', PLAN, { id: person.id, pid: plan.id })).status, 'submitted');
  });

  test('issue with a decision that does not cover the issue date → 409 decision_required', async () => {
    decision = ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody()), 201); // decided 2026-03-25, 2026-04-01..2027-03-31
    const path = { id: person.id, pid: plan.id };
    // After the period end.
    assertError(await call(sato, 'POST', `${PLAN}/issue`, path, { issued_on: '2027-04-01', consented_on: '2026-04-10' }), 409, 'decision_required');
    // Before the decision was made (decided_on ≤ issued_on).
    assertError(await call(sato, 'POST', `${PLAN}/issue`, path, { issued_on: '2026-03-20', consented_on: '2026-03-20' }), 409, 'decision_required');
    const now = ok(await call(sato, 'GET', PLAN, path));
    assert.equal(now.status, 'submitted');
    assert.equal(now.consented_on, null, 'a refused issue records nothing');
  });

  test('issue without a consent date → 409 consent_required', async () => {
    assertError(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: plan.id }, { issued_on: '2026-04-10' }), 409, 'consent_required');
    assert.equal(ok(await call(sato, 'GET', PLAN, { id: person.id, pid: plan.id })).status, 'submitted');
  });

  test('issue → 200 issued, issued_on and decision_id set, is_current', async () => {
    const i = ok(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: plan.id }, { issued_on: '2026-04-10', consented_on: '2026-04-08' }));
    assert.equal(i.status, 'issued');
    assert.equal(i.issued_on, '2026-04-10');
    assert.equal(i.consented_on, '2026-04-08');
    assert.equal(i.decision_id, decision.id);
    assert.equal(i.is_current, true);
    assert.deepEqual(ok(await call(sato, 'GET', PLAN, { id: person.id, pid: plan.id })), i);
    plan = i;
  });

  test('an issued plan: PATCH → 409 plan_immutable (unchanged); submit and issue again → 409 plan_state', async () => {
    const path = { id: person.id, pid: plan.id };
    assertError(await call(sato, 'PATCH', PLAN, path, { wishes: '書き換え' }), 409, 'plan_immutable');
    assertError(await call(sato, 'PATCH', PLAN, path, {}), 409, 'plan_immutable');
    assertError(await call(sato, 'POST', `${PLAN}/submit`, path), 409, 'plan_state');
    assertError(await call(sato, 'POST', `${PLAN}/issue`, path, { issued_on: '2026-05-01' }), 409, 'plan_state');
    assert.deepEqual(ok(await call(sato, 'GET', PLAN, path)), plan);
  });

  test('revise a draft or submitted plan → 409 plan_state', async () => {
    const other = await newPerson();
    const d = await newPlan(other.id);
    assertError(await call(sato, 'POST', `${PLAN}/revise`, { id: other.id, pid: d.id }, {}), 409, 'plan_state');
    ok(await call(sato, 'POST', `${PLAN}/submit`, { id: other.id, pid: d.id }));
    assertError(await call(sato, 'POST', `${PLAN}/revise`, { id: other.id, pid: d.id }), 409, 'plan_state');
    assert.equal((await listPlans(other.id)).total, 1);
  });

  test('revise → 201 a new draft: version 2, previous_version_id, content copied, consent/issue cleared', async () => {
    const r = ok(await call(sato, 'POST', `${PLAN}/revise`, { id: person.id, pid: plan.id }, { plan_date: '2026-09-01' }), 201);
    assert.notEqual(r.id, plan.id);
    assert.equal(r.status, 'draft');
    assert.equal(r.version, 2);
    assert.equal(r.previous_version_id, plan.id);
    assert.equal(r.next_version_id, null);
    assert.equal(r.plan_date, '2026-09-01');
    assert.equal(r.is_current, false);
    for (const k of ['issued_on', 'submitted_on', 'decision_id', 'consented_on']) assert.equal(r[k], null, k);
    for (const k of ['wishes', 'family_wishes', 'policy', 'long_term_goal', 'short_term_goal', 'needs', 'weekly', 'daily_activities', 'non_weekly'])
      assert.deepEqual(r[k], plan[k], k);
    const v1 = ok(await call(sato, 'GET', PLAN, { id: person.id, pid: plan.id }));
    assert.equal(v1.next_version_id, r.id);
    assert.equal(v1.is_current, true, 'v1 stays the plan in force until v2 is issued');
    assert.equal(v1.status, 'issued');
    v2 = r;
  });

  test('revise again while that draft is open → 409 plan_state (no third version)', async () => {
    assertError(await call(sato, 'POST', `${PLAN}/revise`, { id: person.id, pid: plan.id }, {}), 409, 'plan_state');
    assertError(await call(sato, 'POST', `${PLAN}/revise`, { id: person.id, pid: plan.id }), 409, 'plan_state');
    assert.equal((await listPlans(person.id)).total, 2);
  });

  test('diff after a PATCH of the draft shows the changed paths with before/after; bookkeeping is not compared', async () => {
    const needs = JSON.parse(JSON.stringify(v2.needs));
    needs[0].goal.indicator = '週4日、作業所に通所する。';
    needs.push({ priority: 3, need: '料理を覚えたい。', goal: { indicator: '月2回 調理実習に参加する。', own_words: 'カレーを作れるようになる。' },
      target_date: null, services: [], own_role: '材料を買う。', evaluation_date: null, notes: '' });
    const weekly = [...v2.weekly, { weekday: 5, start: '13:00', end: '15:00', activity: '調理実習', kind: null }];
    const patched = ok(await call(sato, 'PATCH', PLAN, { id: person.id, pid: v2.id }, { wishes: '一人暮らしを始めたい。', needs, weekly }));
    assert.equal(patched.status, 'draft');
    const d = ok(await call(sato, 'GET', `${PLAN}/diff`, { id: person.id, pid: v2.id }));
    assert.equal(d.from_id, plan.id);
    assert.equal(d.to_id, v2.id);
    assert.equal(d.from_version, 1);
    assert.equal(d.to_version, 2);
    const byPath = new Map(d.changes.map((c) => [c.path, c]));
    const wishes = byPath.get('wishes');
    assert.ok(wishes, `wishes changed: ${JSON.stringify(d.changes)}`);
    assert.deepEqual([wishes.change, wishes.before, wishes.after], ['changed', plan.wishes, '一人暮らしを始めたい。']);
    const ind = byPath.get('needs[0].goal.indicator');
    assert.ok(ind, `needs[0].goal.indicator changed: ${JSON.stringify(d.changes.map((c) => c.path))}`);
    assert.deepEqual([ind.change, ind.before, ind.after], ['changed', '週3日、作業所に通所する。', '週4日、作業所に通所する。']);
    const added = byPath.get('needs[2]');
    assert.ok(added, `needs[2] added: ${JSON.stringify(d.changes.map((c) => c.path))}`);
    assert.equal(added.change, 'added');
    assert.equal(added.before, null);
    assert.equal(added.after.need, '料理を覚えたい。');
    const week = d.changes.filter((c) => c.path.startsWith('weekly'));
    assert.equal(week.length, 1, JSON.stringify(week));
    assert.equal(week[0].change, 'added');
    assert.equal(week[0].after.activity, '調理実習');
    const pd = byPath.get('plan_date');
    assert.deepEqual([pd?.before, pd?.after], ['2026-03-15', '2026-09-01']);
    // Unchanged content and bookkeeping are not listed.
    for (const p of d.changes.map((c) => c.path)) {
      assert.ok(!/^(id|person_id|status|version|kind|previous_version_id|next_version_id|is_current|specialist_name|submitted_on|issued_on|decision_id|created_at|updated_at)\b/.test(p), `bookkeeping ${p} is not compared`);
      assert.ok(!/^(policy|long_term_goal|short_term_goal|family_wishes|needs\[1\])/.test(p), `${p} did not change`);
    }
    // ?from= explicitly gives the same answer.
    assert.deepEqual(ok(await call(sato, 'GET', `${PLAN}/diff`, { id: person.id, pid: v2.id, query: { from: plan.id } })), d);
  });

  test('diff: no previous version → 400 field from; malformed from → 400; another person’s plan as from → 404', async () => {
    assertError(await call(sato, 'GET', `${PLAN}/diff`, { id: person.id, pid: plan.id }), 400, 'validation', 'from');
    assertError(await call(sato, 'GET', `${PLAN}/diff`, { id: person.id, pid: v2.id, query: { from: 'abc' } }), 400, 'validation', 'from');
    const other = await newPerson();
    const theirs = await newPlan(other.id);
    assertError(await call(sato, 'GET', `${PLAN}/diff`, { id: person.id, pid: v2.id, query: { from: theirs.id } }), 404, 'not_found');
    assertError(await call(sato, 'GET', `${PLAN}/diff`, { id: person.id, pid: v2.id, query: { from: 99999999 } }), 404, 'not_found');
  });

  test('issuing v2 makes it current; v1 (already revised) cannot be revised again → 409 plan_state', async () => {
    ok(await sato.patch(`${API}/persons/${person.id}/plans/${v2.id}`, PLAN_STEPS)); // revise cleared the plan steps
    ok(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: v2.id }));
    const i = ok(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: v2.id }, { issued_on: '2026-09-10', consented_on: '2026-09-10' }));
    assert.equal(i.is_current, true);
    const v1 = ok(await call(sato, 'GET', PLAN, { id: person.id, pid: plan.id }));
    assert.equal(v1.is_current, false);
    assert.equal(v1.next_version_id, v2.id);
    assertError(await call(sato, 'POST', `${PLAN}/revise`, { id: person.id, pid: plan.id }, {}), 409, 'plan_state');
    assert.equal((await listPlans(person.id)).total, 2);
    // v2 can be revised: version 3, and by default the plan_date is today.
    const v3 = ok(await call(sato, 'POST', `${PLAN}/revise`, { id: person.id, pid: v2.id }, {}), 201);
    assert.equal(v3.version, 3);
    assert.equal(v3.previous_version_id, v2.id);
    assert.equal(v3.plan_date, todayJst());
  });

  test('issue refuses a plan whose specialist is no longer active → 409 specialist_required', async () => {
    const { user } = await createUser(chief, { name: '退職予定 職員' });
    const other = await newPerson();
    const p = await newPlan(other.id, { specialist_id: user.id, plan_date: '2026-04-10' });
    assert.equal(p.specialist_id, user.id);
    ok(await call(sato, 'POST', `${PLAN}/submit`, { id: other.id, pid: p.id }));
    ok(await call(sato, 'POST', DECISIONS, { id: other.id }, decisionBody()), 201);
    ok(await chief.patch(`${API}/users/${user.id}`, { active: false }));
    assertError(await call(sato, 'POST', `${PLAN}/issue`, { id: other.id, pid: p.id }, { issued_on: '2026-04-10', consented_on: '2026-04-10' }), 409, 'specialist_required');
    // An inactive or foreign user cannot be chosen as the specialist.
    assertError(await call(sato, 'PATCH', PLAN, { id: other.id, pid: p.id }, { specialist_id: user.id }), 400, 'validation', 'specialist_id');
    assertError(await call(sato, 'PATCH', PLAN, { id: other.id, pid: p.id }, { specialist_id: admin.user.id }), 400, 'validation', 'specialist_id');
  });
});

// --- plans: scope ------------------------------------------------------------------------------

describe('plans: scope', () => {
  test('another specialist on sato’s person: GET, list, PATCH, submit, issue, revise, diff → 404; nothing changes', async () => {
    const person = await newPerson({ name: '担当外 計画' });
    const draft = await newPlan(person.id);
    const path = { id: person.id, pid: draft.id };
    assertError(await call(suzuki, 'GET', PLANS, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', PLANS, { id: person.id }, planBody()), 404, 'not_found');
    assertError(await call(suzuki, 'GET', PLAN, path), 404, 'not_found');
    assertError(await call(suzuki, 'PATCH', PLAN, path, { wishes: '書き換え' }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', `${PLAN}/submit`, path), 404, 'not_found');
    ok(await call(sato, 'POST', `${PLAN}/submit`, path));
    ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody()), 201);
    assertError(await call(suzuki, 'POST', `${PLAN}/issue`, path, { issued_on: '2026-04-10', consented_on: '2026-04-10' }), 404, 'not_found');
    const issued = ok(await call(sato, 'POST', `${PLAN}/issue`, path, { issued_on: '2026-04-10', consented_on: '2026-04-10' }));
    assertError(await call(suzuki, 'POST', `${PLAN}/revise`, path, {}), 404, 'not_found');
    assertError(await call(suzuki, 'GET', `${PLAN}/diff`, { ...path, query: { from: draft.id } }), 404, 'not_found');
    // suzuki's own person with sato's plan id: still 404.
    const mine = ok(await suzuki.post(`${API}/persons`, personBody({ name: '鈴木 担当' })), 201);
    assertError(await call(suzuki, 'GET', PLAN, { id: mine.id, pid: draft.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', `${PLAN}/revise`, { id: mine.id, pid: draft.id }, {}), 404, 'not_found');
    assertError(await call(suzuki, 'GET', `${PLAN}/diff`, { id: mine.id, pid: draft.id }), 404, 'not_found');
    // Nothing changed.
    const list = await listPlans(person.id);
    assert.equal(list.total, 1);
    assert.deepEqual(list.items[0], issued);
    // The chief sees it.
    ok(await call(chief, 'GET', PLAN, path));
  });

  test('admin → 403 on every plan route', async () => {
    const person = await newPerson();
    const draft = await newPlan(person.id);
    const path = { id: person.id, pid: draft.id };
    assertError(await call(admin, 'GET', PLANS, { id: person.id }), 403, 'forbidden');
    assertError(await call(admin, 'POST', PLANS, { id: person.id }, planBody()), 403, 'forbidden');
    assertError(await call(admin, 'GET', PLAN, path), 403, 'forbidden');
    assertError(await call(admin, 'PATCH', PLAN, path, { wishes: 'x' }), 403, 'forbidden');
    assertError(await call(admin, 'POST', `${PLAN}/submit`, path), 403, 'forbidden');
    assertError(await call(admin, 'POST', `${PLAN}/issue`, path, {}), 403, 'forbidden');
    assertError(await call(admin, 'POST', `${PLAN}/revise`, path, {}), 403, 'forbidden');
    assertError(await call(admin, 'GET', `${PLAN}/diff`, path), 403, 'forbidden');
    assert.equal(ok(await call(sato, 'GET', PLAN, path)).status, 'draft');
  });

  test('a plan of another person of the same specialist under this person’s path → 404', async () => {
    const a = await newPerson();
    const b = await newPerson();
    const pb = await newPlan(b.id);
    assertError(await call(sato, 'GET', PLAN, { id: a.id, pid: pb.id }), 404, 'not_found');
    assertError(await call(sato, 'PATCH', PLAN, { id: a.id, pid: pb.id }, { wishes: 'x' }), 404, 'not_found');
    assertError(await call(sato, 'POST', `${PLAN}/submit`, { id: a.id, pid: pb.id }), 404, 'not_found');
    assert.equal(ok(await call(sato, 'GET', PLAN, { id: b.id, pid: pb.id })).status, 'draft');
  });
});

// --- decisions ---------------------------------------------------------------------------------

describe('decisions (支給決定)', () => {
  test('create with every required field → 201; GET list and one; the person gets the certificate and period', async () => {
    const person = await newPerson({ certificate_number: '' });
    const body = decisionBody({ certificate_number: '0123456789', notes: '3か月ごと' });
    const d = ok(await call(sato, 'POST', DECISIONS, { id: person.id }, body), 201);
    assert.equal(typeof d.id, 'number');
    assert.equal(d.person_id, person.id);
    assert.equal(d.created_by, sato.user.id);
    for (const [k, v] of Object.entries(body)) assert.deepEqual(d[k], v, k);
    assert.deepEqual(d.monitoring_periods, []);
    const p = ok(await sato.get(`${API}/persons/${person.id}`));
    assert.equal(p.certificate_number, '0123456789');
    assert.equal(p.decision_period_start, '2026-04-01');
    assert.equal(p.decision_period_end, '2027-03-31');
    assert.deepEqual(ok(await call(sato, 'GET', DECISION, { id: person.id, did: d.id })), d);
    const list = ok(await call(sato, 'GET', DECISIONS, { id: person.id }));
    assert.equal(list.total, 1);
    assert.deepEqual(list.items, [d]);
    // A newer decision replaces the certificate and the period; newest first.
    const d2 = ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ decided_on: '2027-03-20', period_start: '2027-04-01', period_end: '2028-03-31', certificate_number: '9876543210' })), 201);
    const p2 = ok(await sato.get(`${API}/persons/${person.id}`));
    assert.equal(p2.certificate_number, '9876543210');
    assert.equal(p2.decision_period_start, '2027-04-01');
    assert.equal(p2.decision_period_end, '2028-03-31');
    assert.deepEqual(ok(await call(sato, 'GET', DECISIONS, { id: person.id })).items.map((x) => x.id), [d2.id, d.id]);
  });

  test('each required field missing → 400 naming it; nothing saved', async () => {
    const person = await newPerson();
    for (const field of ['decided_on', 'period_start', 'period_end', 'monitoring_interval_months', 'services']) {
      const body = decisionBody();
      delete body[field];
      assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, body), 400, 'validation', field);
    }
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ services: [] })), 400, 'validation', 'services');
    // No certificate number on the person and none in the decision → 400.
    const bare = await newPerson({ certificate_number: '' });
    const { certificate_number: _, ...noCert } = decisionBody();
    assertError(await call(sato, 'POST', DECISIONS, { id: bare.id }, noCert), 400, 'validation', 'certificate_number');
    assert.equal(ok(await call(sato, 'GET', DECISIONS, { id: person.id })).total, 0);
    assert.equal(ok(await call(sato, 'GET', DECISIONS, { id: bare.id })).total, 0);
  });

  test('defaults: the certificate number comes from the person; versions may stand in for the interval; kinds by Japanese name', async () => {
    const person = await newPerson({ certificate_number: '1112223334' });
    const { certificate_number: _c, monitoring_interval_months: _m, ...rest } = decisionBody();
    const d = ok(await call(sato, 'POST', DECISIONS, { id: person.id }, {
      ...rest,
      services: [{ kind: '生活介護', amount: '月22日' }, { kind: '移動支援（市町村事業）', amount: '月10時間' }],
      monitoring_periods: [{ interval_months: 1, first_month: '2026-04', last_month: '2026-06' }, { interval_months: 6, first_month: '2026-12', last_month: '2027-03' }],
    }), 201);
    assert.equal(d.certificate_number, '1112223334');
    assert.equal(d.monitoring_interval_months, 1, 'the first version stands in for the interval');
    assert.deepEqual(d.services.map((s) => s.kind), ['daily_life_care', '移動支援（市町村事業）']);
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, { ...decisionBody(), services: [{ kind: 'daily_lfie_care', amount: '月1日' }] }), 400, 'validation', 'services[0].kind');
  });

  test('certificate_number not 10 digits → 400; period_end < period_start → 400; interval out of 1–12 → 400', async () => {
    const person = await newPerson();
    for (const cert of ['123456789', '12345678901', '12345abcde', '１２３４５６７８９０'])
      assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ certificate_number: cert })), 400, 'validation', 'certificate_number');
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ period_start: '2026-04-01', period_end: '2026-03-31' })), 400, 'validation', 'period_end');
    for (const n of [0, 13])
      assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ monitoring_interval_months: n })), 400, 'validation', 'monitoring_interval_months');
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ decided_on: '2026-13-01' })), 400, 'validation', 'decided_on');
    // period_end = period_start is allowed (≥).
    ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ period_start: '2026-04-01', period_end: '2026-04-01' })), 201);
    assert.equal(ok(await call(sato, 'GET', DECISIONS, { id: person.id })).total, 1);
  });

  test('unknown service kind → 400 field services[i].kind; a missing amount → services[i].amount', async () => {
    const person = await newPerson();
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ services: [{ kind: 'no_such_kind', amount: '月1日' }] })), 400, 'validation', 'services[0].kind');
    assertError(
      await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ services: [{ kind: 'home_help', amount: '月8時間' }, { kind: 'bogus', amount: '月1日' }] })),
      400,
      'validation',
      'services[1].kind',
    );
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ services: [{ kind: 'home_help' }] })), 400, 'validation', 'services[0].amount');
    // Every documented service kind is accepted.
    const kinds = ok(await sato.get(`${API}/service-kinds`)).items.map((k) => k.code);
    assert.ok(kinds.includes('other') && kinds.includes('employment_continuation_b'));
    ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ services: kinds.map((kind) => ({ kind, amount: '月1日' })) })), 201);
  });

  test('the monitoring_periods form is accepted and echoed; bad versions → 400 naming them', async () => {
    const person = await newPerson();
    const periods = [
      { interval_months: 1, first_month: '2026-04', last_month: '2026-06' },
      { interval_months: 6, first_month: '2026-12', last_month: '2027-03' },
    ];
    const d = ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ monitoring_periods: periods })), 201);
    assert.deepEqual(d.monitoring_periods, periods);
    assert.deepEqual(ok(await call(sato, 'GET', DECISION, { id: person.id, did: d.id })).monitoring_periods, periods);
    const bad = (over) => decisionBody({ monitoring_periods: [{ ...periods[0], ...over }] });
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, bad({ interval_months: 13 })), 400, 'validation', 'monitoring_periods[0].interval_months');
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, bad({ first_month: '2026-4' })), 400, 'validation', 'monitoring_periods[0].first_month');
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, bad({ first_month: '2026-06', last_month: '2026-05' })), 400, 'validation', 'monitoring_periods[0].last_month');
    assert.equal(ok(await call(sato, 'GET', DECISIONS, { id: person.id })).total, 1);
  });

  test('another person’s decision id → 404; another specialist → 404; admin → 403', async () => {
    const a = await newPerson();
    const b = await newPerson();
    const db = ok(await call(sato, 'POST', DECISIONS, { id: b.id }, decisionBody()), 201);
    assertError(await call(sato, 'GET', DECISION, { id: a.id, did: db.id }), 404, 'not_found');
    assertError(await call(sato, 'GET', DECISION, { id: b.id, did: 99999999 }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', DECISIONS, { id: b.id }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', DECISION, { id: b.id, did: db.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', DECISIONS, { id: b.id }, decisionBody()), 404, 'not_found');
    assertError(await call(admin, 'GET', DECISIONS, { id: b.id }), 403, 'forbidden');
    assertError(await call(admin, 'GET', DECISION, { id: b.id, did: db.id }), 403, 'forbidden');
    assertError(await call(admin, 'POST', DECISIONS, { id: b.id }, decisionBody()), 403, 'forbidden');
    assert.equal(ok(await call(sato, 'GET', DECISIONS, { id: b.id })).total, 1);
    assert.equal(ok(await sato.get(`${API}/persons/${b.id}`)).certificate_number, '1234567890');
  });
});

// --- plans and assessments: more input rules ----------------------------------------------------

describe('plans: more input rules', () => {
  test('limits: ≤30 needs, ≤200 weekly entries, texts ≤4000, monitoring_period_note ≤200, interval 1–12, priority ≥1', async () => {
    const person = await newPerson();
    const n0 = planBody().needs[0];
    const w0 = planBody().weekly[0];
    const cases = [
      [{ needs: Array.from({ length: 31 }, () => n0) }, 'needs'],
      [{ weekly: Array.from({ length: 201 }, () => w0) }, 'weekly'],
      [{ wishes: 'あ'.repeat(4001) }, 'wishes'],
      [{ policy: '𠮷'.repeat(4001) }, 'policy'],
      [{ monitoring_period_note: 'あ'.repeat(201) }, 'monitoring_period_note'],
      [{ proposed_interval_months: 13 }, 'proposed_interval_months'],
      [{ proposed_interval_months: 0 }, 'proposed_interval_months'],
      [{ needs: [{ ...n0, priority: 0 }] }, 'needs[0].priority'],
      [{ needs: [{ ...n0, target_date: '2026-02-30' }] }, 'needs[0].target_date'],
    ];
    for (const [over, field] of cases) assertError(await call(sato, 'POST', PLANS, { id: person.id }, planBody(over)), 400, 'validation', field);
    assert.equal((await listPlans(person.id)).total, 0, 'nothing saved');
    // At the limits: accepted.
    const p = await newPlan(person.id, { needs: Array.from({ length: 30 }, (_, i) => ({ ...n0, priority: i + 1 })), wishes: '𠮷'.repeat(4000), monitoring_period_note: 'あ'.repeat(200), proposed_interval_months: 12 });
    assert.equal(p.needs.length, 30);
    assert.equal(p.wishes, '𠮷'.repeat(4000));
  });

  test('whitespace-only goal texts are empty: ASCII and full-width (U+3000) spaces alike → 400', async () => {
    const person = await newPerson();
    const n0 = planBody().needs[0];
    assertError(await call(sato, 'POST', PLANS, { id: person.id }, planBody({ needs: [{ ...n0, goal: { indicator: '週3日 通所する。', own_words: '  ' } }] })), 400, 'validation', 'needs[0].goal.own_words');
    assertError(await call(sato, 'POST', PLANS, { id: person.id }, planBody({ needs: [{ ...n0, goal: { indicator: '週3日 通所する。', own_words: '　　' } }] })), 400, 'validation', 'needs[0].goal.own_words');
    assertError(await call(sato, 'POST', PLANS, { id: person.id }, planBody({ needs: [{ ...n0, goal: { indicator: '　', own_words: '働きたい。' } }] })), 400, 'validation', 'needs[0].goal.indicator');
    assert.equal((await listPlans(person.id)).total, 0, 'nothing saved');
  });

  test('an assessment own_words of full-width spaces only is empty → 400 field own_words', async () => {
    const person = await newPerson();
    assertError(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody({ own_words: '   ' })), 400, 'validation', 'own_words');
    assertError(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody({ own_words: '　' })), 400, 'validation', 'own_words');
    assert.equal(ok(await call(sato, 'GET', ASSESSMENTS, { id: person.id })).total, 0);
  });

  test('assessment_id: the person’s own assessment is accepted; another person’s is refused (400 assessment_id or 404)', async () => {
    const person = await newPerson();
    const other = await newPerson();
    const mine = ok(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody()), 201);
    const theirs = ok(await call(sato, 'POST', ASSESSMENTS, { id: other.id }, assessmentBody()), 201);
    assert.equal((await newPlan(person.id, { assessment_id: mine.id })).assessment_id, mine.id);
    const res = await call(sato, 'POST', PLANS, { id: person.id }, planBody({ assessment_id: theirs.id }));
    if (res.status === 404) assertError(res, 404, 'not_found');
    else assertError(res, 400, 'validation', 'assessment_id');
    assert.equal((await listPlans(person.id)).total, 1);
  });

  test('issue: issued_on before plan_date → 400 issued_on; a malformed date → 400; no body → defaults (today)', async () => {
    const person = await newPerson();
    const p = await newPlan(person.id, { plan_date: '2026-05-01' });
    ok(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: p.id }));
    // Longest decision period accepted (3 years), so that "today" stays inside it.
    ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ period_end: '2029-03-31' })), 201);
    assertError(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ period_end: '2099-03-31' })), 400, 'validation', 'period_end');
    assertError(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: p.id }, { issued_on: '2026-04-30', consented_on: '2026-04-30' }), 400, 'validation', 'issued_on');
    assertError(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: p.id }, { issued_on: '2026-04-31' }), 400, 'validation', 'issued_on');
    assertError(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: p.id }, { issued_on: '2026-05-10', consented_on: 'yesterday' }), 400, 'validation', 'consented_on');
    ok(await call(sato, 'PATCH', PLAN, { id: person.id, pid: p.id }, { consented_on: '2026-05-02' }));
    const i = ok(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: p.id }));
    assert.equal(i.status, 'issued');
    assert.equal(i.issued_on, todayJst(), 'issued_on defaults to today');
    assert.equal(i.consented_on, '2026-05-02', 'the consent date recorded on the plan counts');
  });

  test('issue: only this person’s decisions count; decided_on ≤ issued_on ≤ period_end (before period_start is fine); decision_id is the covering one', async () => {
    const a = await newPerson();
    ok(await call(sato, 'POST', DECISIONS, { id: a.id }, decisionBody()), 201);
    const b = await newPerson();
    const p = await newPlan(b.id, { plan_date: '2026-03-26', consented_on: '2026-03-26' });
    ok(await call(sato, 'POST', `${PLAN}/submit`, { id: b.id, pid: p.id }));
    assertError(await call(sato, 'POST', `${PLAN}/issue`, { id: b.id, pid: p.id }, { issued_on: '2026-04-10' }), 409, 'decision_required');
    const old = ok(await call(sato, 'POST', DECISIONS, { id: b.id }, decisionBody({ decided_on: '2025-03-25', period_start: '2025-04-01', period_end: '2026-02-28' })), 201);
    assertError(await call(sato, 'POST', `${PLAN}/issue`, { id: b.id, pid: p.id }, { issued_on: '2026-03-28' }), 409, 'decision_required');
    const cur = ok(await call(sato, 'POST', DECISIONS, { id: b.id }, decisionBody({ decided_on: '2026-03-25', period_start: '2026-04-01', period_end: '2027-03-31' })), 201);
    const i = ok(await call(sato, 'POST', `${PLAN}/issue`, { id: b.id, pid: p.id }, { issued_on: '2026-03-28' }));
    assert.equal(i.status, 'issued');
    assert.equal(i.decision_id, cur.id);
    assert.notEqual(i.decision_id, old.id);
  });

  test('a late entry of an older decision does not replace the person’s certificate and period (the latest decision does)', async () => {
    const person = await newPerson();
    ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ decided_on: '2026-03-25', certificate_number: '2222222222' })), 201);
    ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody({ decided_on: '2025-03-25', period_start: '2025-04-01', period_end: '2026-03-31', certificate_number: '1111111111' })), 201);
    const p = ok(await sato.get(`${API}/persons/${person.id}`));
    assert.deepEqual([p.certificate_number, p.decision_period_start, p.decision_period_end], ['2222222222', '2026-04-01', '2027-03-31']);
  });

  test('revise: plan_date before the revised plan’s → 400 plan_date; the new version’s kind follows its own plan_date (a child turned 18 → adult)', async () => {
    const person = await newPerson({ birth_date: '2008-06-15', guardian: GUARDIAN });
    const p = await newPlan(person.id, { plan_date: '2026-04-10', ...NO_SERVICES });
    assert.equal(p.kind, 'child');
    ok(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: p.id }));
    ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody()), 201);
    ok(await call(sato, 'POST', `${PLAN}/issue`, { id: person.id, pid: p.id }, { issued_on: '2026-04-10', consented_on: '2026-04-10' }));
    assertError(await call(sato, 'POST', `${PLAN}/revise`, { id: person.id, pid: p.id }, { plan_date: '2026-04-09' }), 400, 'validation', 'plan_date');
    assertError(await call(sato, 'POST', `${PLAN}/revise`, { id: person.id, pid: p.id }, { plan_date: 'x' }), 400, 'validation', 'plan_date');
    assert.equal((await listPlans(person.id)).total, 1, 'nothing saved');
    const r = ok(await call(sato, 'POST', `${PLAN}/revise`, { id: person.id, pid: p.id }, { plan_date: '2026-06-15' }), 201);
    assert.equal(r.kind, 'adult', 'the 18th birthday');
  });
});

describe('role and scope come before input checks', () => {
  for (const [name, route] of [['plans', PLANS], ['assessments', ASSESSMENTS], ['decisions', DECISIONS]]) {
    test(`admin POST /persons/{id}/${name} with an invalid body → 403 forbidden (not 400)`, async () => {
      const person = await newPerson();
      assertError(await call(admin, 'POST', route, { id: person.id }, {}), 403, 'forbidden');
    });
    test(`another specialist POST /persons/{id}/${name} with an invalid body → 404 not_found (not 400)`, async () => {
      const person = await newPerson();
      assertError(await call(suzuki, 'POST', route, { id: person.id }, {}), 404, 'not_found');
    });
  }
});

// --- audit -----------------------------------------------------------------------------------

describe('audit of the planning routes', () => {
  test('every read and write leaves a row with the right action, entity, entity_id and person_id', async () => {
    const person = await newPerson({ name: '監査 計画' });
    const a = ok(await call(sato, 'POST', ASSESSMENTS, { id: person.id }, assessmentBody()), 201);
    ok(await call(sato, 'GET', ASSESSMENT, { id: person.id, aid: a.id }));
    ok(await call(sato, 'POST', `${ASSESSMENT}/finalise`, { id: person.id, aid: a.id }));
    const draft = await newPlan(person.id);
    const path = { id: person.id, pid: draft.id };
    ok(await call(sato, 'GET', PLAN, path));
    ok(await call(sato, 'PATCH', PLAN, path, { non_weekly: '月1回' }));
    ok(await call(sato, 'POST', `${PLAN}/submit`, path));
    const d = ok(await call(sato, 'POST', DECISIONS, { id: person.id }, decisionBody()), 201);
    ok(await call(sato, 'GET', DECISION, { id: person.id, did: d.id }));
    ok(await call(sato, 'POST', `${PLAN}/issue`, path, { issued_on: '2026-04-10', consented_on: '2026-04-10' }));
    const r = ok(await call(sato, 'POST', `${PLAN}/revise`, path, {}), 201);
    ok(await call(sato, 'GET', `${PLAN}/diff`, { id: person.id, pid: r.id }));

    const rows = await auditRows(chief, person.id);
    for (const row of rows) assert.equal(row.person_id, person.id);
    const has = (action, entity, id) =>
      assert.ok(
        rows.some((x) => x.action === action && x.entity === entity && (id === undefined || Number(x.entity_id) === id) && x.user_id === sato.user.id),
        `audit row ${action} ${entity} ${id ?? ''}: ${JSON.stringify(rows.map((x) => [x.action, x.entity, x.entity_id]))}`,
      );
    has('create', 'assessment', a.id);
    has('read', 'assessment', a.id);
    has('finalise', 'assessment', a.id);
    has('create', 'plan', draft.id);
    has('read', 'plan', draft.id);
    has('update', 'plan', draft.id);
    has('submit', 'plan', draft.id);
    has('issue', 'plan', draft.id);
    has('revise', 'plan', r.id);
    has('create', 'decision', d.id);
    has('read', 'decision', d.id);
    // The issue row carries the issuing request's id and the person.
    const issue = rows.find((x) => x.action === 'issue' && x.entity === 'plan');
    assert.equal(issue.person_id, person.id);
    assert.equal(Number(issue.entity_id), draft.id);
    assert.equal(issue.outcome ?? 'ok', 'ok');
  });

  test('a refused request (another specialist → 404) leaves no write row', async () => {
    const person = await newPerson();
    const draft = await newPlan(person.id);
    assertError(await call(suzuki, 'PATCH', PLAN, { id: person.id, pid: draft.id }, { wishes: 'x' }), 404, 'not_found');
    const rows = await auditRows(chief, person.id, 'update');
    assert.equal(rows.filter((x) => x.entity === 'plan').length, 0);
  });
});

// --- OpenAPI conformance -------------------------------------------------------------------------

describe('OpenAPI conformance', () => {
  for (const [method, template] of ROUTES)
    test(`${method} ${template}: every response above matches the schema documented for its status`, () => {
      const report = R.report(method, template);
      assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
    });

  test('every planning route was exercised with success and error statuses', () => {
    const seen = R.exercised();
    for (const want of [
      `POST ${ASSESSMENTS} 201`, `POST ${ASSESSMENTS} 400`, `GET ${ASSESSMENTS} 200`, `GET ${ASSESSMENT} 200`, `PATCH ${ASSESSMENT} 200`,
      `PATCH ${ASSESSMENT} 409`, `POST ${ASSESSMENT}/finalise 200`, `POST ${ASSESSMENT}/finalise 400`, `POST ${ASSESSMENT}/copy 201`,
      `POST ${ASSESSMENT}/copy 409`, `POST ${PLANS} 201`, `POST ${PLANS} 400`, `GET ${PLANS} 200`, `GET ${PLAN} 200`, `GET ${PLAN} 404`,
      `GET ${PLAN} 403`, `PATCH ${PLAN} 200`, `PATCH ${PLAN} 409`, `POST ${PLAN}/submit 200`, `POST ${PLAN}/submit 409`, `POST ${PLAN}/issue 200`,
      `POST ${PLAN}/issue 409`, `POST ${PLAN}/revise 201`, `POST ${PLAN}/revise 409`, `GET ${PLAN}/diff 200`, `GET ${PLAN}/diff 400`,
      `POST ${DECISIONS} 201`, `POST ${DECISIONS} 400`, `GET ${DECISIONS} 200`, `GET ${DECISION} 200`, `GET ${DECISION} 404`,
    ])
      assert.ok(seen.includes(want), `not exercised: ${want}`);
  });
});
