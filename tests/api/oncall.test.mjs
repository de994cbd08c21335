// 当番 (on-call): the monthly rota (chief edits; overlaps → 400; gaps reported), who is on call at a
// time (start inclusive, end exclusive), out-of-hours calls (scoped), and on-call access: during
// one's slot, any person of the office for the crisis plan, contacts, red flags and calls only —
// each such access audited as oncall_access and listed for the chief; outside the slot → 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, Client, addDays, assertError, cleanup, ok, personBody, startDemoOffice, todayJst } from './lib/harness.mjs';

const ROTA = '/api/v1/oncall';
const NOW = '/api/v1/oncall/now';
const CALLS = '/api/v1/oncall/calls';
const PERSONS = '/api/v1/oncall/persons';
const PERSON = '/api/v1/oncall/persons/{id}';
const ACCESS = '/api/v1/oncall/access-log';

let server;
let R;
let sato;
let suzuki;
let chief;
let admin;
let ids;
let person; // sato's person

/** Local (Asia/Tokyo) date-time "YYYY-MM-DDTHH:MM" now, plus `minutes`. */
const localNow = (minutes = 0) => new Date(Date.now() + 9 * 3600 * 1000 + minutes * 60000).toISOString().slice(0, 16);
const thisMonth = () => localNow().slice(0, 7);
const nextMonthStart = (ym) => {
  const [y, m] = ym.split('-').map(Number);
  return `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00`;
};
/** The whole current month for one user (so "now" is inside it). */
const wholeMonth = (userId) => ({ slots: [{ start: `${thisMonth()}-01T00:00`, end: nextMonthStart(thisMonth()), user_id: userId, phone: '090-0000-0100' }] });

before(async () => {
  ({ server, R, sato, suzuki, chief, admin } = await startDemoOffice());
  const users = ok(await chief.get(`${API}/users`)).items;
  ids = Object.fromEntries(users.map((u) => [u.login, u.id]));
  person = ok(await sato.post(`${API}/persons`, personBody({ name: '当番 太郎', kana: 'トウバン タロウ' })), 201);
  ok(await sato.put(`${API}/persons/${person.id}/crisis-plan`, { contacts: [{ name: '母', phone: '090-1' }], steps: '母に連絡する。' }));
});
after(cleanup);

const call = (...a) => R.call(...a);

describe('on-call rota', () => {
  const month = '2031-01';
  test('PUT (chief): validation, overlap → 400, specialist → 403, admin → 403', async () => {
    const slot = (start, end, user_id = ids.sato) => ({ start, end, user_id });
    const put = (slots, c = chief, m = month) => call(c, 'PUT', ROTA, { query: { month: m } }, { slots });
    assertError(await put([slot('2031-01-01T09:00', '2031-01-02T09:00'), slot('2031-01-02T08:00', '2031-01-03T09:00')]), 400, 'validation', 'slots[1]');
    assertError(await put([slot('2031-02-01T09:00', '2031-02-02T09:00')]), 400, 'validation', 'slots[0].start');
    assertError(await put([slot('2031-01-02T09:00', '2031-01-02T09:00')]), 400, 'validation', 'slots[0].end');
    assertError(await put([slot('2031-01-02 09:00', '2031-01-03T09:00')]), 400, 'validation', 'slots[0].start');
    assertError(await put([slot('2031-01-02T09:00', '2031-01-03T09:00', ids.admin)]), 400, 'validation', 'slots[0].user_id');
    assertError(await call(chief, 'PUT', ROTA, { query: { month: '2031-13' } }, { slots: [] }), 400, 'validation', 'month');
    assertError(await put([slot('2031-01-02T09:00', '2031-01-03T09:00')], sato), 403, 'forbidden');
    assertError(await call(admin, 'GET', ROTA, { query: { month } }), 403, 'forbidden');
    assertError(await call(new Client(server), 'GET', ROTA, { query: { month } }), 401, 'unauthenticated');
  });

  test('a month with a rota reports its gaps; slots touching end to start do not overlap', async () => {
    const r = ok(
      await call(chief, 'PUT', ROTA, { query: { month } }, {
        slots: [
          { start: '2031-01-10T09:00', end: '2031-02-01T00:00', user_id: ids.suzuki, phone: '090-2' },
          { start: '2031-01-01T00:00', end: '2031-01-05T09:00', user_id: ids.sato, phone: '090-1' },
          { start: '2031-01-05T09:00', end: '2031-01-06T09:00', user_id: ids.tanaka },
        ],
      }),
    );
    assert.equal(r.month, month);
    assert.deepEqual(r.slots.map((s) => s.start), ['2031-01-01T00:00', '2031-01-05T09:00', '2031-01-10T09:00']);
    assert.deepEqual(r.gaps, [{ start: '2031-01-06T09:00', end: '2031-01-10T09:00' }]);
    const got = ok(await call(sato, 'GET', ROTA, { query: { month } }));
    assert.deepEqual(got, r);
    assert.deepEqual(ok(await call(sato, 'GET', ROTA, { query: { month: '2031-03' } })).gaps, [], 'no rota, no gaps');
    // The month before may not reach into a slot of this one.
    assertError(
      await call(chief, 'PUT', ROTA, { query: { month: '2030-12' } }, { slots: [{ start: '2030-12-31T09:00', end: '2031-01-01T09:00', user_id: ids.sato }] }),
      400,
      'validation',
      'slots[0]',
    );
    ok(await call(chief, 'PUT', ROTA, { query: { month: '2030-12' } }, { slots: [{ start: '2030-12-31T09:00', end: '2031-01-01T00:00', user_id: ids.sato }] }));
  });

  test('now: start inclusive, end exclusive; nobody → 404 nobody_on_call', async () => {
    const at = async (t) => call(sato, 'GET', NOW, { query: { at: t } });
    assert.equal(ok(await at('2031-01-05T08:59')).user_id, ids.sato);
    const edge = ok(await at('2031-01-05T09:00'));
    assert.equal(edge.user_id, ids.tanaka);
    assert.equal(edge.until, '2031-01-06T09:00');
    assert.equal(edge.name, '田中 美咲');
    assertError(await at('2031-01-06T09:00'), 404, 'nobody_on_call');
    assertError(await at('2031-01-10T08:59'), 404, 'nobody_on_call');
    const s = ok(await at('2031-01-10T09:00'));
    assert.equal(s.user_id, ids.suzuki);
    assert.equal(s.phone, '090-2');
    assert.equal(ok(await at('2031-01-01T00:00')).user_id, ids.sato);
    assert.equal(ok(await at('2030-12-31T23:59')).user_id, ids.sato, 'the slot of the month before');
    assertError(await at('2031-01-05T9:00'), 400, 'validation', 'at');
    assertError(await call(admin, 'GET', NOW, {}), 403, 'forbidden');
  });
});

describe('on-call access', () => {
  test('not on call: the normal scope applies (404)', async () => {
    ok(await call(chief, 'PUT', ROTA, { query: { month: thisMonth() } }, wholeMonth(ids.sato)));
    assert.equal(ok(await call(suzuki, 'GET', NOW, {})).user_id, ids.sato);
    assertError(await suzuki.get(`${API}/persons/${person.id}/crisis-plan`), 404, 'not_found');
    assertError(await suzuki.get(`${API}/persons/${person.id}/redflags`), 404, 'not_found');
    assertError(await call(suzuki, 'GET', PERSON, { id: person.id }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', CALLS, {}, { received_at: localNow(-5), caller: '母', person_id: person.id, summary: '不安' }), 404, 'not_found');
    const found = ok(await call(suzuki, 'GET', PERSONS, { query: { q: '当番' } }));
    assert.equal(found.total, 0);
  });

  test('on call: crisis plan, contacts, red flags and calls of any person of the office — nothing else', async () => {
    ok(await call(chief, 'PUT', ROTA, { query: { month: thisMonth() } }, wholeMonth(ids.suzuki)));
    const found = ok(await call(suzuki, 'GET', PERSONS, { query: { q: '当番' } }));
    assert.deepEqual(found.items.map((p) => p.id), [person.id]);
    assert.equal(found.items[0].contacts[0].phone, '000-1111-2222');
    const card = ok(await call(suzuki, 'GET', PERSON, { id: person.id }));
    assert.equal(card.name, '当番 太郎');
    assert.equal(ok(await suzuki.get(`${API}/persons/${person.id}/crisis-plan`)).steps, '母に連絡する。');
    assert.equal(ok(await suzuki.get(`${API}/persons/${person.id}/redflags`)).items.length, 9);
    assert.equal((await suzuki.get(`/print/persons/${person.id}/crisis-plan`)).status, 200);
    const c = ok(
      await call(suzuki, 'POST', CALLS, {}, { received_at: localNow(-30), caller: '母', person_id: person.id, summary: '眠れないと電話。', action: '話を聞いた。', minutes: 15, handed_to: '佐藤' }),
      201,
    );
    assert.equal(c.person_name, '当番 太郎');
    // Narrow: not the person record, plans, consents, or a red-flag review.
    assertError(await suzuki.get(`${API}/persons/${person.id}`), 404, 'not_found');
    assertError(await suzuki.get(`${API}/persons/${person.id}/plans`), 404, 'not_found');
    assertError(await suzuki.get(`${API}/persons/${person.id}/consents`), 404, 'not_found');
    assertError(await suzuki.put(`${API}/persons/${person.id}/redflags`, { items: [] }), 404, 'not_found');
    assertError(await suzuki.put(`${API}/persons/${person.id}/crisis-plan`, { contacts: [], steps: 'x' }), 404, 'not_found');
    assert.ok(!ok(await suzuki.get(`${API}/persons?q=${encodeURIComponent('当番')}`)).items.some((p) => p.id === person.id));
  });

  test('each on-call access is audited as oncall_access and listed for the chief', async () => {
    const log = ok(await call(chief, 'GET', ACCESS, {}));
    const mine = log.items.filter((r) => r.person_id === person.id && r.user_id === ids.suzuki);
    assert.ok(mine.length >= 4, JSON.stringify(log.items.slice(0, 8)));
    assert.ok(mine.every((r) => r.user_name === '鈴木 一郎'));
    assertError(await call(suzuki, 'GET', ACCESS, {}), 403, 'forbidden');
    assertError(await call(chief, 'GET', ACCESS, { query: { from: '2026-13-01' } }), 400, 'validation', 'from');
  });
});

describe('out-of-hours calls', () => {
  let other; // suzuki's person
  test('validation', async () => {
    assertError(await call(sato, 'POST', CALLS, {}, { received_at: localNow(120), caller: 'x', summary: 'x' }), 400, 'validation', 'received_at');
    assertError(await call(sato, 'POST', CALLS, {}, { received_at: localNow(-1), caller: '', summary: 'x' }), 400, 'validation', 'caller');
    assertError(await call(sato, 'POST', CALLS, {}, { received_at: localNow(-1), caller: 'x', summary: '' }), 400, 'validation', 'summary');
    assertError(await call(sato, 'POST', CALLS, {}, { received_at: localNow(-1), caller: 'x', summary: 'x', minutes: 2000 }), 400, 'validation', 'minutes');
    assertError(await call(admin, 'POST', CALLS, {}, { received_at: localNow(-1), caller: 'x', summary: 'x' }), 403, 'forbidden');
  });

  test('scoped: the assigned specialist sees calls about their persons; others do not', async () => {
    other = ok(await suzuki.post(`${API}/persons`, personBody({ name: '電話 次郎', kana: 'デンワ ジロウ' })), 201);
    const aboutOther = ok(await call(chief, 'POST', CALLS, {}, { received_at: localNow(-10), caller: '本人', person_id: other.id, summary: '相談' }), 201);
    const noPerson = ok(await call(chief, 'POST', CALLS, {}, { received_at: localNow(-9), caller: '病院', summary: '空床の問い合わせ' }), 201);
    const satoSees = ok(await call(sato, 'GET', CALLS, {})).items.map((c) => c.id);
    assert.ok(!satoSees.includes(aboutOther.id));
    assert.ok(!satoSees.includes(noPerson.id));
    const aboutMine = ok(await sato.get(`${API}/oncall/calls?person_id=${person.id}`)).items;
    assert.equal(aboutMine.length, 1, 'the call suzuki took on call about sato\'s person');
    assert.equal(aboutMine[0].recorded_by_name, '鈴木 一郎');
    const suzukiSees = ok(await call(suzuki, 'GET', CALLS, {})).items.map((c) => c.id);
    assert.ok(suzukiSees.includes(aboutOther.id));
    assert.ok(suzukiSees.includes(aboutMine[0].id), 'a call one took is one\'s own record');
    const all = ok(await call(chief, 'GET', CALLS, { query: { from: addDays(todayJst(), -1), to: todayJst(), per_page: 200 } }));
    for (const id of [aboutOther.id, noPerson.id, aboutMine[0].id]) assert.ok(all.items.some((c) => c.id === id));
    assertError(await call(sato, 'GET', CALLS, { query: { person_id: other.id } }), 404, 'not_found');
    assertError(await call(sato, 'GET', CALLS, { query: { from: todayJst(), to: addDays(todayJst(), -1) } }), 400, 'validation', 'to');
    const page = ok(await call(chief, 'GET', CALLS, { query: { per_page: 1 } }));
    assert.equal(page.items.length, 1);
    assert.ok(page.total >= 3);
  });
});

describe('OpenAPI conformance', () => {
  test('every response above matches docs/openapi.json', () => {
    const report = R.report();
    assert.deepEqual(report, [], report.join('\n'));
  });
});
