// Issue #13, part A: strict input, centrally in http::Fields. Unknown JSON fields are refused with
// 400 unknown_field naming the field (nested ones with their path) before anything is saved; a wrong
// type is 400 validation naming the field; required texts that are blank once Unicode spaces,
// zero-width characters and bidi controls are removed are 400; control characters other than
// newline and tab are 400. Refusal rows in the audit log name the record asked for.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  assertError,
  cleanup,
  ok,
  personBody,
  signedIn,
  startServer,
} from './lib/harness.mjs';

let server;
let sato;
let chief;
let admin;
let person;

before(async () => {
  server = await startServer();
  [sato, chief, admin] = await Promise.all(['sato', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
  person = ok(await sato.post(`${API}/persons`, personBody({ name: '厳密 入力' })), 201);
});
after(cleanup);

describe('unknown fields', () => {
  test('PATCH with a misspelt field is 400 unknown_field naming it; nothing changes, updated_at stays', async () => {
    const before = ok(await sato.get(`${API}/persons/${person.id}`));
    await new Promise((r) => setTimeout(r, 1100)); // a write would move updated_at (seconds)
    const res = await sato.patch(`${API}/persons/${person.id}`, { adress: '東京都', notes: '変わらないはず' });
    assertError(res, 400, 'unknown_field', 'adress');
    const after = ok(await sato.get(`${API}/persons/${person.id}`));
    assert.equal(after.updated_at, before.updated_at);
    assert.equal(after.notes, before.notes);
  });

  test('POST with an unknown field creates nothing', async () => {
    const list0 = ok(await sato.get(`${API}/persons?q=${encodeURIComponent('未知 項目')}`));
    const res = await sato.post(`${API}/persons`, personBody({ name: '未知 項目', nickname: 'x' }));
    assertError(res, 400, 'unknown_field', 'nickname');
    const list1 = ok(await sato.get(`${API}/persons?q=${encodeURIComponent('未知 項目')}`));
    assert.equal(list1.total, list0.total);
  });

  test('an unknown field inside a nested object is named with its path', async () => {
    const res = await sato.patch(`${API}/persons/${person.id}`, {
      contacts: [{ role: 'family', name: '家族 一郎', phone: '090-0000-0000', emial: 'x@example.com' }],
    });
    assertError(res, 400, 'unknown_field', 'contacts[0].emial');
  });

  test('known fields alone still work', async () => {
    ok(await sato.patch(`${API}/persons/${person.id}`, { notes: '正しい更新' }));
  });
});

describe('wrong types', () => {
  test('office_id as an object when a chief creates a user is 400 validation office_id (no user made)', async () => {
    const res = await chief.post(`${API}/users`, {
      login: 'typed-office', name: '型 確認', role: 'specialist', password: 'correct horse battery 9', office_id: { x: 1 },
    });
    assertError(res, 400, 'validation', 'office_id');
    const users = ok(await chief.get(`${API}/users?per_page=200`));
    assert.ok(!users.items.some((u) => u.login === 'typed-office'));
  });

  test('a chief naming another office is refused', async () => {
    const res = await chief.post(`${API}/users`, {
      login: 'other-office', name: '他 事業所', role: 'specialist', password: 'correct horse battery 9', office_id: 999,
    });
    assertError(res, 400, 'validation', 'office_id');
  });

  test('a number where text belongs, and an object where a date belongs, name the field', async () => {
    assertError(await sato.patch(`${API}/persons/${person.id}`, { notes: 12 }), 400, 'validation', 'notes');
    assertError(await sato.patch(`${API}/persons/${person.id}`, { birth_date: { y: 1990 } }), 400, 'validation', 'birth_date');
  });
});

describe('blank and control characters', () => {
  for (const [label, name] of [
    ['NBSP', '\u00a0'],
    ['zero-width space and joiner', '\u200b\u200d'],
    ['bidi marks', '\u200e\u200f\u202a\u202c'],
    ['line separator', '\u2028'],
    ['word joiner and invisible times', '\u2060\u2062'],
    ['BOM', '\ufeff'],
    ['ideographic space mix', '\u3000 \u200b'],
  ]) {
    test(`a required name of only ${label} is 400`, async () => {
      assertError(await sato.post(`${API}/persons`, personBody({ name })), 400, 'validation', 'name');
    });
  }

  for (const [label, text] of [
    ['NUL-like control U+0001', 'a\u0001b'],
    ['carriage return', 'a\rb'],
    ['escape', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
  ]) {
    test(`text with ${label} is 400`, async () => {
      assertError(await sato.patch(`${API}/persons/${person.id}`, { notes: text }), 400, 'validation', 'notes');
    });
  }

  test('newline and tab are kept', async () => {
    const p = ok(await sato.patch(`${API}/persons/${person.id}`, { notes: '一行目\n\t二行目' }));
    assert.equal(p.notes, '一行目\n\t二行目');
  });
});

describe('refusal rows name the record asked for', () => {
  test('a plan id that is not there: the row names the plan (entity plans, its id), not only the person', async () => {
    const missing = 987654;
    assertError(await sato.get(`${API}/persons/${person.id}/plans/${missing}`), 404, 'not_found');
    const rows = ok(await chief.get(`${API}/audit?action=read&per_page=200`)).items;
    const row = rows.find((r) => r.outcome === 'not_found' && r.entity === 'plans');
    assert.ok(row, `a refusal row for the plan: ${JSON.stringify(rows.slice(0, 5))}`);
    assert.equal(row.entity_id, missing);
  });

  test('the admin refused a person names the person', async () => {
    assert.ok([403, 404].includes((await admin.get(`${API}/persons/${person.id}`)).status));
  });
});
