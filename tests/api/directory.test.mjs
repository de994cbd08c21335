// 関係機関名簿: CRUD with filters, contacts and the layer cadences (core 7 / cross_sector 31 /
// community 92 days), office-level alerts, weak ties, CSV export/import (UTF-8, BOM, Shift_JIS),
// and tenancy (another office's entries are 404).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, API, ENV, assertError, cleanup, ok, signedIn, startServer } from './lib/harness.mjs';

let server;
let sato;
let chief;
let admin;
let other; // chief of a second office with an empty directory

const DAY = 86400 * 1000;
const jst = (offsetDays = 0, shiftSeconds = 0) =>
  new Date(Date.now() + shiftSeconds * 1000 + 9 * 3600 * 1000 + offsetDays * DAY).toISOString().slice(0, 10);

const entry = (over = {}) => ({
  name: `試験機関 ${Math.random().toString(36).slice(2, 8)}`,
  kind: 'agency',
  sector: 'medical',
  layer: 'cross_sector',
  address: '架空県つなぐ市2丁目',
  phone: '0120-111-222',
  entry_contact: { name: '入口 一郎', phone: '0120-111-223', email: 'iriguchi@example.jp' },
  contact_sop: { whom: '地域連携室', within_hours: 24, medium: '電話' },
  people: [{ name: '連携 花子', role: 'MSW', phone: '', email: '' }],
  notes: '平日のみ',
  ...over,
});

async function newOfficeChief(name) {
  const office = ok(await admin.post(`${API}/offices`, { name }), 201);
  const login = `dir${process.pid}${Math.random().toString(36).slice(2, 6)}`;
  await createUser(admin, { login, name: '別 主任', role: 'chief', office_id: office.id });
  return signedIn(server, login, 'Kirin-Sora-7742!');
}

before(async () => {
  server = await startServer();
  [sato, chief, admin] = await Promise.all(['sato', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
  other = await newOfficeChief('名簿 別事業所');
});
after(cleanup);

describe('directory entries', () => {
  test('create → 201 with derived fields; get, patch, list with filters', async () => {
    const e = ok(await sato.post(`${API}/directory`, entry({ name: 'つなぐ試験病院', sector: '医療', layer: '横断層' })), 201);
    assert.equal(e.sector, 'medical'); // Japanese names are stored as codes
    assert.equal(e.layer, 'cross_sector');
    assert.equal(e.last_contact_on, null);
    assert.equal(e.contact_due_on, jst(31)); // never contacted: registration + 31 days
    assert.equal(e.contact_overdue, false);
    assert.equal(e.active, true);
    assert.deepEqual(e.entry_contact, { name: '入口 一郎', phone: '0120-111-223', email: 'iriguchi@example.jp' });
    assert.equal(e.contact_sop.within_hours, 24);

    assert.equal(ok(await chief.get(`${API}/directory/${e.id}`)).name, 'つなぐ試験病院');
    const patched = ok(await chief.patch(`${API}/directory/${e.id}`, { layer: 'core', notes: '土曜も可' }));
    assert.equal(patched.layer, 'core');
    assert.equal(patched.contact_due_on, jst(7));
    assert.equal(patched.notes, '土曜も可');
    assert.equal(patched.phone, '0120-111-222'); // untouched

    const byName = ok(await sato.get(`${API}/directory?q=${encodeURIComponent('試験病院')}`));
    assert.deepEqual(byName.items.map((x) => x.id), [e.id]);
    assert.equal(byName.page, 1);
    assert.equal(byName.per_page, 50);
    const medical = ok(await sato.get(`${API}/directory?sector=medical&layer=core`));
    assert.ok(medical.items.every((x) => x.sector === 'medical' && x.layer === 'core'));
    assert.ok(medical.items.some((x) => x.id === e.id));
    assert.equal(ok(await sato.get(`${API}/directory?sector=education&q=${encodeURIComponent('試験病院')}`)).total, 0);
    const paged = ok(await sato.get(`${API}/directory?per_page=2&page=2`));
    assert.equal(paged.items.length, 2);
    assert.ok(paged.total >= 13);
  });

  test('refusals: validation names the field, duplicate name 409, bad filters 400, admin 403', async () => {
    assertError(await sato.post(`${API}/directory`, entry({ name: '' })), 400, 'validation', 'name');
    assertError(await sato.post(`${API}/directory`, entry({ sector: 'space' })), 400, 'validation', 'sector');
    assertError(await sato.post(`${API}/directory`, entry({ layer: 'weekly' })), 400, 'validation', 'layer');
    assertError(await sato.post(`${API}/directory`, entry({ kind: 'x' })), 400, 'validation', 'kind');
    assertError(await sato.post(`${API}/directory`, entry({ people: [{ role: 'x' }] })), 400, 'validation', 'people[0].name');
    assertError(await sato.post(`${API}/directory`, entry({ entry_contact: { email: 'no-at' } })), 400, 'validation', 'entry_contact.email');
    assertError(await sato.post(`${API}/directory`, entry({ service_kinds: ['zzz_unknown'] })), 400, 'validation', 'service_kinds[0]');
    const e = ok(await sato.post(`${API}/directory`, entry({ name: '重複 確認' })), 201);
    assertError(await sato.post(`${API}/directory`, entry({ name: '重複 確認' })), 409, 'directory_name_taken');
    const e2 = ok(await sato.post(`${API}/directory`, entry({ name: '重複 確認2' })), 201);
    assertError(await sato.patch(`${API}/directory/${e2.id}`, { name: '重複 確認' }), 409, 'directory_name_taken');
    assertError(await sato.get(`${API}/directory?sector=space`), 400, 'validation', 'sector');
    assertError(await sato.get(`${API}/directory?overdue=yes`), 400, 'validation', 'overdue');
    assertError(await sato.get(`${API}/directory?per_page=201`), 400, 'validation', 'per_page');
    assertError(await admin.get(`${API}/directory`), 403, 'forbidden');
    assertError(await admin.get(`${API}/directory/${e.id}`), 403, 'forbidden');
    assertError(await sato.get(`${API}/directory/99999999`), 404, 'not_found');
  });

  test("another office's entries are 404 and never listed", async () => {
    const e = ok(await sato.post(`${API}/directory`, entry({ name: '他事業所から見えない機関' })), 201);
    assertError(await other.get(`${API}/directory/${e.id}`), 404, 'not_found');
    assertError(await other.patch(`${API}/directory/${e.id}`, { notes: 'x' }), 404, 'not_found');
    assertError(await other.post(`${API}/directory/${e.id}/contacts`, { date: jst(), kind: 'phone' }), 404, 'not_found');
    assertError(await other.get(`${API}/directory/${e.id}/contacts`), 404, 'not_found');
    assert.equal(ok(await other.get(`${API}/directory?q=${encodeURIComponent('見えない')}`)).total, 0);
    assertError(await other.put(`${API}/users/me/weak-ties`, { items: [{ directory_id: e.id }] }), 400, 'validation', 'items[0].directory_id');
  });
});

describe('contacts and cadences', () => {
  test('a contact updates last_contact_on; the due date follows the layer; overdue after it', async () => {
    const office = await newOfficeChief('名簿 周期確認');
    const mk = async (name, layer, daysAgo) => {
      const e = ok(await office.post(`${API}/directory`, entry({ name, layer })), 201);
      const c = ok(await office.post(`${API}/directory/${e.id}/contacts`, { date: jst(-daysAgo), kind: 'visit', summary: '定例' }), 201);
      assert.equal(c.user_id, office.user.id);
      return ok(await office.get(`${API}/directory/${e.id}`));
    };
    const cases = [
      ['コア 期限当日', 'core', 7, false],
      ['コア 期限切れ', 'core', 8, true],
      ['横断 期限当日', 'cross_sector', 31, false],
      ['横断 期限切れ', 'cross_sector', 32, true],
      ['地域 期限当日', 'community', 92, false],
      ['地域 期限切れ', 'community', 93, true],
    ];
    const ids = {};
    for (const [name, layer, daysAgo, overdue] of cases) {
      const e = await mk(name, layer, daysAgo);
      ids[name] = e.id;
      assert.equal(e.last_contact_on, jst(-daysAgo), name);
      assert.equal(e.contact_overdue, overdue, name);
    }
    // An earlier contact recorded late does not move the last contact back.
    const late = ok(await office.post(`${API}/directory/${ids['コア 期限当日']}/contacts`, { date: jst(-20), kind: 'phone' }), 201);
    assert.equal(late.date, jst(-20));
    assert.equal(ok(await office.get(`${API}/directory/${ids['コア 期限当日']}`)).last_contact_on, jst(-7));
    const contacts = ok(await office.get(`${API}/directory/${ids['コア 期限当日']}/contacts`));
    assert.equal(contacts.total, 2);
    assert.deepEqual(contacts.items.map((c) => c.date), [jst(-7), jst(-20)]);
    assert.equal(contacts.items[0].user_name, '別 主任');

    const overdue = ok(await office.get(`${API}/directory?overdue=true`));
    assert.deepEqual(overdue.items.map((e) => e.name).sort(), ['コア 期限切れ', '地域 期限切れ', '横断 期限切れ'].sort());
    const alerts = ok(await office.get(`${API}/alerts?kind=directory_contact_due`));
    assert.deepEqual(alerts.items.map((a) => a.entity_id).sort(), [ids['コア 期限切れ'], ids['横断 期限切れ'], ids['地域 期限切れ']].sort());
    for (const a of alerts.items) {
      assert.equal(a.person_id, null);
      assert.equal(a.entity, 'directory');
      assert.ok(a.days_left < 0);
    }
    // An inactive entry is never overdue.
    ok(await office.patch(`${API}/directory/${ids['コア 期限切れ']}`, { active: false }));
    assert.equal(ok(await office.get(`${API}/directory?overdue=true`)).total, 2);

    // Refusals of a contact.
    const id = ids['コア 期限当日'];
    assertError(await office.post(`${API}/directory/${id}/contacts`, { date: jst(1), kind: 'visit' }), 400, 'validation', 'date');
    assertError(await office.post(`${API}/directory/${id}/contacts`, { date: jst(), kind: 'fax' }), 400, 'validation', 'kind');
    assertError(await office.post(`${API}/directory/${id}/contacts`, { date: jst(), kind: 'visit', user_id: sato.user.id }), 400, 'validation', 'user_id');
  });

  test('with the server clock moved on (TSUNAGU_TIME_OFFSET), entries become overdue', async () => {
    const s1 = await startServer();
    const c1 = await signedIn(s1, 'tanaka');
    const e = ok(await c1.post(`${API}/directory`, entry({ name: '時計 確認', layer: 'core' })), 201);
    ok(await c1.post(`${API}/directory/${e.id}/contacts`, { date: jst(), kind: 'meeting' }), 201);
    assert.equal(ok(await c1.get(`${API}/directory/${e.id}`)).contact_overdue, false);
    await s1.stop();
    const shift = 8 * 86400;
    const s2 = await startServer({ data: s1.data, env: { ...ENV, TSUNAGU_TIME_OFFSET: String(shift) } });
    const c2 = await signedIn(s2, 'tanaka');
    const later = ok(await c2.get(`${API}/directory/${e.id}`));
    assert.equal(later.contact_due_on, jst(7));
    assert.equal(later.contact_overdue, true);
    const alerts = ok(await c2.get(`${API}/alerts?kind=directory_contact_due`));
    assert.ok(alerts.items.some((a) => a.entity_id === e.id && a.days_left === -1));
    await s2.stop();
  });
});

describe('weak ties', () => {
  test('PUT replaces (≤10), names come from the directory, review alert after 6 months', async () => {
    const list = ok(await sato.get(`${API}/directory?layer=community`));
    const target = list.items[0];
    const put = ok(
      await sato.put(`${API}/users/me/weak-ties`, {
        items: [
          { directory_id: target.id, why: '地域の見守り', reviewed_on: jst(-200) },
          { name: '商店街 会長（架空）', why: '居場所づくり', reviewed_on: jst(-190) },
        ],
      }),
    );
    assert.equal(put.total, 2);
    assert.equal(put.items[0].name, target.name);
    assert.equal(put.items[1].directory_id, null);
    assert.equal(put.review_overdue, true);
    const alerts = ok(await sato.get(`${API}/alerts?kind=weak_ties_review`));
    assert.equal(alerts.items.length, 1);
    assert.equal(alerts.items[0].entity, 'user');
    assert.equal(alerts.items[0].person_id, null);
    // Reviewed today: no alert.
    ok(await sato.put(`${API}/users/me/weak-ties`, { items: [{ name: '商店街 会長（架空）', reviewed_on: jst() }] }));
    assert.equal(ok(await sato.get(`${API}/alerts?kind=weak_ties_review`)).items.length, 0);
    const got = ok(await sato.get(`${API}/users/me/weak-ties`));
    assert.equal(got.total, 1);
    assert.equal(got.review_overdue, false);
    // Each user has their own.
    assert.notEqual(ok(await chief.get(`${API}/users/me/weak-ties`)).total, 1);

    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `人 ${i}` }));
    assertError(await sato.put(`${API}/users/me/weak-ties`, { items: eleven }), 400, 'validation', 'items');
    assertError(await sato.put(`${API}/users/me/weak-ties`, { items: [{ why: '名前なし' }] }), 400, 'validation', 'items[0].name');
    assertError(await sato.put(`${API}/users/me/weak-ties`, { items: [{ name: 'x', reviewed_on: '2026-02-30' }] }), 400, 'validation', 'items[0].reviewed_on');
    assertError(await admin.get(`${API}/users/me/weak-ties`), 403, 'forbidden');
  });
});

describe('CSV export and import', () => {
  const csvPost = (client, body) =>
    client.request('POST', `${API}/directory/import`, { body, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });

  test('export (UTF-8 with BOM) → import into another office gives the same entries', async () => {
    ok(await sato.post(`${API}/directory`, entry({ name: '書き出し 確認', notes: 'カンマ, と "引用符" と\n改行', people: [{ name: 'A', role: 'B', phone: 'C', email: 'd@example.jp' }, { name: 'E', role: '', phone: '', email: '' }] })), 201);
    const res = await sato.get(`${API}/directory.csv`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition'], /attachment/);
    // The body's bytes (a text decoder would drop the BOM).
    const raw = Buffer.from(await (await fetch(`${server.url}${API}/directory.csv`, { headers: { Cookie: `tsunagu_session=${sato.cookie}` } })).arrayBuffer());
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(res.text.includes('名称,種別,分野,層'));

    const office = await newOfficeChief('名簿 取込先');
    const imported = ok(await csvPost(office, raw));
    const mine = ok(await sato.get(`${API}/directory?per_page=200`)).items;
    const theirs = ok(await office.get(`${API}/directory?per_page=200`)).items;
    assert.equal(imported.created, mine.length);
    assert.equal(imported.updated, 0);
    const strip = (e) => {
      const { id, created_at, updated_at, contact_due_on, contact_overdue, ...rest } = e;
      return rest;
    };
    assert.deepEqual(theirs.map(strip), mine.map(strip));
    // Importing the same file again updates in place.
    assert.deepEqual(ok(await csvPost(office, raw)), { created: 0, updated: mine.length, total: mine.length });
  });

  test('UTF-8 without BOM and Shift_JIS (as Excel saves it) import', async () => {
    const office = await newOfficeChief('名簿 文字コード');
    ok(await csvPost(office, Buffer.from('名称,種別,分野,層\r\nBOMなし 機関,機関,教育,コミュニティ層\r\n', 'utf8')));
    // 名称,種別,分野,層,備考 / テスト病院（SJIS）,機関,医療,横断層,受付 9時～17時 — in Shift_JIS (CP932).
    const sjis = Buffer.from(
      '96bc8fcc2c8eed95ca2c95aa96ec2c91772c94f58d6c0d0a836583588367956189408169534a4953816a2c8b408ad62c88e397c32c89a1926691772c8ef3957420398e9e816031378e9e0d0a',
      'hex',
    );
    assert.deepEqual(ok(await csvPost(office, sjis)), { created: 1, updated: 0, total: 1 });
    const items = ok(await office.get(`${API}/directory`)).items;
    const byName = Object.fromEntries(items.map((e) => [e.name, e]));
    assert.equal(byName['BOMなし 機関'].sector, 'education');
    assert.equal(byName['BOMなし 機関'].layer, 'community');
    const s = byName['テスト病院（SJIS）'];
    assert.ok(s, `imported names: ${Object.keys(byName)}`);
    assert.equal(s.sector, 'medical');
    assert.equal(s.layer, 'cross_sector');
    assert.equal(s.notes, '受付 9時～17時');
  });

  test('a bad row refuses the whole file, naming line and column; other refusals', async () => {
    const office = await newOfficeChief('名簿 不正行');
    const bad = '名称,種別,分野,層\r\n良い行,機関,医療,コア層\r\n悪い行,機関,宇宙,コア層\r\n';
    const err = assertError(await csvPost(office, Buffer.from(bad, 'utf8')), 400, 'validation', 'csv[3][3]');
    assert.match(err.message, /3行目/);
    assert.match(err.message, /3列目/);
    assert.equal(ok(await office.get(`${API}/directory`)).total, 0); // nothing imported
    // A quoted field with a line break shifts the line numbers of the rows after it.
    const multi = '名称,種別,分野,層,備考\n"複数行",機関,医療,コア層,"1行目\n2行目"\n次,機関,医療,層なし,\n';
    assertError(await csvPost(office, Buffer.from(multi, 'utf8')), 400, 'validation', 'csv[4][4]');
    assertError(await csvPost(office, Buffer.from('名称,謎の列\nA,B\n', 'utf8')), 400, 'validation', 'csv[1][2]');
    assertError(await csvPost(office, Buffer.from('名称,種別,分野,層\n"閉じない,機関,医療,コア層\n', 'utf8')), 400, 'validation', 'csv[2][1]');
    assertError(await csvPost(office, Buffer.from([0xff, 0xfe, 0xfd, 0x00])), 400, 'validation', 'csv');
    assert.equal(ok(await office.get(`${API}/directory`)).total, 0);
    // JSON is not CSV; CSV is not JSON.
    assertError(await office.post(`${API}/directory/import`, { a: 1 }), 415, 'unsupported_media_type');
    assertError(await office.request('POST', `${API}/directory`, { body: 'a,b', headers: { 'Content-Type': 'text/csv' } }), 415, 'unsupported_media_type');
    assertError(await admin.get(`${API}/directory.csv`), 403, 'forbidden');
  });
});
