// Anonymised case reports (事例報告, issue 15): a draft from the person's records with nothing that
// identifies them; PATCH and approve refuse a text that still does (409 not_anonymised, naming the
// kinds found but never the values); scope (404), who may edit and approve (four eyes with two
// chiefs); export only once approved (Markdown, A4 print); the per-specialist count against 3 a year.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  assertError,
  auditRows,
  cleanup,
  createUser,
  ok,
  personBody,
  signedIn,
  startDemoOffice,
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

const call = (...args) => R.call(...args);
const CREATE = `${API}/persons/{id}/case-reports`;
const LIST = `${API}/case-reports`;
const COUNTS = `${API}/case-reports/counts`;
const ONE = `${API}/case-reports/{rid}`;
const APPROVE = `${API}/case-reports/{rid}/approve`;
const MARKDOWN = `${API}/case-reports/{rid}/markdown`;
const PRINT = '/print/case-reports/{rid}';

const PERSON = {
  name: '匿名 一郎',
  kana: 'トクメイ イチロウ',
  birth_date: '1988-07-21',
  address: '架空県つなぐ市みどり町3-14-15',
  phone: '090-4321-8765',
  certificate_number: '9900004321',
  contacts: [{ role: 'family', name: '匿名 春子', relation: '母', phone: '080-1111-9999' }],
  wishes: '一郎として、みどり町で一人暮らしがしたい。',
};

/** A person of sato with a note that names them, their mother, a phone number and dates. */
async function personWithRecords() {
  const p = ok(await sato.post(`${API}/persons`, personBody(PERSON)), 201);
  ok(
    await sato.post(`${API}/persons/${p.id}/notes`, {
      date: todayJst(),
      contact_kind: 'visit',
      own_words: '一郎さんは「2026年4月1日から働きたい」と話した。',
      soap: { s: '', o: '', a: '母の匿名 春子さん（080-1111-9999）も同席。', p: '' },
      next_step: '就労先の見学',
    }),
    201,
  );
  return p;
}

describe('the demo office', () => {
  test('has an approved report and a draft of sato, the approved one clean and exportable', async () => {
    const list = ok(await call(chief, 'GET', LIST, {}));
    const statuses = list.items.map((r) => r.status).sort();
    assert.deepEqual(statuses, ['approved', 'draft']);
    for (const item of list.items) {
      const r = ok(await call(chief, 'GET', ONE, { rid: item.id }));
      assert.equal(r.author_id, sato.user.id);
      assert.deepEqual(r.findings, [], `${r.title}: ${JSON.stringify(r.findings)}\n${r.text}`);
    }
    const approved = list.items.find((r) => r.status === 'approved');
    assert.equal((await call(chief, 'GET', MARKDOWN, { rid: approved.id })).status, 200);
  });
});

describe('drafting from the records', () => {
  let person;
  let report;
  before(async () => {
    person = await personWithRecords();
  });

  test('POST builds an anonymised draft (201) with no findings', async () => {
    report = ok(await call(sato, 'POST', CREATE, { id: person.id }, {}), 201);
    assert.equal(report.status, 'draft');
    assert.equal(report.person_id, person.id);
    for (const secret of ['匿名', '一郎', 'トクメイ', '春子', '090-4321-8765', '080-1111-9999', '9900004321', 'みどり町3-14-15', '1988', '2026年4月1日'])
      assert.ok(!report.text.includes(secret), `draft still contains ${secret}:\n${report.text}`);
    assert.match(report.text, /Aさん/);
    assert.match(report.text, /35〜39歳|30〜34歳|40〜44歳/);
    assert.match(report.text, /支援開始\d+か月目/);
    assert.deepEqual(report.findings, []);
  });

  test('the reads of the source person are audited', async () => {
    const rows = await auditRows(chief, person.id);
    assert.ok(rows.some((r) => r.entity === 'case_report_source' && r.action === 'read'), JSON.stringify(rows.slice(0, 5)));
    assert.ok(rows.some((r) => r.entity === 'case_report' && r.action === 'create'));
  });

  test('PATCH refuses a text that names the person: 409 not_anonymised naming the kinds only', async () => {
    const cases = [
      ['匿名さんは', '姓'],
      ['一郎は', '名'],
      ['トクメイ', 'フリガナ'],
      ['母の春子', '家族'],
      ['連絡先 090-4321-8765', '電話番号'],
      ['〒123-4567', '郵便番号'],
      ['みどり町3-14-15', '住所'],
      ['番号 9900004321', '受給者証番号'],
      ['1988年7月21日生まれ', '生年月日'],
      ['2026-04-01に訪問', '日付'],
    ];
    for (const [text, label] of cases) {
      const e = assertError(await call(sato, 'PATCH', ONE, { rid: report.id }, { text: `${report.text}\n${text}` }), 409, 'not_anonymised', 'text');
      assert.ok(e.message.includes(label), `${text}: ${e.message}`);
      assert.ok(!e.message.includes(text), `the message carries the value: ${e.message}`);
    }
    const now = ok(await call(sato, 'GET', ONE, { rid: report.id }));
    assert.equal(now.text, report.text, 'a refused PATCH changes nothing');
  });

  test('PATCH saves an anonymised text; validation names the field', async () => {
    const text = `${report.text}\n考察：Aさんの言葉から支援を組み立てた。`;
    const saved = ok(await call(sato, 'PATCH', ONE, { rid: report.id }, { text, title: '就労への一歩' }));
    assert.equal(saved.text, text);
    assert.equal(saved.title, '就労への一歩');
    assertError(await call(sato, 'PATCH', ONE, { rid: report.id }, { text: '' }), 400, 'validation', 'text');
    assertError(await call(sato, 'PATCH', ONE, { rid: report.id }, { text: 'x', extra: 1 }), 400, 'unknown_field', 'extra');
    report = saved;
  });

  test('scope: another specialist gets 404, an admin 403', async () => {
    assertError(await call(suzuki, 'GET', ONE, { rid: report.id }), 404, 'not_found');
    assertError(await call(suzuki, 'PATCH', ONE, { rid: report.id }, { text: 'x' }), 404, 'not_found');
    assertError(await call(suzuki, 'POST', CREATE, { id: person.id }, {}), 404, 'not_found');
    assertError(await call(suzuki, 'POST', APPROVE, { rid: report.id }), 404, 'not_found');
    assertError(await call(admin, 'GET', ONE, { rid: report.id }), 403, 'forbidden');
    assertError(await call(sato, 'GET', ONE, { rid: 999999 }), 404, 'not_found');
    const theirs = ok(await call(suzuki, 'GET', LIST, { query: { per_page: 200 } }));
    assert.ok(!theirs.items.some((r) => r.id === report.id));
    const mine = ok(await call(sato, 'GET', LIST, { query: { person_id: person.id } }));
    assert.deepEqual(mine.items.map((r) => r.id), [report.id]);
    assert.equal(mine.items[0].text, undefined, 'a list carries no text');
    assertError(await call(suzuki, 'GET', LIST, { query: { person_id: person.id } }), 404, 'not_found');
  });

  test('export needs approval: 409 not_approved for a draft', async () => {
    assertError(await call(sato, 'GET', MARKDOWN, { rid: report.id }), 409, 'not_approved');
    assertError(await call(sato, 'GET', PRINT, { rid: report.id }), 409, 'not_approved');
  });

  test('a specialist cannot approve; a chief cannot approve a text that identifies the person', async () => {
    assertError(await call(sato, 'POST', APPROVE, { rid: report.id }), 403, 'forbidden');
    // The checker runs again on approve, with the person's data as it is now: a new contact whose
    // given name (考察) is a word of the saved text makes it identifying.
    const p = ok(await sato.get(`${API}/persons/${person.id}`));
    ok(await sato.patch(`${API}/persons/${person.id}`, { contacts: [...p.contacts, { role: 'other', name: '記録 考察', relation: '支援者', phone: '' }] }));
    const got = ok(await call(chief, 'GET', ONE, { rid: report.id }));
    assert.deepEqual(got.findings.map((f) => f.kind), ['other_name']);
    const e = assertError(await call(chief, 'POST', APPROVE, { rid: report.id }), 409, 'not_anonymised', 'text');
    assert.ok(e.message.includes('家族'), e.message);
    ok(await sato.patch(`${API}/persons/${person.id}`, { contacts: p.contacts }));
  });

  test('a chief approves; then it is read-only and exports as Markdown and A4 HTML', async () => {
    const approved = ok(await call(chief, 'POST', APPROVE, { rid: report.id }));
    assert.equal(approved.status, 'approved');
    assert.equal(approved.approved_by, chief.user.id);
    assert.equal(approved.approved_on, todayJst());
    assertError(await call(chief, 'POST', APPROVE, { rid: report.id }), 409, 'case_report_approved');
    assertError(await call(sato, 'PATCH', ONE, { rid: report.id }, { text: 'Aさん' }), 409, 'case_report_approved');
    const md = await call(sato, 'GET', MARKDOWN, { rid: report.id });
    assert.equal(md.status, 200);
    assert.match(md.headers['content-type'], /text\/markdown/);
    assert.equal(md.text, report.text);
    const html = await call(sato, 'GET', PRINT, { rid: report.id });
    assert.equal(html.status, 200);
    assert.match(html.headers['content-type'], /text\/html/);
    assert.match(html.text, /事例報告/);
    assert.ok(!html.text.includes('匿名'));
    const rows = await auditRows(chief, person.id);
    for (const action of ['approve', 'export', 'print'])
      assert.ok(rows.some((r) => r.entity === 'case_report' && r.action === action), action);
  });
});

describe('approval rules and counts', () => {
  test('a chief cannot approve their own report when the office has another chief', async () => {
    const p = ok(await chief.post(`${API}/persons`, personBody({ name: '承認 二郎', kana: 'ショウニン ジロウ' })), 201);
    const mine = ok(await call(chief, 'POST', CREATE, { id: p.id }, { title: '管理者の事例' }), 201);
    const second = await createUser(chief, { role: 'chief', name: '試験 次長' });
    const other = await signedIn(server, second.login, second.password);
    assertError(await call(chief, 'POST', APPROVE, { rid: mine.id }), 409, 'own_request');
    ok(await call(other, 'POST', APPROVE, { rid: mine.id }));
  });

  test('the title is checked too; an unknown person is 404', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '表題 三郎', kana: 'ヒョウダイ サブロウ' })), 201);
    assertError(await call(sato, 'POST', CREATE, { id: p.id }, { title: '三郎さんの事例' }), 409, 'not_anonymised', 'title');
    assertError(await call(sato, 'POST', CREATE, { id: 999999 }, {}), 404, 'not_found');
    assertError(await call(sato, 'POST', CREATE, { id: p.id }, { title: 5 }), 400, 'validation', 'title');
  });

  test('counts per specialist against 3 a year (a specialist sees their own)', async () => {
    const all = ok(await call(chief, 'GET', COUNTS, {}));
    assert.equal(all.target, 3);
    const s = all.items.find((i) => i.user_id === sato.user.id);
    assert.ok(s && s.approved >= 1, JSON.stringify(all.items));
    assert.ok(all.items.length >= 3);
    const own = ok(await call(sato, 'GET', COUNTS, {}));
    assert.deepEqual(own.items.map((i) => i.user_id), [sato.user.id]);
    assertError(await call(chief, 'GET', COUNTS, { query: { fiscal_year: '26' } }), 400, 'validation', 'fiscal_year');
    const past = ok(await call(chief, 'GET', COUNTS, { query: { fiscal_year: '2001' } }));
    assert.ok(past.items.every((i) => i.approved === 0 && i.drafts === 0));
    assertError(await call(admin, 'GET', COUNTS, {}), 403, 'forbidden');
  });

  test('every response conformed to the OpenAPI document', () => {
    assert.deepEqual(R.report(), []);
  });
});
