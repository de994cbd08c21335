// 利用者 (persons): scope by role and assignment, search, paging, partial update, Japanese text,
// assignments.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, API, allPages, assertError, cleanup, ok, personBody, signedIn, startServer } from './lib/harness.mjs';

let server;
let sato;
let suzuki;
let chief;
let admin;

before(async () => {
  server = await startServer();
  [sato, suzuki, chief, admin] = await Promise.all(['sato', 'suzuki', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
});
after(cleanup);

const ids = (items) => items.map((p) => p.id).sort((a, b) => a - b);

describe('create and scope', () => {
  test('a specialist who creates a person is its assignee; read-only fields are computed', async () => {
    const body = personBody({ name: '新規 登録', kana: 'シンキ トウロク', birth_date: '2015-06-15' });
    const p = ok(await sato.post(`${API}/persons`, body), 201);
    assert.equal(typeof p.id, 'number');
    assert.deepEqual(p.assignees.map((a) => a.id), [sato.user.id]);
    assert.equal(p.assignees[0].name, sato.user.name);
    for (const k of ['name', 'kana', 'birth_date', 'gender', 'address', 'phone', 'certificate_number', 'wishes', 'notes'])
      assert.equal(p[k], body[k], k);
    assert.deepEqual(p.disability_kinds, body.disability_kinds);
    assert.deepEqual(p.contacts, body.contacts);
    assert.equal(p.support_level, '3');
    assert.equal(p.is_child, true, 'born 2015: under 18');
    assert.equal(typeof p.age, 'number');
    assert.ok(p.age >= 10 && p.age <= 12, `age ${p.age}`);
    assert.match(p.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    assert.match(p.updated_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    // And it is readable by its creator.
    assert.deepEqual(ok(await sato.get(`${API}/persons/${p.id}`)), p);
  });

  test('read-only fields in the input are ignored', async () => {
    const p = ok(
      await sato.post(`${API}/persons`, personBody({ id: 999999, age: 3, is_child: true, assignees: [{ id: 2 }], created_at: '2000-01-01T00:00:00Z' })),
      201,
    );
    assert.notEqual(p.id, 999999);
    assert.deepEqual(p.assignees.map((a) => a.id), [sato.user.id]);
    assert.equal(p.is_child, false);
    assert.notEqual(p.created_at, '2000-01-01T00:00:00Z');
  });

  test('hiragana kana is stored as katakana', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ kana: 'ひらがな じろう' })), 201);
    assert.equal(p.kana, 'ヒラガナ ジロウ');
  });

  test('a specialist sees only persons assigned to them', async () => {
    const mine = await allPages(sato, `${API}/persons`);
    assert.ok(mine.total >= 15, `sato has the 15 demo persons and more (${mine.total})`);
    assert.equal(mine.items.length, mine.total);
    for (const p of mine.items) assert.ok(p.assignees.some((a) => a.id === sato.user.id), `${p.id} is assigned to sato`);
    const theirs = await allPages(suzuki, `${API}/persons`);
    for (const p of theirs.items) assert.ok(p.assignees.some((a) => a.id === suzuki.user.id));
    const overlap = ids(mine.items).filter((id) => ids(theirs.items).includes(id));
    assert.deepEqual(overlap, []);
  });

  test("another specialist's person is 404 (not 403) for GET, PATCH, PUT-less reads and consents", async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '担当外 確認' })), 201);
    assertError(await suzuki.get(`${API}/persons/${p.id}`), 404, 'not_found');
    assertError(await suzuki.patch(`${API}/persons/${p.id}`, { notes: '書き換え' }), 404, 'not_found');
    assertError(await suzuki.get(`${API}/persons/${p.id}/consents`), 404, 'not_found');
    assertError(
      await suzuki.post(`${API}/persons/${p.id}/consents`, {
        purpose: '計画作成',
        scope: ['市役所'],
        given_by: '本人',
        given_on: '2026-04-01',
      }),
      404,
      'not_found',
    );
    // Same answer as for an id that does not exist at all.
    const missing = await suzuki.get(`${API}/persons/99999999`);
    assertError(missing, 404, 'not_found');
    const e = (await suzuki.get(`${API}/persons/${p.id}`)).body.error;
    assert.equal(e.message, missing.body.error.message);
    // Nothing was changed or added.
    const now = ok(await sato.get(`${API}/persons/${p.id}`));
    assert.equal(now.notes, p.notes);
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}/consents`)).total, 0);
    // Search does not leak it either.
    assert.equal(ok(await suzuki.get(`${API}/persons?q=${encodeURIComponent('担当外')}`)).total, 0);
  });

  test('ids that are not positive integers → 404', async () => {
    for (const id of ['0', '-1', 'abc', '1.5', '99999999999999999999'])
      assertError(await sato.get(`${API}/persons/${id}`), 404, 'not_found');
  });

  test('the chief sees the whole office (30 demo persons and more)', async () => {
    const all = await allPages(chief, `${API}/persons`);
    assert.ok(all.total >= 30, `chief sees ${all.total}`);
    const satos = await allPages(sato, `${API}/persons`);
    const suzukis = await allPages(suzuki, `${API}/persons`);
    for (const id of [...ids(satos.items), ...ids(suzukis.items)]) assert.ok(ids(all.items).includes(id));
    // The chief can read any of them.
    ok(await chief.get(`${API}/persons/${satos.items[0].id}`));
  });

  test('admin may not touch person data: 403 forbidden', async () => {
    const pid = ok(await chief.get(`${API}/persons?per_page=1`)).items[0].id;
    assertError(await admin.get(`${API}/persons`), 403, 'forbidden');
    assertError(await admin.get(`${API}/persons/${pid}`), 403, 'forbidden');
    assertError(await admin.post(`${API}/persons`, personBody()), 403, 'forbidden');
    assertError(await admin.patch(`${API}/persons/${pid}`, { notes: 'x' }), 403, 'forbidden');
    assertError(await admin.get(`${API}/persons/${pid}/consents`), 403, 'forbidden');
    assertError(await admin.put(`${API}/persons/${pid}/assignees`, { user_ids: [] }), 403, 'forbidden');
  });
});

describe('offices are separate tenants', () => {
  test("another office's chief sees none of this office's persons, cannot assign its staff, sees none of its audit", async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '他事業所 非公開' })), 201);
    const office = ok(await admin.post(`${API}/offices`, { name: '別テナント 相談支援' }), 201);
    const login = `tenant${process.pid}`;
    await createUser(admin, { login, name: '別 主任', role: 'chief', office_id: office.id });
    const other = await signedIn(server, login, 'Kirin-Sora-7742!');
    assertError(await other.get(`${API}/persons/${p.id}`), 404, 'not_found');
    assertError(await other.patch(`${API}/persons/${p.id}`, { notes: 'x' }), 404, 'not_found');
    assertError(await other.put(`${API}/persons/${p.id}/assignees`, { user_ids: [] }), 404, 'not_found');
    assertError(await other.get(`${API}/persons/${p.id}/consents`), 404, 'not_found');
    assert.equal(ok(await other.get(`${API}/persons`)).total, 0);
    assert.equal(ok(await other.get(`${API}/persons?q=${encodeURIComponent('非公開')}`)).total, 0);
    const own = ok(await other.post(`${API}/persons`, personBody()), 201);
    assertError(await other.put(`${API}/persons/${own.id}/assignees`, { user_ids: [sato.user.id] }), 400, 'validation', 'user_ids[0]');
    assert.equal(ok(await other.get(`${API}/audit?person_id=${p.id}`)).total, 0);
    // And this office does not see theirs.
    assertError(await chief.get(`${API}/persons/${own.id}`), 404, 'not_found');
    assert.deepEqual(ok(await sato.get(`${API}/persons/${p.id}`)).assignees.map((a) => a.id), [sato.user.id]);
  });
});

describe('search', () => {
  test('q= by name', async () => {
    const r = ok(await chief.get(`${API}/persons?q=${encodeURIComponent('青木')}`));
    assert.ok(r.total >= 1);
    for (const p of r.items) assert.ok(p.name.includes('青木'), p.name);
  });

  test('q= in hiragana matches kana stored in katakana (and katakana matches too)', async () => {
    const byName = ok(await chief.get(`${API}/persons?q=${encodeURIComponent('青木')}`));
    const byHira = ok(await chief.get(`${API}/persons?q=${encodeURIComponent('あおき')}`));
    const byKata = ok(await chief.get(`${API}/persons?q=${encodeURIComponent('アオキ')}`));
    assert.ok(byHira.total >= 1, 'hiragana finds something');
    for (const p of byHira.items) assert.ok(p.kana.includes('アオキ'), p.kana);
    assert.deepEqual(ids(byHira.items), ids(byKata.items));
    assert.deepEqual(ids(byHira.items), ids(byName.items));
  });

  test('q= respects scope: a specialist finds only their own matches', async () => {
    for (const q of ['ヨウタ', 'ユイ', 'カトウ', 'イシイ']) {
      const all = ok(await chief.get(`${API}/persons?per_page=200&q=${encodeURIComponent(q)}`));
      assert.ok(all.total >= 1, q);
      for (const who of [sato, suzuki]) {
        const mine = ok(await who.get(`${API}/persons?per_page=200&q=${encodeURIComponent(q)}`));
        const expected = all.items.filter((p) => p.assignees.some((a) => a.id === who.user.id));
        assert.deepEqual(ids(mine.items), ids(expected), `${who.user.login} q=${q}`);
        assert.equal(mine.total, expected.length);
      }
    }
  });

  test('q= of one or two characters: a contained match (the bigram index), kept through a rename', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: 'Smith 鷗太', kana: 'スミス オウタ' })), 201);
    const found = async (q) => ids(ok(await sato.get(`${API}/persons?per_page=200&q=${encodeURIComponent(q)}`)).items).includes(p.id);
    // two characters anywhere (Latin case-insensitive, hiragana as katakana); one character, also the last
    for (const q of ['SM', 'th', 'ミス', 'みす', '鷗太', 'ウタ', '鷗', '太', 'タ', 'h', 'S'])
      assert.ok(await found(q), `found by ${q}`);
    for (const q of ['hS', 'スオ', '太郎', 'ミミ', 'z']) assert.ok(!(await found(q)), `not found by ${q}`);
    // the total is the number of persons containing it, exactly as a scan would count
    const everyone = (await allPages(chief, `${API}/persons`)).items;
    for (const q of ['ミ', 'タロ', 'ス']) {
      const r = ok(await chief.get(`${API}/persons?per_page=200&q=${encodeURIComponent(q)}`));
      const want = everyone.filter((x) => x.name.toLowerCase().includes(q.toLowerCase()) || x.kana.includes(q));
      assert.equal(r.total, want.length, q);
      assert.deepEqual(ids(r.items), ids(want), q);
    }
    ok(await sato.patch(`${API}/persons/${p.id}`, { name: 'Jones 鷗太', kana: 'ジョーンズ オウタ' }));
    assert.ok(!(await found('sm')), 'the old name is gone from the index');
    assert.ok(!(await found('ミス')), 'the old kana is gone from the index');
    assert.ok(await found('jo'), 'the new name is in the index');
    assert.ok(await found('ーン'), 'the new kana is in the index');
    // three characters and more: the trigram index (persons_fts), rewritten with the name
    assert.ok(!(await found('smith')), 'the old name is gone from the trigram index');
    assert.ok(await found('jones'), 'the new name is in the trigram index');
    assert.ok(await found('ジョーンズ'), 'the new kana is in the trigram index');
    // a write that keeps the name (the address) keeps the person findable by it
    ok(await sato.patch(`${API}/persons/${p.id}`, { address: '東京都港区1-2-3' }));
    for (const q of ['jones', 'jo', 'ーン', '鷗']) assert.ok(await found(q), `still found by ${q}`);
    // another specialist's search never shows the person (scope in the same SQL)
    assert.ok(!ids(ok(await suzuki.get(`${API}/persons?per_page=200&q=jo`)).items).includes(p.id));
  });

  test('q= with no match, and LIKE wildcards are taken literally', async () => {
    assert.equal(ok(await chief.get(`${API}/persons?q=${encodeURIComponent('存在しない名前')}`)).total, 0);
    assert.equal(ok(await chief.get(`${API}/persons?q=${encodeURIComponent('%')}`)).total, 0);
    assert.equal(ok(await chief.get(`${API}/persons?q=_`)).total, 0);
  });

  test('q= over 100 characters → 400 field q', async () => {
    assertError(await chief.get(`${API}/persons?q=${encodeURIComponent('あ'.repeat(101))}`), 400, 'validation', 'q');
  });
});

describe('paging', () => {
  test('page/per_page/total: pages partition the list in a stable order', async () => {
    const whole = ok(await chief.get(`${API}/persons?per_page=200`));
    assert.equal(whole.page, 1);
    assert.equal(whole.per_page, 200);
    const seen = [];
    const pages = Math.ceil(whole.total / 7);
    for (let page = 1; page <= pages; page++) {
      const r = ok(await chief.get(`${API}/persons?page=${page}&per_page=7`));
      assert.equal(r.page, page);
      assert.equal(r.per_page, 7);
      assert.equal(r.total, whole.total);
      assert.equal(r.items.length, page < pages ? 7 : whole.total - 7 * (pages - 1));
      seen.push(...r.items.map((p) => p.id));
    }
    assert.equal(new Set(seen).size, seen.length, 'no person on two pages');
    assert.deepEqual(seen, whole.items.map((p) => p.id), 'same order as one big page');
    const beyond = ok(await chief.get(`${API}/persons?page=${pages + 1}&per_page=7`));
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, whole.total);
  });

  test('default per_page is 50', async () => {
    const r = ok(await chief.get(`${API}/persons`));
    assert.equal(r.page, 1);
    assert.equal(r.per_page, 50);
    assert.ok(r.items.length <= 50);
  });

  test('page 0, per_page 0, non-numbers → 400 on that parameter; per_page over 200 is refused or capped', async () => {
    assertError(await chief.get(`${API}/persons?page=0`), 400, 'validation', 'page');
    assertError(await chief.get(`${API}/persons?per_page=0`), 400, 'validation', 'per_page');
    assertError(await chief.get(`${API}/persons?page=abc`), 400, 'validation', 'page');
    const r = await chief.get(`${API}/persons?per_page=201`);
    if (r.status === 200) assert.ok(r.body.per_page <= 200 && r.body.items.length <= 200);
    else assertError(r, 400, 'validation', 'per_page');
  });
});

describe('update', () => {
  test('PATCH is a partial update: other fields are kept', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '部分 更新', notes: '元のメモ' })), 201);
    const patched = ok(await sato.patch(`${API}/persons/${p.id}`, { phone: '090-1234-5678' }));
    assert.equal(patched.phone, '090-1234-5678');
    const { phone: _a, updated_at: _b, ...rest } = patched;
    const { phone: _c, updated_at: _d, ...restBefore } = p;
    assert.deepEqual(rest, restBefore);
    const again = ok(await sato.get(`${API}/persons/${p.id}`));
    assert.deepEqual(again, patched);
    // An empty PATCH changes nothing.
    const { updated_at: _e, ...same } = ok(await sato.patch(`${API}/persons/${p.id}`, {}));
    const { updated_at: _f, ...prev } = patched;
    assert.deepEqual(same, prev);
  });

  test('PATCH kana in hiragana is stored as katakana; support_level accepts an integer', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody()), 201);
    const patched = ok(await sato.patch(`${API}/persons/${p.id}`, { kana: 'へんこう ごう', support_level: 5 }));
    assert.equal(patched.kana, 'ヘンコウ ゴウ');
    assert.equal(patched.support_level, '5');
  });

  test('disability_kinds given twice → 400 or stored once (OpenAPI: uniqueItems)', async () => {
    const res = await sato.post(`${API}/persons`, personBody({ disability_kinds: ['知的', '知的', '精神'] }));
    if (res.status === 201) assert.deepEqual(res.body.disability_kinds, ['知的', '精神']);
    else assertError(res, 400, 'validation', 'disability_kinds');
  });

  test('PATCH of an unknown person → 404', async () => {
    assertError(await sato.patch(`${API}/persons/99999999`, { notes: 'x' }), 404, 'not_found');
  });
});

describe('Japanese text', () => {
  test('emoji, rare kanji (𠮷, 𡈽) and long marks round-trip unchanged through POST, GET, PATCH and search', async () => {
    const body = personBody({
      name: '𠮷野 𡈽子😀',
      kana: 'ヨシノ ツチコ',
      address: '架空県つなぐ市髙島町１－２－３ 🏠 〒１２３',
      wishes: '好きな音楽🎵を聴いて、家族👨‍👩‍👧と暮らしたい。\n「ゆっくり」話してほしい。',
      notes: '旧字体：髙・﨑・德　全角スペース　と半角カナ ｱｲｳ',
      contacts: [{ role: 'guardian', name: '𠮷野 一郎', relation: '父', phone: '000-0000-0001' }],
    });
    const created = ok(await sato.post(`${API}/persons`, body), 201);
    for (const k of ['name', 'kana', 'address', 'wishes', 'notes']) assert.equal(created[k], body[k], k);
    assert.deepEqual(created.contacts, body.contacts);
    const got = ok(await sato.get(`${API}/persons/${created.id}`));
    for (const k of ['name', 'kana', 'address', 'wishes', 'notes']) assert.equal(got[k], body[k], k);
    assert.deepEqual(got.contacts, body.contacts);
    const found = ok(await sato.get(`${API}/persons?q=${encodeURIComponent('𠮷野')}`));
    assert.ok(found.items.some((p) => p.id === created.id && p.name === body.name));
    const patched = ok(await sato.patch(`${API}/persons/${created.id}`, { name: '𠮷田 🌸' }));
    assert.equal(patched.name, '𠮷田 🌸');
  });

  test('length limits count characters, not bytes: 100 × 𠮷 is a valid name, 101 is not', async () => {
    ok(await sato.post(`${API}/persons`, personBody({ name: '𠮷'.repeat(100) })), 201);
    assertError(await sato.post(`${API}/persons`, personBody({ name: '𠮷'.repeat(101) })), 400, 'validation', 'name');
  });
});

describe('assignees', () => {
  test('PUT /persons/{id}/assignees by the chief moves a person from sato to suzuki', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '担当 変更' })), 201);
    const moved = ok(await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: [suzuki.user.id] }));
    assert.deepEqual(moved.assignees.map((a) => a.id), [suzuki.user.id]);
    assertError(await sato.get(`${API}/persons/${p.id}`), 404, 'not_found');
    const seen = ok(await suzuki.get(`${API}/persons/${p.id}`));
    assert.deepEqual(seen.assignees.map((a) => a.id), [suzuki.user.id]);
    assert.ok(!ids((await allPages(sato, `${API}/persons`)).items).includes(p.id));
    assert.ok(ids((await allPages(suzuki, `${API}/persons`)).items).includes(p.id));
    // Two assignees: both see it.
    ok(await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: [sato.user.id, suzuki.user.id] }));
    ok(await sato.get(`${API}/persons/${p.id}`));
    ok(await suzuki.get(`${API}/persons/${p.id}`));
    // None: only the chief sees it.
    ok(await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: [] }));
    assertError(await sato.get(`${API}/persons/${p.id}`), 404, 'not_found');
    assertError(await suzuki.get(`${API}/persons/${p.id}`), 404, 'not_found');
    ok(await chief.get(`${API}/persons/${p.id}`));
  });

  test('PUT assignees by a specialist → 403 forbidden, even for their own person; nothing changes', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody()), 201);
    assertError(await sato.put(`${API}/persons/${p.id}/assignees`, { user_ids: [suzuki.user.id] }), 403, 'forbidden');
    assert.deepEqual(ok(await sato.get(`${API}/persons/${p.id}`)).assignees.map((a) => a.id), [sato.user.id]);
  });

  test('PUT assignees with the same user twice → 200 with one assignee (or 400), never 500', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody()), 201);
    const res = await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: [suzuki.user.id, suzuki.user.id] });
    if (res.status === 200) assert.deepEqual(res.body.assignees.map((a) => a.id), [suzuki.user.id]);
    else assertError(res, 400, 'validation', 'user_ids[1]');
    const now = ok(await chief.get(`${API}/persons/${p.id}`));
    assert.deepEqual(now.assignees.map((a) => a.id), res.status === 200 ? [suzuki.user.id] : [sato.user.id]);
  });

  test('PUT assignees: an admin or unknown user id → 400 on user_ids[i]; an unknown person → 404', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody()), 201);
    assertError(await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: [admin.user.id] }), 400, 'validation', 'user_ids[0]');
    assertError(await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: [sato.user.id, 999999] }), 400, 'validation', 'user_ids[1]');
    assertError(await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: ['x'] }), 400, 'validation', 'user_ids[0]');
    assertError(await chief.put(`${API}/persons/${p.id}/assignees`, {}), 400, 'validation', 'user_ids');
    assert.deepEqual(ok(await sato.get(`${API}/persons/${p.id}`)).assignees.map((a) => a.id), [sato.user.id]);
    assertError(await chief.put(`${API}/persons/99999999/assignees`, { user_ids: [sato.user.id] }), 404, 'not_found');
  });
});
