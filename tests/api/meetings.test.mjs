// Meetings (サービス担当者会議 …) and the plan steps that inspections check (issue 10): consent to the
// draft before submit, a linked conference (or a waiver reason) before issue, hand-over (交付) and
// providers' plans received, the reason for a monitoring without a home visit, and the A4 record.
// Contract: docs/api-conventions.md "Meetings, tasks and the plan steps" and docs/openapi.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  Client,
  assertError,
  auditRows,
  cleanup,
  createIssuedPlan,
  decisionBody,
  monitoringBody,
  ok,
  personBody,
  planBody,
  todayJst,
  addDays,
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
const MEETINGS = `${PERSON}/meetings`;
const MEETING = `${MEETINGS}/{mid}`;
const FINALISE = `${MEETING}/finalise`;
const PLAN = `${PERSON}/plans/{pid}`;
const DELIVERIES = `${PLAN}/deliveries`;
const PROVIDER_PLANS = `${PLAN}/provider-plans`;
const MONITORINGS = `${PERSON}/monitorings`;
const call = (...args) => R.call(...args);
const ROUTES = [['POST', MEETINGS], ['GET', MEETINGS], ['GET', MEETING], ['PATCH', MEETING], ['POST', FINALISE],
  ['POST', DELIVERIES], ['GET', DELIVERIES], ['POST', PROVIDER_PLANS], ['GET', PROVIDER_PLANS], ['POST', `${PLAN}/submit`], ['POST', `${PLAN}/issue`]];

async function newPerson(who = sato, name = '会議 確認') {
  return ok(await who.post(`${API}/persons`, personBody({ name })), 201);
}

/** A サービス担当者会議 body with two agreements; `over` replaces fields. */
function meetingBody(over = {}) {
  return {
    kind: 'service_conference',
    date: '2026-04-15',
    start: '14:00',
    end: '15:00',
    place: '本人宅',
    participants: [
      { name: '本人', organisation: '', role: '本人', attended: true },
      { name: '山田 一郎', organisation: 'ひだまり工房', role: 'サービス管理責任者', attended: true },
      { name: '市 担当', organisation: '市障害福祉課', role: 'ケースワーカー', attended: false },
    ],
    person_attended: true,
    agenda: '計画案の内容と役割分担',
    discussion: '通所の日数について話し合った。',
    opinions: [{ participant: '山田 一郎', opinion: '体調を見ながら調整したい。' }],
    conclusion: '計画案のとおり始める。',
    remaining_issues: '休日の過ごし方',
    agreements: [
      { text: '利用開始後の様子を連絡する', owner: '山田 一郎', due: '2026-05-15', measure: '1か月以内に連絡がある' },
      { text: '休日の過ごし方を一緒に考える', owner: sato.user.id, due: '2026-06-30', measure: '本人が次回話せる' },
    ],
    ...over,
  };
}

describe('meetings: record, correct, finalise, read', () => {
  let person;
  let meeting;
  before(async () => {
    person = await newPerson();
  });

  test('POST → 201 with every field, the agreements as tasks (owner by name or by user id)', async () => {
    meeting = ok(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ consensus_sheet: { purpose: '地域で暮らし続ける', roles: '会議録のとおり', risks: '体調不良時は家族へ', contact_arrangement: '平日は相談支援専門員' } })), 201);
    assert.equal(meeting.status, 'draft');
    assert.equal(meeting.kind, 'service_conference');
    assert.equal(meeting.participants.length, 3);
    assert.equal(meeting.participants[2].attended, false);
    assert.equal(meeting.author_id, sato.user.id);
    assert.equal(meeting.consensus_sheet.purpose, '地域で暮らし続ける');
    assert.equal(meeting.agreements[1].owner_user_id, sato.user.id);
    assert.equal(meeting.agreements[1].owner, sato.user.name);
    for (const a of meeting.agreements) {
      assert.equal(typeof a.task_id, 'number');
      assert.equal(a.task_status, 'open');
    }
    const tasks = ok(await sato.get(`${API}/tasks?person_id=${person.id}`)).items;
    assert.deepEqual(tasks.map((x) => x.text).sort(), meeting.agreements.map((a) => a.text).sort());
    for (const x of tasks) assert.equal(x.meeting_id, meeting.id);
  });

  test('an agreement without owner, due or measure → 400 naming it; nothing saved', async () => {
    const before = ok(await call(sato, 'GET', MEETINGS, { id: person.id })).total;
    for (const field of ['owner', 'due', 'measure', 'text']) {
      const a = { text: '連絡する', owner: '山田 一郎', due: '2026-05-15', measure: '連絡がある' };
      delete a[field];
      assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ agreements: [a] })), 400, 'validation', `agreements[0].${field}`);
      a[field] = field === 'due' ? '' : '　';
      assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ agreements: [a] })), 400, 'validation', `agreements[0].${field}`);
    }
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ agreements: [{ text: 'x', owner: 'y', due: '2026-02-30', measure: 'z' }] })), 400, 'validation', 'agreements[0].due');
    // a user id must be active staff of this office
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ agreements: [{ text: 'x', owner: 999999, due: '2026-05-01', measure: 'z' }] })), 400, 'validation', 'agreements[0].owner');
    assert.equal(ok(await call(sato, 'GET', MEETINGS, { id: person.id })).total, before);
  });

  test('the person absent without a reason → 400 person_absent_reason; with one → 201', async () => {
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ person_attended: false })), 400, 'validation', 'person_absent_reason');
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ person_attended: false, person_absent_reason: ' ' })), 400, 'validation', 'person_absent_reason');
    const m = ok(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ date: '2026-04-16', person_attended: false, person_absent_reason: '入院中のため', agreements: [] })), 201);
    assert.equal(m.person_absent_reason, '入院中のため');
  });

  test('other refusals: kind, date, times, person_attended, plan of another person (404), a second consensus sheet', async () => {
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ kind: 'party' })), 400, 'validation', 'kind');
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ date: undefined })), 400, 'validation', 'date');
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ end: '13:00' })), 400, 'validation', 'end');
    const { person_attended: _, ...noAttend } = meetingBody();
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, noAttend), 400, 'validation', 'person_attended');
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ participants: [{ name: '' }] })), 400, 'validation', 'participants[0].name');
    const other = await newPerson(sato, '別の 利用者');
    const otherPlan = ok(await sato.post(`${API}/persons/${other.id}/plans`, planBody()), 201);
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ plan_id: otherPlan.id })), 404, 'not_found');
    assertError(await call(sato, 'POST', MEETINGS, { id: person.id }, meetingBody({ date: '2026-05-01', consensus_sheet: { purpose: '二枚目' } })), 400, 'validation', 'consensus_sheet');
  });

  test('PATCH by the author syncs tasks; another staff member → 403; finalise; then PATCH/finalise → 409 meeting_finalised', async () => {
    const changed = ok(await call(sato, 'PATCH', MEETING, { id: person.id, mid: meeting.id }, {
      conclusion: '計画案を一部直して始める。',
      agreements: [{ ...meeting.agreements[0], text: '利用開始1週間後に様子を連絡する', task_id: undefined, task_status: undefined, owner_user_id: undefined }],
    }));
    assert.equal(changed.conclusion, '計画案を一部直して始める。');
    assert.equal(changed.agreements.length, 1);
    assert.equal(changed.agreements[0].task_id, meeting.agreements[0].task_id, 'the same task, updated');
    const tasks = ok(await sato.get(`${API}/tasks?person_id=${person.id}`)).items.filter((x) => x.meeting_id === meeting.id);
    assert.deepEqual(tasks.map((x) => x.text), ['利用開始1週間後に様子を連絡する']);
    // the chief sees it but only the author corrects it
    ok(await call(chief, 'GET', MEETING, { id: person.id, mid: meeting.id }));
    assertError(await call(chief, 'PATCH', MEETING, { id: person.id, mid: meeting.id }, { conclusion: 'x' }), 403, 'forbidden');
    assertError(await call(chief, 'POST', FINALISE, { id: person.id, mid: meeting.id }), 403, 'forbidden');
    const fin = ok(await call(sato, 'POST', FINALISE, { id: person.id, mid: meeting.id }));
    assert.equal(fin.status, 'finalised');
    assert.equal(fin.finalised_on, todayJst());
    assertError(await call(sato, 'PATCH', MEETING, { id: person.id, mid: meeting.id }, { conclusion: 'x' }), 409, 'meeting_finalised');
    assertError(await call(sato, 'POST', FINALISE, { id: person.id, mid: meeting.id }), 409, 'meeting_finalised');
    assert.equal(ok(await call(sato, 'GET', MEETING, { id: person.id, mid: meeting.id })).conclusion, '計画案を一部直して始める。');
  });

  test('list: newest first, paged; scope: another specialist 404, admin 403, no session 401; reads audited', async () => {
    const list = ok(await call(sato, 'GET', MEETINGS, { id: person.id, query: { per_page: 1 } }));
    assert.equal(list.items.length, 1);
    assert.ok(list.total >= 2);
    assert.equal(list.per_page, 1);
    const all = ok(await call(sato, 'GET', MEETINGS, { id: person.id })).items;
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].date >= all[i].date);
    assertError(await call(sato, 'GET', MEETINGS, { id: person.id, query: { per_page: 201 } }), 400, 'validation', 'per_page');
    assertError(await call(suzuki, 'GET', MEETINGS, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', MEETING, { id: person.id, mid: meeting.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', MEETINGS, { id: person.id }, meetingBody()), 404, 'not_found');
    assertError(await call(admin, 'GET', MEETINGS, { id: person.id }), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', MEETINGS, { id: person.id }), 401, 'unauthenticated');
    const other = await newPerson(sato, '会議 別人');
    assertError(await call(sato, 'GET', MEETING, { id: other.id, mid: meeting.id }), 404, 'not_found');
    const rows = await auditRows(chief, person.id);
    for (const action of ['create', 'update', 'finalise', 'read', 'list'])
      assert.ok(rows.some((r) => r.entity === 'meeting' && r.action === action), `audited: ${action}`);
  });

  test('print: the A4 record with every section; another specialist 404; admin 403', async () => {
    const res = await sato.get(`/print/meetings/${meeting.id}`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /text\/html/);
    for (const s of ['サービス担当者会議の記録', '開催日時', '開催場所', '出席者', '本人の出席', '検討した項目', '検討内容', '結論', '残された課題', '合意事項', '担当', '期限', '評価指標', 'ひだまり工房', '山田 一郎', '2026年5月15日', '合意形成シート'])
      assert.ok(res.text.includes(s), `print shows ${s}`);
    assert.equal((await suzuki.get(`/print/meetings/${meeting.id}`)).status, 404);
    assert.equal((await admin.get(`/print/meetings/${meeting.id}`)).status, 403);
    assert.equal((await sato.get('/print/meetings/999999')).status, 404);
  });
});

describe('plan steps: draft consent before submit, a conference (or waiver) before issue', () => {
  let person;
  let plan;
  before(async () => {
    person = await newPerson(sato, '計画 手順');
    plan = ok(await sato.post(`${API}/persons/${person.id}/plans`, planBody({ draft_consented_on: null, draft_consent_by: null, conference_waived_reason: '' })), 201);
    ok(await sato.post(`${API}/persons/${person.id}/decisions`, decisionBody()), 201);
  });

  test('submit without draft consent → 409 consent_required (still a draft); a representative needs a name (400)', async () => {
    assert.equal(plan.draft_consented_on, null);
    assertError(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: plan.id }), 409, 'consent_required');
    assert.equal(ok(await sato.get(`${API}/persons/${person.id}/plans/${plan.id}`)).status, 'draft');
    ok(await sato.patch(`${API}/persons/${person.id}/plans/${plan.id}`, { draft_consented_on: '2026-04-12' }));
    assertError(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: plan.id }), 409, 'consent_required'); // who is missing
    assertError(await sato.patch(`${API}/persons/${person.id}/plans/${plan.id}`, { draft_consent_by: '代理人' }), 400, 'validation', 'draft_consent_by_name');
    assertError(await sato.patch(`${API}/persons/${person.id}/plans/${plan.id}`, { draft_consent_by: '家族' }), 400, 'validation', 'draft_consent_by');
    const p = ok(await sato.patch(`${API}/persons/${person.id}/plans/${plan.id}`, { draft_consent_by: '代理人', draft_consent_by_name: '試験 花子' }));
    assert.equal(p.draft_consent_by_name, '試験 花子');
    const s = ok(await call(sato, 'POST', `${PLAN}/submit`, { id: person.id, pid: plan.id }));
    assert.equal(s.status, 'submitted');
    // a submitted 計画案 keeps its consent
    assertError(await sato.patch(`${API}/persons/${person.id}/plans/${plan.id}`, { draft_consented_on: null }), 409, 'consent_required');
  });

  test('issue without a conference or a waiver → 409 conference_required; a conference outside [submit, issue] or of another kind does not count', async () => {
    const path = { id: person.id, pid: plan.id };
    const issue = { issued_on: todayJst(), consented_on: todayJst() };
    assertError(await call(sato, 'POST', `${PLAN}/issue`, path, issue), 409, 'conference_required');
    // before the submit date (submitted today), and a case conference: neither counts
    ok(await sato.post(`${API}/persons/${person.id}/meetings`, meetingBody({ date: addDays(todayJst(), -1), plan_id: plan.id, agreements: [] })), 201);
    ok(await sato.post(`${API}/persons/${person.id}/meetings`, meetingBody({ kind: 'case_conference', date: todayJst(), plan_id: plan.id, agreements: [] })), 201);
    assertError(await call(sato, 'POST', `${PLAN}/issue`, path, issue), 409, 'conference_required');
    assert.equal(ok(await sato.get(`${API}/persons/${person.id}/plans/${plan.id}`)).status, 'submitted');
    const conf = ok(await sato.post(`${API}/persons/${person.id}/meetings`, meetingBody({ date: todayJst(), plan_id: plan.id, agreements: [] })), 201);
    assert.equal(conf.plan_id, plan.id);
    const issued = ok(await call(sato, 'POST', `${PLAN}/issue`, path, issue));
    assert.equal(issued.status, 'issued');
    plan = issued;
  });

  test('a waiver reason on the plan lets it be issued without a conference', async () => {
    const p2 = await newPerson(sato, '会議 省略');
    const { plan: issued } = await createIssuedPlan(sato, p2.id, { plan: { conference_waived_reason: '軽微な変更のため' } });
    assert.equal(issued.conference_waived_reason, '軽微な変更のため');
  });

  test('deliveries and provider plans: on a draft or submitted plan → 409 plan_state; bad input 400; issued → 201 and listed', async () => {
    const draft = ok(await sato.post(`${API}/persons/${person.id}/plans`, planBody()), 201);
    assertError(await call(sato, 'POST', DELIVERIES, { id: person.id, pid: draft.id }, { recipient_kind: 'person', name: '本人', delivered_on: todayJst() }), 409, 'plan_state');
    assertError(await call(sato, 'POST', PROVIDER_PLANS, { id: person.id, pid: draft.id }, { provider: 'ひだまり工房', received_on: todayJst() }), 409, 'plan_state');
    const path = { id: person.id, pid: plan.id };
    assertError(await call(sato, 'POST', DELIVERIES, path, { recipient_kind: 'neighbour', name: 'x', delivered_on: todayJst() }), 400, 'validation', 'recipient_kind');
    assertError(await call(sato, 'POST', DELIVERIES, path, { recipient_kind: 'person', name: '', delivered_on: todayJst() }), 400, 'validation', 'name');
    assertError(await call(sato, 'POST', DELIVERIES, path, { recipient_kind: 'person', name: '本人', delivered_on: addDays(plan.issued_on, -1) }), 400, 'validation', 'delivered_on');
    assertError(await call(sato, 'POST', PROVIDER_PLANS, path, { provider: '', received_on: todayJst() }), 400, 'validation', 'provider');
    assertError(await call(sato, 'POST', PROVIDER_PLANS, path, { provider: 'x', received_on: addDays(todayJst(), 1) }), 400, 'validation', 'received_on');
    const d = ok(await call(sato, 'POST', DELIVERIES, path, { recipient_kind: 'person', name: '本人', delivered_on: todayJst() }), 201);
    assert.equal(d.plan_id, plan.id);
    const pp = ok(await call(sato, 'POST', PROVIDER_PLANS, path, { provider: 'ひだまり工房', received_on: todayJst() }), 201);
    assert.equal(pp.provider, 'ひだまり工房');
    assert.deepEqual(ok(await call(sato, 'GET', DELIVERIES, path)).items.map((x) => x.id), [d.id]);
    assert.deepEqual(ok(await call(sato, 'GET', PROVIDER_PLANS, path)).items.map((x) => x.id), [pp.id]);
    assertError(await call(suzuki, 'GET', DELIVERIES, path), 404, 'not_found');
    assertError(await call(suzuki, 'POST', PROVIDER_PLANS, path, { provider: 'x', received_on: todayJst() }), 404, 'not_found');
    assertError(await call(admin, 'GET', PROVIDER_PLANS, path), 403, 'forbidden');
  });

  test('a monitoring without a visit needs no_visit_reason (400); with it → 201 and shown', async () => {
    const base = { date: todayJst(), visited: false, place: 'online' };
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, base)), 400, 'validation', 'no_visit_reason');
    assertError(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { ...base, no_visit_reason: '　' })), 400, 'validation', 'no_visit_reason');
    const m = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { ...base, no_visit_reason: '本人の希望でオンライン面接' })), 201);
    assert.equal(m.no_visit_reason, '本人の希望でオンライン面接');
    const v = ok(await call(sato, 'POST', MONITORINGS, { id: person.id }, monitoringBody(plan, { no_visit_reason: '無視される' })), 201);
    assert.equal(v.no_visit_reason, '', 'a visit has no reason to give');
  });
});

describe('OpenAPI conformance', () => {
  for (const [method, template] of ROUTES)
    test(`${method} ${template}: every response matches the schema documented for its status`, () => {
      const report = R.report(method, template);
      assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
    });
});
