// The office's quality (issue 15): closure (終結) and reopening leave and rejoin the views; office
// settings put plan issue and closure under a chief's approval (202 pending_approval, approve,
// return, four eyes when there are two chiefs); training records with the 現任研修 cycle and
// `training_due`; supervisions whose actions become tasks and `supervision_due`. Time moves by
// restarting the server on the same data with TSUNAGU_TIME_OFFSET.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  ENV,
  addDays,
  allPages,
  assertError,
  auditRows,
  cleanup,
  createUser,
  decisionBody,
  ok,
  personBody,
  planBody,
  signedIn,
  startDemoOffice,
  startServer,
  todayJst,
  PLAN_STEPS,
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

const call = (...args) => R.call(...args);
const CLOSE = `${API}/persons/{id}/close`;
const REOPEN = `${API}/persons/{id}/reopen`;
const SETTINGS = `${API}/offices/{oid}/settings`;
const APPROVALS = `${API}/approvals`;
const APPROVE = `${API}/approvals/{aid}/approve`;
const RETURN = `${API}/approvals/{aid}/return`;
const TRAININGS = `${API}/users/{uid}/trainings`;
const DEADLINES = `${API}/trainings/deadlines`;
const SUPERVISIONS = `${API}/supervisions`;

const closeBody = (over = {}) => ({ date: todayJst(), reason: 'moved', note: '県外へ転居', ...over });
const yearsAgo = (n) => {
  const [y, m, d] = todayJst().split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y - n}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** A person of `who` with an issued plan (so they have due months and alerts). */
async function caseWithPlan(who, name) {
  const person = ok(await who.post(`${API}/persons`, personBody({ name })), 201);
  const base = `${API}/persons/${person.id}`;
  const draft = ok(await who.post(`${base}/plans`, planBody({ ...PLAN_STEPS })), 201);
  ok(await who.post(`${base}/plans/${draft.id}/submit`));
  const d = ok(await who.post(`${base}/decisions`, decisionBody()), 201);
  return { person, draft, decision: d, base };
}

async function inViews(who, personId) {
  const caseload = (await allPages(who, `${API}/caseload`)).items.some((c) => c.person_id === personId);
  const due = ok(await who.get(`${API}/monitoring/due?person_id=${personId}&from=2026-01-01&to=2026-12-31`)).total > 0;
  const alerts = ok(await who.get(`${API}/alerts?person_id=${personId}`)).total > 0;
  const list = (await allPages(who, `${API}/persons`)).items.some((p) => p.id === personId);
  return { caseload, due, alerts, list };
}

describe('closure (終結) and reopening', () => {
  let c;
  before(async () => {
    ok(await chief.patch(`${API}/offices/${chief.user.office_id}/settings`, { approval_required: [] }));
    c = await caseWithPlan(sato, '終結 確認');
    ok(await sato.post(`${c.base}/plans/${c.draft.id}/issue`, { issued_on: '2026-04-10', consented_on: '2026-04-10' }));
  });
  after(async () => {
    ok(await chief.patch(`${API}/offices/${chief.user.office_id}/settings`, { approval_required: ['closure'] }));
  });

  test('the demo has a closed case, found only with ?status=closed, and a closure waiting', async () => {
    const closed = ok(await chief.get(`${API}/persons?status=closed`)).items;
    assert.ok(closed.some((p) => p.closure_reason === 'moved'));
    assert.ok(ok(await chief.get(`${API}/approvals?status=pending`)).total >= 1);
  });

  test('an active case is in the caseload, the due list and the alerts', async () => {
    const v = await inViews(sato, c.person.id);
    assert.deepEqual(v, { caseload: true, due: true, alerts: true, list: true });
    const p = ok(await sato.get(`${API}/persons/${c.person.id}`));
    assert.equal(p.status, 'active');
    assert.equal(p.closed_on, null);
    assert.equal(p.closure_reason, null);
  });

  test('refusals: reason and date checked (400), scope 404, admin 403, already closed 409', async () => {
    assertError(await call(sato, 'POST', CLOSE, { id: c.person.id }, closeBody({ reason: 'bored' })), 400, 'validation', 'reason');
    assertError(await call(sato, 'POST', CLOSE, { id: c.person.id }, closeBody({ date: addDays(todayJst(), 3) })), 400, 'validation', 'date');
    assertError(await call(sato, 'POST', CLOSE, { id: c.person.id }, closeBody({ date: undefined })), 400, 'validation', 'date');
    assertError(await call(suzuki, 'POST', CLOSE, { id: c.person.id }, closeBody()), 404, 'not_found');
    assertError(await call(admin, 'POST', CLOSE, { id: c.person.id }, closeBody()), 403, 'forbidden');
    assertError(await call(sato, 'POST', REOPEN, { id: c.person.id }, { date: todayJst() }), 409, 'not_closed');
  });

  test('closed: leaves the caseload, the due list, the alerts and the default list; found by ?status=closed', async () => {
    const closed = ok(await call(sato, 'POST', CLOSE, { id: c.person.id }, closeBody()));
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closed_on, todayJst());
    assert.equal(closed.closure_reason, 'moved');
    assert.deepEqual(await inViews(sato, c.person.id), { caseload: false, due: false, alerts: false, list: false });
    const found = (await allPages(sato, `${API}/persons?status=closed`)).items.find((p) => p.id === c.person.id);
    assert.equal(found?.status, 'closed');
    assert.ok((await allPages(sato, `${API}/persons?status=all`)).items.some((p) => p.id === c.person.id));
    assertError(await sato.get(`${API}/persons?status=gone`), 400, 'validation', 'status');
    // Every record stays.
    assert.equal(ok(await sato.get(`${c.base}/plans`)).items.length, 1);
    assertError(await call(sato, 'POST', CLOSE, { id: c.person.id }, closeBody()), 409, 'already_closed');
    assert.ok((await auditRows(chief, c.person.id, 'close')).length >= 1);
  });

  test('reopened: back in every view', async () => {
    assertError(await call(sato, 'POST', REOPEN, { id: c.person.id }, { date: '2020-01-01' }), 400, 'validation', 'date');
    const open = ok(await call(sato, 'POST', REOPEN, { id: c.person.id }, { date: todayJst(), note: '戻ってきた' }));
    assert.equal(open.status, 'active');
    assert.equal(open.closed_on, null);
    assert.deepEqual(await inViews(sato, c.person.id), { caseload: true, due: true, alerts: true, list: true });
  });
});

describe('office settings and approvals', () => {
  let oid;
  before(async () => {
    oid = chief.user.office_id;
  });
  after(async () => {
    ok(await chief.patch(`${API}/offices/${oid}/settings`, { approval_required: ['closure'] }));
  });

  test('settings: everyone of the office reads, a chief changes; refusals', async () => {
    // The demo office wants closures approved.
    assert.deepEqual(ok(await call(sato, 'GET', SETTINGS, { oid })).approval_required, ['closure']);
    assertError(await call(sato, 'PATCH', SETTINGS, { oid }, { approval_required: ['closure'] }), 403, 'forbidden');
    assertError(await call(chief, 'PATCH', SETTINGS, { oid }, { approval_required: ['lunch'] }), 400, 'validation', 'approval_required');
    assertError(await call(chief, 'GET', SETTINGS, { oid: oid + 999 }), 404, 'not_found');
    assertError(await call(admin, 'GET', SETTINGS, { oid }), 403, 'forbidden');
    const s = ok(await call(chief, 'PATCH', SETTINGS, { oid }, { approval_required: ['closure', 'plan_issue'] }));
    assert.deepEqual(s.approval_required.sort(), ['closure', 'plan_issue']);
  });

  test("a specialist's closure waits (202), a specialist cannot approve, the chief approves", async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '承認 終結' })), 201);
    const res = ok(await call(sato, 'POST', CLOSE, { id: p.id }, closeBody({ reason: 'goal_reached' })), 202);
    assert.equal(res.status, 'pending_approval');
    assert.equal(res.approval.kind, 'closure');
    assert.equal(res.approval.status, 'pending');
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}`)).status, 'active');
    assertError(await call(sato, 'POST', CLOSE, { id: p.id }, closeBody()), 409, 'approval_pending');
    const mine = ok(await call(sato, 'GET', APPROVALS, { query: { status: 'pending' } }));
    assert.ok(mine.items.some((a) => a.id === res.approval.id));
    assert.ok(ok(await call(suzuki, 'GET', APPROVALS, {})).items.every((a) => a.requested_by === suzuki.user.id));
    assertError(await call(sato, 'GET', APPROVALS, { query: { status: 'maybe' } }), 400, 'validation', 'status');
    assertError(await call(sato, 'POST', APPROVE, { aid: res.approval.id }), 403, 'forbidden');
    const done = ok(await call(chief, 'POST', APPROVE, { aid: res.approval.id }));
    assert.equal(done.status, 'approved');
    assert.equal(done.decided_by, chief.user.id);
    const after = ok(await sato.get(`${API}/persons/${p.id}`));
    assert.equal(after.status, 'closed');
    assert.equal(after.closure_reason, 'goal_reached');
    assertError(await call(chief, 'POST', APPROVE, { aid: res.approval.id }), 409, 'approval_state');
    assertError(await call(chief, 'POST', APPROVE, { aid: 99999999 }), 404, 'not_found');
  });

  test('a chief returns a request with a comment (required); the case stays open', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '承認 差戻し' })), 201);
    const res = ok(await call(sato, 'POST', CLOSE, { id: p.id }, closeBody()), 202);
    assertError(await call(chief, 'POST', RETURN, { aid: res.approval.id }, {}), 400, 'validation', 'comment');
    assertError(await call(sato, 'POST', RETURN, { aid: res.approval.id }, { comment: 'x' }), 403, 'forbidden');
    const back = ok(await call(chief, 'POST', RETURN, { aid: res.approval.id }, { comment: '転居先の相談支援事業所への引継ぎを記録してください。' }));
    assert.equal(back.status, 'returned');
    assert.match(back.comment, /引継ぎ/);
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}`)).status, 'active');
    assertError(await call(chief, 'POST', APPROVE, { aid: res.approval.id }), 409, 'approval_state');
    // Returned: a new request may be made.
    ok(await call(sato, 'POST', CLOSE, { id: p.id }, closeBody()), 202);
  });

  test("plan issue under approval: 202, then the chief's approval issues the plan", async () => {
    const c = await caseWithPlan(sato, '承認 交付');
    const res = ok(await sato.post(`${c.base}/plans/${c.draft.id}/issue`, { issued_on: '2026-04-10', consented_on: '2026-04-10' }), 202);
    assert.equal(res.approval.kind, 'plan_issue');
    assert.equal(res.approval.entity_id, c.draft.id);
    assert.equal(ok(await sato.get(`${c.base}/plans/${c.draft.id}`)).status, 'submitted');
    ok(await call(chief, 'POST', APPROVE, { aid: res.approval.id }));
    const plan = ok(await sato.get(`${c.base}/plans/${c.draft.id}`));
    assert.equal(plan.status, 'issued');
    assert.equal(plan.issued_on, '2026-04-10');
  });

  test("a chief's own request: they may approve it alone, not when another chief exists", async () => {
    const p1 = ok(await chief.post(`${API}/persons`, personBody({ name: '承認 管理者一' })), 201);
    const r1 = ok(await call(chief, 'POST', CLOSE, { id: p1.id }, closeBody()), 202);
    ok(await call(chief, 'POST', APPROVE, { aid: r1.approval.id }));
    const second = await createUser(chief, { role: 'chief', name: '試験 次長' });
    const other = await signedIn(server, second.login, second.password);
    const p2 = ok(await chief.post(`${API}/persons`, personBody({ name: '承認 管理者二' })), 201);
    const r2 = ok(await call(chief, 'POST', CLOSE, { id: p2.id }, closeBody()), 202);
    assertError(await call(chief, 'POST', APPROVE, { aid: r2.approval.id }), 409, 'own_request');
    const done = ok(await call(other, 'POST', APPROVE, { aid: r2.approval.id }));
    assert.equal(done.decided_by, second.user.id);
    ok(await chief.patch(`${API}/users/${second.user.id}`, { active: false }));
  });
});

describe('training records (研修) and the cycles', () => {
  test("the user and their chief record; others 404; checks 400", async () => {
    const mine = ok(await call(sato, 'POST', TRAININGS, { uid: sato.user.id }, { kind: 'specialty', title: '意思決定支援研修', completed_on: '2026-02-10', hours: 6.5 }), 201);
    assert.equal(mine.hours, 6.5);
    ok(await call(chief, 'POST', TRAININGS, { uid: sato.user.id }, { kind: 'initial', title: '初任者研修', completed_on: yearsAgo(2), certificate_number: 'A-1' }), 201);
    assertError(await call(suzuki, 'POST', TRAININGS, { uid: sato.user.id }, { kind: 'other', title: 'x', completed_on: '2026-01-01' }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', TRAININGS, { uid: sato.user.id }), 404, 'not_found');
    assertError(await call(admin, 'GET', TRAININGS, { uid: sato.user.id }), 403, 'forbidden');
    assertError(await call(sato, 'POST', TRAININGS, { uid: sato.user.id }, { kind: 'nap', title: 'x', completed_on: '2026-01-01' }), 400, 'validation', 'kind');
    assertError(await call(sato, 'POST', TRAININGS, { uid: sato.user.id }, { kind: 'other', title: 'x', completed_on: addDays(todayJst(), 1) }), 400, 'validation', 'completed_on');
    assertError(await call(sato, 'POST', TRAININGS, { uid: sato.user.id }, { kind: 'other', title: '', completed_on: '2026-01-01' }), 400, 'validation', 'title');
    const list = ok(await call(sato, 'GET', TRAININGS, { uid: sato.user.id }));
    assert.ok(list.items.length >= 2);
    assert.equal(list.current_cycle.status, 'ok');
  });

  test('training_due: 初任者 five years ago → due now, for the user and the chief, not for others', async () => {
    const u = await createUser(chief, { name: '試験 研修' });
    ok(await call(chief, 'POST', TRAININGS, { uid: u.user.id }, { kind: 'initial', title: '初任者研修', completed_on: yearsAgo(5) }), 201);
    const me = await signedIn(server, u.login, u.password);
    const own = ok(await me.get(`${API}/alerts?kind=training_due`)).items;
    assert.equal(own.length, 1);
    assert.equal(own[0].entity, 'user');
    assert.equal(own[0].entity_id, u.user.id);
    assert.equal(own[0].person_id, null);
    assert.ok(own[0].days_left >= 0 && own[0].days_left <= 366);
    assert.ok(ok(await chief.get(`${API}/alerts?kind=training_due`)).items.some((a) => a.entity_id === u.user.id));
    assert.ok(!ok(await sato.get(`${API}/alerts?kind=training_due`)).items.some((a) => a.entity_id === u.user.id));
    const board = ok(await call(chief, 'GET', DEADLINES, {}));
    const row = board.items.find((r) => r.user_id === u.user.id);
    assert.equal(row.current.status, 'due');
    assert.ok(ok(await call(sato, 'GET', DEADLINES, {})).items.every((r) => r.user_id === sato.user.id));
    // Taking 現任研修 in the cycle ends the alert.
    ok(await call(me, 'POST', TRAININGS, { uid: u.user.id }, { kind: 'current', title: '現任研修', completed_on: todayJst() }), 201);
    assert.equal(ok(await me.get(`${API}/alerts?kind=training_due`)).items.length, 0);
  });
});

describe('supervisions (スーパービジョン)', () => {
  let person;
  before(async () => {
    person = ok(await sato.post(`${API}/persons`, personBody({ name: 'SV 確認' })), 201);
  });

  test('recorded: persons discussed audited as reads; actions become tasks', async () => {
    const sv = ok(
      await call(sato, 'POST', SUPERVISIONS, {}, {
        date: todayJst(),
        kind: 'peer',
        supervisor: chief.user.id,
        supervisee_ids: [sato.user.id],
        person_ids: [person.id],
        topics: '家族との関係',
        insights: '本人の言葉で確認する',
        actions: [{ text: '本人と家族の面談を設定する', owner: sato.user.id, due: addDays(todayJst(), 14), measure: '面談日が決まっている' }],
        minutes: '議事録',
      }),
      201,
    );
    assert.equal(sv.supervisor, chief.user.name);
    assert.equal(sv.persons[0].id, person.id);
    assert.ok(sv.actions[0].task_id > 0);
    const tasks = ok(await sato.get(`${API}/tasks?person_id=${person.id}`)).items;
    assert.ok(tasks.some((t) => t.id === sv.actions[0].task_id && t.text === '本人と家族の面談を設定する'));
    assert.ok((await auditRows(chief, person.id, 'read')).some((r) => r.entity === 'supervision'));
    const list = ok(await call(sato, 'GET', SUPERVISIONS, {}));
    assert.ok(list.items.some((s) => s.id === sv.id));
    // Another specialist not in it does not see it.
    assert.ok(!ok(await call(suzuki, 'GET', SUPERVISIONS, {})).items.some((s) => s.id === sv.id));
  });

  test('refusals: a person out of scope 404, unknown supervisee 400, action without a person 400, admin 403', async () => {
    const body = { date: todayJst(), kind: 'individual', supervisor: '外部 講師' };
    assertError(await call(suzuki, 'POST', SUPERVISIONS, {}, { ...body, person_ids: [person.id] }), 404, 'not_found');
    assertError(await call(sato, 'POST', SUPERVISIONS, {}, { ...body, supervisee_ids: [99999999] }), 400, 'validation', 'supervisee_ids[0]');
    assertError(await call(sato, 'POST', SUPERVISIONS, {}, { ...body, kind: 'chat' }), 400, 'validation', 'kind');
    assertError(
      await call(sato, 'POST', SUPERVISIONS, {}, { ...body, actions: [{ text: 'x', owner: '私', due: todayJst(), measure: 'y' }] }),
      400,
      'validation',
      'actions[0].person_id',
    );
    assertError(await call(admin, 'POST', SUPERVISIONS, {}, body), 403, 'forbidden');
  });
});

describe('case reviews (ケースレビュー)', () => {
  const REVIEWS = `${API}/case-reviews`;
  const SUGGEST = `${API}/case-reviews/suggestions`;

  test('suggestions: a few cases, each with its reasons', async () => {
    const s = ok(await call(sato, 'GET', SUGGEST, {}));
    assert.ok(s.items.length > 0 && s.items.length <= 5);
    for (const x of s.items) assert.ok(x.reasons.length >= 1, JSON.stringify(x));
    // A raised red flag or an overdue step leads the list when there is one.
    const urgent = (x) => x.reasons.some((r) => ['redflag_raised', 'monitoring_overdue', 'task_overdue'].includes(r));
    if (s.items.some(urgent)) assert.ok(urgent(s.items[0]), JSON.stringify(s.items[0]));
  });

  test('a mini review of a suggested case; it then is no longer "never reviewed"', async () => {
    const before = ok(await call(sato, 'GET', SUGGEST, {})).items;
    const target = before[0];
    const r = ok(await call(sato, 'POST', REVIEWS, {}, {
      date: todayJst(),
      kind: 'mini',
      participants: ['佐藤', '田中'],
      cases: [{ person_id: target.person_id, summary: '通所が途切れがち', decision: 'change_plan', actions: '面談を増やす' }],
    }), 201);
    assert.equal(r.cases[0].person_name, target.person_name);
    assert.deepEqual(r.left_out, []);
    const after = ok(await call(sato, 'GET', SUGGEST, {})).items.find((x) => x.person_id === target.person_id);
    if (after) assert.equal(after.last_reviewed, todayJst());
    assert.ok(ok(await call(sato, 'GET', REVIEWS, {})).items.some((x) => x.id === r.id));
    assert.ok((await auditRows(chief, target.person_id, 'review')).length >= 1);
  });

  test('an inventory that leaves out an active case names it', async () => {
    const mine = (await allPages(sato, `${API}/persons`)).items;
    const r = ok(await call(sato, 'POST', REVIEWS, {}, {
      date: todayJst(),
      kind: 'inventory',
      cases: [{ person_id: mine[0].id, summary: '安定', decision: 'continue' }],
    }), 201);
    assert.equal(r.covers_user_id, sato.user.id);
    assert.equal(r.left_out.length, mine.length - 1);
    assert.ok(!r.left_out.some((x) => x.id === mine[0].id));
  });

  test('refusals: out of scope 404, checks 400, another specialist\'s inventory 400, admin 403', async () => {
    const theirs = (await allPages(suzuki, `${API}/persons`)).items[0];
    const body = (over = {}) => ({ date: todayJst(), kind: 'mini', cases: [{ person_id: theirs.id, summary: 'x', decision: 'continue' }], ...over });
    assertError(await call(sato, 'POST', REVIEWS, {}, body()), 404, 'not_found');
    assertError(await call(suzuki, 'POST', REVIEWS, {}, body({ kind: 'weekly' })), 400, 'validation', 'kind');
    assertError(await call(suzuki, 'POST', REVIEWS, {}, body({ cases: [] })), 400, 'validation', 'cases');
    assertError(await call(suzuki, 'POST', REVIEWS, {}, body({ cases: [{ person_id: theirs.id, summary: 'x', decision: 'shrug' }] })), 400, 'validation', 'cases[0].decision');
    assertError(await call(suzuki, 'POST', REVIEWS, {}, body({ kind: 'inventory', covers_user_id: sato.user.id })), 400, 'validation', 'covers_user_id');
    assertError(await call(admin, 'GET', SUGGEST, {}), 403, 'forbidden');
  });
});

describe('internal audits (内部監査)', () => {
  const AUDITS = `${API}/internal-audits`;
  test('the checklist is data; a chief records; an ng action for a sampled person becomes a task', async () => {
    const items = ok(await call(sato, 'GET', `${AUDITS}/items`, {})).items;
    const codes = items.map((i) => i.code);
    for (const c of ['abuse.committee', 'abuse.guideline', 'abuse.training', 'abuse.officer', 'bcp.plan', 'consent.forms', 'rules.operating_regulations', 'privacy.handling'])
      assert.ok(codes.includes(c), c);
    const sampled = (await allPages(chief, `${API}/persons`)).items[0];
    const a = ok(await call(chief, 'POST', AUDITS, {}, {
      date: todayJst(),
      items: [
        { code: 'bcp.plan', result: 'ok' },
        { code: 'records.conference', result: 'ng', note: '会議録なし', action: { text: '会議録を整える', owner: chief.user.id, due: addDays(todayJst(), 14), measure: '会議録がある', person_id: sampled.id } },
        { code: 'abuse.training', result: 'ng', action: { text: '虐待防止研修を計画する', owner: '田中', due: addDays(todayJst(), 30), measure: '研修日が決まっている' } },
      ],
    }), 201);
    assert.equal(a.ng_count, 2);
    assert.ok(a.items[1].action.task_id > 0);
    assert.equal(a.items[2].action.task_id, null);
    assert.ok(ok(await chief.get(`${API}/tasks?person_id=${sampled.id}`)).items.some((t) => t.id === a.items[1].action.task_id));
    assert.ok(ok(await call(sato, 'GET', AUDITS, {})).items.some((x) => x.id === a.id));
    // Done this quarter: no internal_audit_due now.
    assert.equal(ok(await chief.get(`${API}/alerts?kind=internal_audit_due`)).items.length, 0);
  });
  test('refusals: a specialist 403, unknown code 400, ng without an action 400', async () => {
    const body = (items) => ({ date: todayJst(), items });
    assertError(await call(sato, 'POST', AUDITS, {}, body([{ code: 'bcp.plan', result: 'ok' }])), 403, 'forbidden');
    assertError(await call(chief, 'POST', AUDITS, {}, body([{ code: 'lunch', result: 'ok' }])), 400, 'validation', 'items[0].code');
    assertError(await call(chief, 'POST', AUDITS, {}, body([{ code: 'bcp.plan', result: 'ng' }])), 400, 'validation', 'items[0].action');
    assertError(await call(chief, 'POST', AUDITS, {}, body([])), 400, 'validation', 'items');
  });
});

describe('alerts with an injected date (TSUNAGU_TIME_OFFSET)', () => {
  test('supervision_due after 31 days; training_due from the last fiscal year of the cycle', async () => {
    const fresh = await createUser(chief, { name: '試験 新任' });
    const later4 = await createUser(chief, { name: '試験 四年' });
    ok(await chief.post(`${API}/users/${later4.user.id}/trainings`, { kind: 'initial', title: '初任者研修', completed_on: yearsAgo(4) }), 201);
    const sv0 = ok(await chief.get(`${API}/alerts?kind=supervision_due`)).items;
    assert.ok(!sv0.some((a) => a.entity_id === fresh.user.id), 'an account made today is not due');
    const tr0 = ok(await chief.get(`${API}/alerts?kind=training_due`)).items;
    assert.ok(!tr0.some((a) => a.entity_id === later4.user.id), '初任者 four years ago: not yet');
    await server.stop();
    const moved = await startServer({ data: server.data, env: { ...ENV, TSUNAGU_TIME_OFFSET: String(400 * 86400) } });
    const c = await signedIn(moved, 'tanaka');
    const items = (await allPages(c, `${API}/alerts`)).items;
    const sv = items.find((a) => a.kind === 'supervision_due' && a.entity_id === fresh.user.id);
    assert.ok(sv, 'no supervision in 31 days');
    assert.ok(sv.days_left < 0);
    assert.ok(items.some((a) => a.kind === 'training_due' && a.entity_id === later4.user.id), '現任研修 due in the last year');
    // 400 days on, the quarter of today's audit is long past: the chief sees internal_audit_due.
    const ia = items.find((a) => a.kind === 'internal_audit_due');
    assert.ok(ia, 'a quarter without an internal audit');
    assert.equal(ia.entity, 'office');
    const spec = await signedIn(moved, 'sato');
    assert.equal(ok(await spec.get(`${API}/alerts?kind=internal_audit_due`)).items.length, 0, 'the chief only');
    await moved.stop();
  });
});

describe('OpenAPI conformance', () => {
  test('every response of these routes matches docs/openapi.json', () => {
    const report = R.report();
    assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
  });
});
