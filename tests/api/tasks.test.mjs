// Tasks (issue 10): every agreement of a meeting is a task, tasks can be added by hand, listed across
// the caseload (paged, filtered, scope in SQL) and closed with a result; open tasks past due are
// `overdue` and appear as alerts (task_overdue). Time moves by restarting the server on the same
// data with TSUNAGU_TIME_OFFSET.
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
  ok,
  personBody,
  signedIn,
  startDemoOffice,
  startServer,
  todayJst,
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

const TASKS = `${API}/tasks`;
const TASK = `${TASKS}/{tid}`;
const PERSON_TASKS = `${API}/persons/{id}/tasks`;
const call = (...args) => R.call(...args);

const taskBody = (over = {}) => ({ text: '通院の付き添いを調整する', owner: '試験 花子', due: addDays(todayJst(), 10), measure: '次の通院日までに決まっている', ...over });

describe('tasks', () => {
  let person;
  let task;
  let mine;
  before(async () => {
    person = ok(await sato.post(`${API}/persons`, personBody({ name: 'タスク 確認' })), 201);
  });

  test('POST by hand → 201 open, not overdue, no meeting; owner may be a user id', async () => {
    task = ok(await call(sato, 'POST', PERSON_TASKS, { id: person.id }, taskBody()), 201);
    assert.equal(task.status, 'open');
    assert.equal(task.overdue, false);
    assert.equal(task.meeting_id, null);
    assert.equal(task.person_name, 'タスク 確認');
    assert.equal(task.done_on, null);
    mine = ok(await call(sato, 'POST', PERSON_TASKS, { id: person.id }, taskBody({ text: '家族と面談する', owner: sato.user.id })), 201);
    assert.equal(mine.owner_user_id, sato.user.id);
    assert.equal(mine.owner, sato.user.name);
  });

  test('text, owner, due and measure are required (400 naming each); scope 404; admin 403; no session 401', async () => {
    for (const field of ['text', 'owner', 'due', 'measure']) {
      const body = taskBody();
      delete body[field];
      assertError(await call(sato, 'POST', PERSON_TASKS, { id: person.id }, body), 400, 'validation', field);
    }
    assertError(await call(sato, 'POST', PERSON_TASKS, { id: person.id }, taskBody({ due: '2026-13-01' })), 400, 'validation', 'due');
    assertError(await call(sato, 'POST', PERSON_TASKS, { id: person.id }, taskBody({ owner: 99999999 })), 400, 'validation', 'owner');
    assertError(await call(sato, 'POST', PERSON_TASKS, { id: person.id }, taskBody({ owner: '', owner_user_id: 99999999 })), 400, 'validation', 'owner_user_id');
    assertError(await call(suzuki, 'POST', PERSON_TASKS, { id: person.id }, taskBody()), 404, 'not_found');
    assertError(await call(admin, 'POST', PERSON_TASKS, { id: person.id }, taskBody()), 403, 'forbidden');
    assertError(await call(new Client(server), 'POST', PERSON_TASKS, { id: person.id }, taskBody()), 401, 'unauthenticated');
  });

  test('GET /tasks: paged, by due date, filtered by person, owner and status; scope in the list', async () => {
    const all = ok(await call(sato, 'GET', TASKS, { query: { person_id: person.id } }));
    assert.equal(all.total, 2);
    assert.equal(all.page, 1);
    assert.equal(all.per_page, 50);
    assert.deepEqual(all.items.map((x) => x.id).sort(), [task.id, mine.id].sort());
    const page1 = ok(await call(sato, 'GET', TASKS, { query: { per_page: 1 } }));
    assert.equal(page1.items.length, 1);
    assert.ok(page1.total >= 2);
    const everything = ok(await call(sato, 'GET', TASKS, { query: { per_page: 200 } })).items;
    for (let i = 1; i < everything.length; i++) assert.ok(everything[i - 1].due <= everything[i].due, 'by due date');
    assert.deepEqual(ok(await call(sato, 'GET', TASKS, { query: { owner_user_id: sato.user.id, person_id: person.id } })).items.map((x) => x.id), [mine.id]);
    assert.equal(ok(await call(sato, 'GET', TASKS, { query: { person_id: person.id, status: 'done' } })).total, 0);
    assert.equal(ok(await call(sato, 'GET', TASKS, { query: { person_id: person.id, status: 'overdue' } })).total, 0);
    // suzuki's list never holds sato's persons; naming one → 404
    assert.ok(!ok(await call(suzuki, 'GET', TASKS, { query: { per_page: 200 } })).items.some((x) => x.person_id === person.id));
    assertError(await call(suzuki, 'GET', TASKS, { query: { person_id: person.id } }), 404, 'not_found');
    assert.equal(ok(await call(chief, 'GET', TASKS, { query: { person_id: person.id } })).total, 2);
    assertError(await call(sato, 'GET', TASKS, { query: { status: 'late' } }), 400, 'validation', 'status');
    assertError(await call(sato, 'GET', TASKS, { query: { per_page: 0 } }), 400, 'validation', 'per_page');
    assertError(await call(sato, 'GET', TASKS, { query: { person_id: 'x' } }), 400, 'validation', 'person_id');
    assertError(await call(admin, 'GET', TASKS, {}), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', TASKS, {}), 401, 'unauthenticated');
  });

  test('PATCH: done or cancelled need a result (400); done sets done_on; reopen clears it; scope 404', async () => {
    const path = { tid: task.id };
    assertError(await call(sato, 'PATCH', TASK, path, { status: 'done' }), 400, 'validation', 'result');
    assertError(await call(sato, 'PATCH', TASK, path, { status: 'cancelled', result: ' ' }), 400, 'validation', 'result');
    assertError(await call(sato, 'PATCH', TASK, path, { status: 'finished', result: 'x' }), 400, 'validation', 'status');
    assertError(await call(sato, 'PATCH', TASK, path, {}), 400, 'validation', 'status');
    assertError(await call(suzuki, 'PATCH', TASK, path, { status: 'done', result: 'x' }), 404, 'not_found');
    assertError(await call(admin, 'PATCH', TASK, path, { status: 'done', result: 'x' }), 403, 'forbidden');
    assertError(await call(sato, 'PATCH', TASK, { tid: 99999999 }, { status: 'done', result: 'x' }), 404, 'not_found');
    const done = ok(await call(sato, 'PATCH', TASK, path, { status: 'done', result: '付き添いは家族に決まった' }));
    assert.equal(done.status, 'done');
    assert.equal(done.done_on, todayJst());
    assert.equal(done.result, '付き添いは家族に決まった');
    assert.deepEqual(ok(await call(sato, 'GET', TASKS, { query: { person_id: person.id, status: 'done' } })).items.map((x) => x.id), [task.id]);
    const reopened = ok(await call(sato, 'PATCH', TASK, path, { status: 'open' }));
    assert.equal(reopened.done_on, null);
    const cancelled = ok(await call(sato, 'PATCH', TASK, { tid: mine.id }, { status: 'cancelled', result: '面談は不要になった' }));
    assert.equal(cancelled.status, 'cancelled');
    const rows = await auditRows(chief, person.id);
    for (const action of ['create', 'update', 'list']) assert.ok(rows.some((r) => r.entity === 'task' && r.action === action), `audited: ${action}`);
  });

  test('an open task past its due date: overdue in the list, task_overdue in the alerts; done → gone (clock moved by restarting)', async () => {
    const dueTomorrow = ok(await call(sato, 'POST', PERSON_TASKS, { id: person.id }, taskBody({ text: '受診先を探す', due: addDays(todayJst(), 1) })), 201);
    const alertsNow = ok(await sato.get(`${API}/alerts?person_id=${person.id}`)).items;
    assert.ok(!alertsNow.some((a) => a.kind === 'task_overdue'));
    await server.stop();
    const later = await startServer({ data: server.data, env: { ...ENV, TSUNAGU_TIME_OFFSET: String(3 * 86400) } });
    try {
      const s = await signedIn(later, 'sato');
      const list = ok(await s.get(`${TASKS}?person_id=${person.id}&status=overdue`)).items;
      // the reopened hand task (due in 10 days) is not overdue; the one due tomorrow is
      assert.deepEqual(list.map((x) => x.id), [dueTomorrow.id]);
      assert.equal(list[0].overdue, true);
      const alert = ok(await s.get(`${API}/alerts?person_id=${person.id}`)).items.find((a) => a.kind === 'task_overdue');
      assert.ok(alert, 'a task_overdue alert');
      assert.equal(alert.entity, 'task');
      assert.equal(alert.entity_id, dueTomorrow.id);
      assert.equal(alert.days_left, -2);
      assert.equal(alert.date, dueTomorrow.due);
      const kindOnly = ok(await s.get(`${API}/alerts?kind=task_overdue`)).items;
      assert.ok(kindOnly.every((a) => a.kind === 'task_overdue'));
      ok(await s.patch(`${TASKS}/${dueTomorrow.id}`, { status: 'done', result: '受診先が見つかった' }));
      assert.ok(!ok(await s.get(`${API}/alerts?person_id=${person.id}`)).items.some((a) => a.kind === 'task_overdue'));
      assert.equal(ok(await s.get(`${TASKS}?person_id=${person.id}&status=overdue`)).total, 0);
    } finally {
      await later.stop();
    }
  });
});

describe('OpenAPI conformance', () => {
  for (const [method, template] of [['POST', PERSON_TASKS], ['GET', TASKS], ['PATCH', TASK]])
    test(`${method} ${template}: every response matches the schema documented for its status`, () => {
      const report = R.report(method, template);
      assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
    });
});
