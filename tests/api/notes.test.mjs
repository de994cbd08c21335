// 支援経過記録 (support notes): fields and refusals, the 24-hour edit lock (the clock moved by
// restarting the server with TSUNAGU_TIME_OFFSET), corrections, decision support, the A4 print,
// scope and audit. Contract: docs/api-conventions.md "Notes"; every response of these routes is
// checked against docs/openapi.json (last describe of the file).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  ENV,
  addDays,
  assertError,
  auditRows,
  cleanup,
  ok,
  personBody,
  planBody,
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

const PERSON = `${API}/persons/{id}`;
const NOTES = `${PERSON}/notes`;
const NOTE = `${NOTES}/{nid}`;
const CORRECTIONS = `${NOTE}/corrections`;
const DECISION_SUPPORT = `${API}/decision-support`;
const ROUTES = [['POST', NOTES], ['GET', NOTES], ['GET', NOTE], ['PATCH', NOTE], ['POST', CORRECTIONS], ['GET', DECISION_SUPPORT]];
const call = (...args) => R.call(...args);

const noteBody = (over = {}) => ({
  date: todayJst(),
  time: '10:30',
  contact_kind: 'visit',
  place: 'home',
  minutes: 60,
  time_category: 'interview',
  participants: ['母'],
  own_words: '一人暮らしをしてみたい。',
  soap: { s: '一人暮らしの希望を話す。', o: '表情は明るい。', a: '体験の機会が要る。', p: '体験の場を探す。' },
  icf: ['participation', 'environmental'],
  next_step: '体験できるグループホームを2か所調べて来週伝える',
  ...over,
});

async function newPerson(who = sato) {
  return ok(await who.post(`${API}/persons`, personBody({ name: '記録 確認' })), 201);
}
async function newNote(personId, over = {}, who = sato) {
  return ok(await call(who, 'POST', NOTES, { id: personId }, noteBody(over)), 201);
}
/** An issued plan of the demo (sato's first person) with its needs. */
async function demoPlanOf(who, personId) {
  const plans = ok(await who.get(`${API}/persons/${personId}/plans`)).items;
  return plans.find((p) => p.needs.length > 0);
}

describe('writing a note', () => {
  test('all fields are stored and returned; own words, next step, author and lock state', async () => {
    const p = await newPerson();
    const n = await newNote(p.id);
    assert.equal(n.person_id, p.id);
    assert.equal(n.own_words, '一人暮らしをしてみたい。');
    assert.deepEqual(n.soap, { s: '一人暮らしの希望を話す。', o: '表情は明るい。', a: '体験の機会が要る。', p: '体験の場を探す。' });
    assert.deepEqual(n.icf, ['participation', 'environmental']);
    assert.deepEqual(n.participants, ['母']);
    assert.equal(n.minutes, 60);
    assert.equal(n.time, '10:30');
    assert.equal(n.author_name, '佐藤 花子');
    assert.equal(n.locked, false);
    assert.equal(n.editable, true);
    assert.deepEqual(n.corrections, []);
    assert.equal(n.decision_support, null);
    const rows = await auditRows(chief, p.id, 'create');
    assert.ok(rows.some((r) => r.entity === 'note' && String(r.entity_id) === String(n.id)));
  });

  test('next_step is required (400 naming it), one line, at most 200 characters', async () => {
    const p = await newPerson();
    const body = noteBody();
    delete body.next_step;
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, body), 400, 'validation', 'next_step');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ next_step: '  ' })), 400, 'validation', 'next_step');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ next_step: '一行目\n二行目' })), 400, 'validation', 'next_step');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ next_step: 'あ'.repeat(201) })), 400, 'validation', 'next_step');
  });

  test('date and contact_kind are required; minutes 1–1440; enums are checked', async () => {
    const p = await newPerson();
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ date: undefined })), 400, 'validation', 'date');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ contact_kind: 'telepathy' })), 400, 'validation', 'contact_kind');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ minutes: 0 })), 400, 'validation', 'minutes');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ minutes: 1441 })), 400, 'validation', 'minutes');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ time_category: 'x' })), 400, 'validation', 'time_category');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ icf: ['mood'] })), 400, 'validation', 'icf');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ place: 'moon' })), 400, 'validation', 'place');
  });

  test("goal_refs name goals of this person's plans only (another person's plan → 400)", async () => {
    const persons = ok(await sato.get(`${API}/persons?per_page=200`)).items;
    let mine;
    let other;
    for (const p of persons) {
      const plan = await demoPlanOf(sato, p.id);
      if (!plan) continue;
      if (!mine) mine = { person: p, plan };
      else if (!other) other = { person: p, plan };
    }
    assert.ok(mine && other, 'the demo gives sato two persons with plans');
    const good = await newNote(mine.person.id, { goal_refs: [{ plan_id: mine.plan.id, need_index: 0 }] });
    assert.deepEqual(good.goal_refs, [{ plan_id: mine.plan.id, need_index: 0 }]);
    assertError(
      await call(sato, 'POST', NOTES, { id: mine.person.id }, noteBody({ goal_refs: [{ plan_id: other.plan.id, need_index: 0 }] })),
      400, 'validation', 'goal_refs[0].plan_id');
    assertError(
      await call(sato, 'POST', NOTES, { id: mine.person.id }, noteBody({ goal_refs: [{ plan_id: mine.plan.id, need_index: 29 }] })),
      400, 'validation', 'goal_refs[0].need_index');
    // A plan written for this person after the note works too.
    const p = await newPerson();
    const plan = ok(await sato.post(`${API}/persons/${p.id}/plans`, planBody()), 201);
    await newNote(p.id, { goal_refs: [{ plan_id: plan.id, need_index: 0 }] });
  });

  test('decision support: matter required; reason required when someone else decided', async () => {
    const p = await newPerson();
    const ds = { matter: '住まいをどうするか', methods: '写真で選択肢を示し、1週間考える時間をとった', options: '自宅／GH', choice: '家がいい', substitute: false };
    const n = await newNote(p.id, { decision_support: ds });
    assert.equal(n.decision_support.choice, '家がいい');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ decision_support: { ...ds, matter: '' } })),
      400, 'validation', 'decision_support.matter');
    assertError(await call(sato, 'POST', NOTES, { id: p.id }, noteBody({ decision_support: { ...ds, substitute: true, substitute_by: '母' } })),
      400, 'validation', 'decision_support.reason');
    const sub = await newNote(p.id, { decision_support: { ...ds, substitute: true, substitute_by: '成年後見人', reason: '意思確認が困難で急を要したため' } });
    assert.equal(sub.decision_support.substitute, true);
  });

  test('scope: another specialist gets 404, admin 403, on every route', async () => {
    const p = await newPerson();
    const n = await newNote(p.id);
    assertError(await call(suzuki, 'POST', NOTES, { id: p.id }, noteBody()), 404, 'not_found');
    assertError(await call(suzuki, 'GET', NOTES, { id: p.id }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', NOTE, { id: p.id, nid: n.id }), 404, 'not_found');
    assertError(await call(suzuki, 'PATCH', NOTE, { id: p.id, nid: n.id }, { own_words: 'x' }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', CORRECTIONS, { id: p.id, nid: n.id }, { text: 'x', reason: 'y' }), 404, 'not_found');
    assertError(await call(admin, 'GET', NOTES, { id: p.id }), 403, 'forbidden');
    assertError(await call(admin, 'GET', DECISION_SUPPORT), 403, 'forbidden');
    // A note id of another person, under this person's path: 404.
    const q = await newPerson();
    assertError(await call(sato, 'GET', NOTE, { id: q.id, nid: n.id }), 404, 'not_found');
  });
});

describe('the list', () => {
  test('newest first, paged with total, filters from, to, contact_kind', async () => {
    const p = await newPerson();
    const t = todayJst();
    await newNote(p.id, { date: addDays(t, -10), contact_kind: 'phone' });
    await newNote(p.id, { date: addDays(t, -5), contact_kind: 'visit' });
    await newNote(p.id, { date: addDays(t, -1), contact_kind: 'phone' });
    const all = ok(await call(sato, 'GET', NOTES, { id: p.id }));
    assert.equal(all.total, 3);
    assert.deepEqual(all.items.map((n) => n.date), [addDays(t, -1), addDays(t, -5), addDays(t, -10)]);
    const page2 = ok(await call(sato, 'GET', NOTES, { id: p.id, query: { per_page: '2', page: '2' } }));
    assert.equal(page2.total, 3);
    assert.equal(page2.page, 2);
    assert.equal(page2.per_page, 2);
    assert.deepEqual(page2.items.map((n) => n.date), [addDays(t, -10)]);
    const phone = ok(await call(sato, 'GET', NOTES, { id: p.id, query: { contact_kind: 'phone' } }));
    assert.equal(phone.total, 2);
    const range = ok(await call(sato, 'GET', NOTES, { id: p.id, query: { from: addDays(t, -6), to: addDays(t, -2) } }));
    assert.deepEqual(range.items.map((n) => n.date), [addDays(t, -5)]);
    assertError(await call(sato, 'GET', NOTES, { id: p.id, query: { from: '2026-13-01' } }), 400, 'validation', 'from');
    assertError(await call(sato, 'GET', NOTES, { id: p.id, query: { contact_kind: 'x' } }), 400, 'validation', 'contact_kind');
    assertError(await call(sato, 'GET', NOTES, { id: p.id, query: { per_page: '201' } }), 400, 'validation', 'per_page');
    const rows = await auditRows(chief, p.id, 'list');
    assert.ok(rows.some((r) => r.entity === 'note'));
  });
});

describe('editing, the 24-hour lock and corrections', () => {
  test('the author edits within 24 hours; another user (even the chief) gets 403', async () => {
    const p = await newPerson();
    const n = await newNote(p.id);
    const edited = ok(await call(sato, 'PATCH', NOTE, { id: p.id, nid: n.id }, { own_words: '一人暮らしを体験したい。' }));
    assert.equal(edited.own_words, '一人暮らしを体験したい。');
    assert.equal(edited.next_step, n.next_step, 'fields not in the PATCH stay');
    assertError(await call(sato, 'PATCH', NOTE, { id: p.id, nid: n.id }, { next_step: '' }), 400, 'validation', 'next_step');
    assertError(await call(chief, 'PATCH', NOTE, { id: p.id, nid: n.id }, { own_words: 'x' }), 403, 'forbidden');
    const again = ok(await call(sato, 'GET', NOTE, { id: p.id, nid: n.id }));
    assert.equal(again.own_words, '一人暮らしを体験したい。');
  });

  test('a note older than 24 hours is locked (409 note_locked); a correction keeps the original', async () => {
    // The demo back-dates its notes: the oldest of sato's first person is days old.
    const persons = ok(await sato.get(`${API}/persons?per_page=200`)).items;
    let old;
    let pid;
    for (const p of persons) {
      const list = ok(await sato.get(`${API}/persons/${p.id}/notes`)).items;
      old = list.find((n) => n.locked && n.author_name === '佐藤 花子');
      if (old) {
        pid = p.id;
        break;
      }
    }
    assert.ok(old, 'the demo gives sato locked notes');
    assert.equal(old.editable, false);
    assertError(await call(sato, 'PATCH', NOTE, { id: pid, nid: old.id }, { own_words: '書き換え' }), 409, 'note_locked');
    const before = ok(await call(sato, 'GET', NOTE, { id: pid, nid: old.id }));
    const corrected = ok(await call(sato, 'POST', CORRECTIONS, { id: pid, nid: old.id }, { text: '訪問時間は30分でした。', reason: '記載誤り' }), 201);
    assert.equal(corrected.own_words, before.own_words);
    assert.deepEqual(corrected.soap, before.soap);
    assert.equal(corrected.next_step, before.next_step);
    const last = corrected.corrections.at(-1);
    assert.equal(last.text, '訪問時間は30分でした。');
    assert.equal(last.reason, '記載誤り');
    assert.equal(last.author_name, '佐藤 花子');
    // The chief may correct too; text and reason are required.
    ok(await call(chief, 'POST', CORRECTIONS, { id: pid, nid: old.id }, { text: '補足', reason: '確認' }), 201);
    assertError(await call(sato, 'POST', CORRECTIONS, { id: pid, nid: old.id }, { text: '', reason: 'x' }), 400, 'validation', 'text');
    assertError(await call(sato, 'POST', CORRECTIONS, { id: pid, nid: old.id }, { text: 'x' }), 400, 'validation', 'reason');
    const rows = await auditRows(chief, pid, 'correct');
    assert.ok(rows.some((r) => r.entity === 'note' && String(r.entity_id) === String(old.id)));
  });

  test('another specialist in scope may not correct (403)', async () => {
    // suzuki is assigned to sato's new person too: in scope, not the author, not chief.
    const p = await newPerson();
    const users = ok(await chief.get(`${API}/users`)).items;
    const ids = users.filter((u) => u.login === 'sato' || u.login === 'suzuki').map((u) => u.id);
    ok(await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: ids }));
    const n = await newNote(p.id);
    assertError(await call(suzuki, 'POST', CORRECTIONS, { id: p.id, nid: n.id }, { text: 'x', reason: 'y' }), 403, 'forbidden');
    assertError(await call(suzuki, 'PATCH', NOTE, { id: p.id, nid: n.id }, { own_words: 'x' }), 403, 'forbidden');
  });

  test('moving the clock 25 hours (restart with TSUNAGU_TIME_OFFSET) locks a fresh note', async () => {
    const p = await newPerson();
    const n = await newNote(p.id);
    await server.stop();
    const later = await startServer({ data: server.data, env: { ...ENV, TSUNAGU_TIME_OFFSET: String(25 * 3600) } });
    try {
      const sato2 = await signedIn(later, 'sato');
      const got = ok(await sato2.get(`${API}/persons/${p.id}/notes/${n.id}`));
      assert.equal(got.locked, true);
      assertError(await sato2.patch(`${API}/persons/${p.id}/notes/${n.id}`, { own_words: 'x' }), 409, 'note_locked');
      const c = ok(await sato2.post(`${API}/persons/${p.id}/notes/${n.id}/corrections`, { text: '訂正', reason: '誤記' }), 201);
      assert.equal(c.own_words, n.own_words);
    } finally {
      await later.stop();
      server = await startServer({ data: server.data });
      [sato, suzuki, chief, admin] = await Promise.all(['sato', 'suzuki', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
    }
  });
});

describe('decision support list', () => {
  test('?substitute=true lists substitute decisions in scope, newest first, paged', async () => {
    const mine = await newPerson();
    await newNote(mine.id, { decision_support: { matter: '入院の同意', substitute: true, substitute_by: '後見人', reason: '急を要したため' } });
    await newNote(mine.id, { decision_support: { matter: '日中の過ごし方', choice: '作業所に行きたい', substitute: false } });
    const all = ok(await call(chief, 'GET', DECISION_SUPPORT, { query: { substitute: 'true' } }));
    assert.ok(all.total >= 2, 'the demo substitute decision and this one');
    assert.ok(all.items.every((i) => i.decision_support.substitute === true));
    assert.ok(all.items.some((i) => i.person_id === mine.id && i.decision_support.matter === '入院の同意'));
    const both = ok(await call(chief, 'GET', DECISION_SUPPORT));
    assert.ok(both.items.some((i) => i.decision_support.matter === '日中の過ごし方'));
    // suzuki never sees sato's persons; the total is counted in the same scope.
    const other = ok(await call(suzuki, 'GET', DECISION_SUPPORT, { query: { substitute: 'true', per_page: '200' } }));
    assert.ok(!other.items.some((i) => i.person_id === mine.id));
    assert.equal(other.total, other.items.length);
    assertError(await call(chief, 'GET', DECISION_SUPPORT, { query: { substitute: 'maybe' } }), 400, 'validation', 'substitute');
  });
});

describe('print', () => {
  test('GET /print/persons/{id}/notes is the A4 支援経過記録 with corrections; scope and dates checked', async () => {
    const p = await newPerson();
    const n = await newNote(p.id, { own_words: '<b>夜が怖い</b>' });
    ok(await sato.post(`${API}/persons/${p.id}/notes/${n.id}/corrections`, { text: '訂正の本文', reason: '誤記' }), 201);
    const res = await sato.get(`/print/persons/${p.id}/notes?from=${addDays(todayJst(), -30)}&to=${todayJst()}`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /text\/html/);
    assert.ok(res.text.includes('支援経過記録'));
    assert.ok(res.text.includes('&lt;b&gt;夜が怖い&lt;/b&gt;'), 'escaped');
    assert.ok(res.text.includes('訂正の本文'));
    assert.ok(res.text.indexOf('本人の言葉') < res.text.indexOf('S（主観）'), 'own words first');
    assert.equal((await suzuki.get(`/print/persons/${p.id}/notes`)).status, 404);
    assert.equal((await admin.get(`/print/persons/${p.id}/notes`)).status, 403);
    assert.equal((await sato.get(`/print/persons/${p.id}/notes?from=x`)).status, 400);
    const rows = await auditRows(chief, p.id, 'print');
    assert.ok(rows.some((r) => r.entity === 'note'));
  });
});

describe('OpenAPI conformance', () => {
  for (const [method, template] of ROUTES)
    test(`${method} ${template}: every response above matches the schema documented for its status`, () => {
      const report = R.report(method, template);
      assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
    });
});
