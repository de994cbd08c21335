// Japanese full-text search (GET /api/v1/search): the entries, not just the persons. Normalised
// matching (NFKC, hiragana = katakana, case), 1- and 2-character queries, FTS operators and LIKE
// wildcards as plain text, snippets with code-point highlights, scope in results and totals, audit.
// The same file runs on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm): the same results on both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { API, assertError, auditRows, cleanup, ok, personBody, startDemoOffice, todayJst } from './lib/harness.mjs';

let server;
let R;
let sato;
let suzuki;
let chief;
let admin;
let person; // sato's
let notes; // by key

const SEARCH = `${API}/search`;
const call = (...args) => R.call(...args);

const noteBody = (own_words, over = {}) => ({
  date: todayJst(),
  contact_kind: 'visit',
  own_words,
  next_step: '次回も本人の話を聞く',
  ...over,
});

const TEXTS = {
  kanji: '今日はグループホームの見学に行った。夜間の不安が怖いと話す。',
  hiragana: 'ぐるーぷほーむの たいけんに いきたい。',
  halfwidth: 'ｼｮｰﾄｽﾃｲを利用した。ＡＢＣ作業所にも通う。',
  percent: '目標の達成率は100%になった。file_name と書かれた紙。',
  quote: '本人は "ありがとう" と言った。',
  operators: '選択肢は 自宅 OR 施設 と NEAR(駅) と *印 を書いた。',
};

before(async () => {
  ({ server, R, sato, suzuki, chief, admin } = await startDemoOffice());
  person = ok(await sato.post(`${API}/persons`, personBody({ name: '検索 確認' })), 201);
  notes = {};
  for (const [k, text] of Object.entries(TEXTS))
    notes[k] = ok(await sato.post(`${API}/persons/${person.id}/notes`, noteBody(text)), 201);
});
after(cleanup);

/** Search as `who` within the test person (unless `query.person_id` is given). */
async function find(q, who = sato, query = {}) {
  return ok(await call(who, 'GET', SEARCH, { query: { q, person_id: String(person.id), ...query } }));
}
const ids = (res) => res.items.map((i) => i.entity_id).sort((a, b) => a - b);
const idsOf = (...keys) => keys.map((k) => notes[k].id).sort((a, b) => a - b);
/** The highlighted substrings of an item (offsets in code points). */
const marked = (item) => item.highlights.map((h) => Array.from(item.snippet).slice(h.start, h.start + h.length).join(''));

describe('Japanese queries', () => {
  test('kanji: the entry, its person and a snippet with the match marked', async () => {
    const res = await find('見学');
    assert.deepEqual(ids(res), idsOf('kanji'));
    const item = res.items[0];
    assert.equal(item.kind, 'note');
    assert.equal(item.person_id, person.id);
    assert.equal(item.person_name, '検索 確認');
    assert.equal(item.date, todayJst());
    assert.ok(item.snippet.includes('見学'));
    assert.deepEqual(marked(item), ['見学']);
    assert.equal(res.total, 1);
  });

  test('hiragana and katakana find each other', async () => {
    const a = await find('グループホーム');
    assert.deepEqual(ids(a), idsOf('kanji', 'hiragana'));
    const b = await find('ぐるーぷほーむ');
    assert.deepEqual(ids(b), idsOf('kanji', 'hiragana'));
    const item = b.items.find((i) => i.entity_id === notes.kanji.id);
    assert.deepEqual(marked(item), ['グループホーム'], 'the text as written is marked');
  });

  test('half-width and full-width (NFKC) find each other; highlights cover the original characters', async () => {
    const a = await find('ショートステイ');
    assert.deepEqual(ids(a), idsOf('halfwidth'));
    assert.deepEqual(marked(a.items[0]), ['ｼｮｰﾄｽﾃｲ']);
    const b = await find('ｼｮｰﾄ');
    assert.deepEqual(ids(b), idsOf('halfwidth'));
    const c = await find('abc作業所');
    assert.deepEqual(ids(c), idsOf('halfwidth'));
    assert.deepEqual(marked(c.items[0]), ['ＡＢＣ作業所']);
  });

  test('1- and 2-character queries work (a scan of the scope)', async () => {
    assert.deepEqual(ids(await find('怖')), idsOf('kanji'));
    assert.deepEqual(ids(await find('夜間')), idsOf('kanji'));
    const one = await find('怖');
    assert.deepEqual(marked(one.items[0]), ['怖']);
  });

  test('% _ \\ are literal, not LIKE wildcards', async () => {
    assert.deepEqual(ids(await find('100%')), idsOf('percent'));
    assert.deepEqual(ids(await find('%')), idsOf('percent'));
    assert.deepEqual(ids(await find('_')), idsOf('percent'));
    assert.deepEqual(ids(await find('e_n')), idsOf('percent'));
    assert.deepEqual(ids(await find('0%に')), idsOf('percent'));
    assert.deepEqual(ids(await find('\\')), []);
    assert.deepEqual(ids(await find('%%%')), []);
  });

  test('double quotes and FTS operators (OR, NEAR, *) are plain text', async () => {
    assert.deepEqual(ids(await find('"ありがとう"')), idsOf('quote'));
    assert.deepEqual(ids(await find('"')), idsOf('quote'));
    assert.deepEqual(ids(await find('自宅 OR 施設')), idsOf('operators'));
    assert.deepEqual(ids(await find('見学 OR 体験')), [], 'OR is not an operator');
    assert.deepEqual(ids(await find('NEAR(駅)')), idsOf('operators'));
    assert.deepEqual(ids(await find('NEAR(見学 怖い)')), []);
    assert.deepEqual(ids(await find('*印')), idsOf('operators'));
    assert.deepEqual(ids(await find('見*')), []);
    assert.deepEqual(ids(await find('***')), []);
  });

  test('lower and upper case ASCII match', async () => {
    assert.deepEqual(ids(await find('near(駅)')), idsOf('operators'));
    assert.deepEqual(ids(await find('FILE_NAME')), idsOf('percent'));
  });
});

describe('index kept in step', () => {
  test('an edited note is found by its new text only; a correction is searchable', async () => {
    const n = ok(await sato.post(`${API}/persons/${person.id}/notes`, noteBody('最初の文章はりんご')), 201);
    assert.deepEqual(ids(await find('りんご')), [n.id]);
    ok(await sato.patch(`${API}/persons/${person.id}/notes/${n.id}`, { own_words: '書き直した文章はみかん' }));
    assert.deepEqual(ids(await find('りんご')), []);
    assert.deepEqual(ids(await find('ミカン')), [n.id]);
    ok(await sato.post(`${API}/persons/${person.id}/notes/${n.id}/corrections`, { text: '正しくはぶどう', reason: '誤記' }), 201);
    assert.deepEqual(ids(await find('ぶどう')), [n.id]);
  });

  test('assessments and plans are indexed too; kinds filters', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '種類 確認' })), 201);
    const a = ok(await sato.post(`${API}/persons/${p.id}/assessments`, { date: todayJst(), own_words: 'カブトムシを育てたい' }), 201);
    ok(await sato.post(`${API}/persons/${p.id}/notes`, noteBody('カブトムシの話をした')), 201);
    const both = await find('かぶとむし', sato, { person_id: String(p.id) });
    assert.equal(both.total, 2);
    const only = await find('かぶとむし', sato, { person_id: String(p.id), kinds: 'assessment' });
    assert.deepEqual(only.items.map((i) => [i.kind, i.entity_id]), [['assessment', a.id]]);
    const meeting = await find('かぶとむし', sato, { person_id: String(p.id), kinds: 'meeting,plan' });
    assert.equal(meeting.total, 0);
    assertError(await call(sato, 'GET', SEARCH, { query: { q: 'x', kinds: 'diary' } }), 400, 'validation', 'kinds');
  });
});

describe('scope, paging, refusals and audit', () => {
  test("a specialist never sees another's person in results or totals; the chief sees the office", async () => {
    const token = '鳳凰丸テスト';
    ok(await sato.post(`${API}/persons/${person.id}/notes`, noteBody(`${token}の記録`)), 201);
    for (const q of [token, '鳳凰', '鳳']) {
      const theirs = ok(await call(suzuki, 'GET', SEARCH, { query: { q } }));
      assert.equal(theirs.total, 0, q);
      assert.deepEqual(theirs.items, []);
      const mine = ok(await call(sato, 'GET', SEARCH, { query: { q } }));
      assert.equal(mine.total, 1, q);
      const office = ok(await call(chief, 'GET', SEARCH, { query: { q } }));
      assert.equal(office.total, 1, q);
    }
    // Naming a person outside one's scope: 404, as everywhere.
    assertError(await call(suzuki, 'GET', SEARCH, { query: { q: token, person_id: String(person.id) } }), 404, 'not_found');
    // The demo notes: suzuki's totals count only suzuki's persons.
    const all = ok(await call(chief, 'GET', SEARCH, { query: { q: '夜間', per_page: '200' } }));
    const su = ok(await call(suzuki, 'GET', SEARCH, { query: { q: '夜間', per_page: '200' } }));
    assert.ok(su.total > 0 && su.total < all.total);
    const suzukiPersons = new Set(ok(await suzuki.get(`${API}/persons?per_page=200`)).items.map((p) => p.id));
    assert.ok(su.items.every((i) => suzukiPersons.has(i.person_id)));
  });

  test('paged newest first with total, page, per_page', async () => {
    const res = ok(await call(chief, 'GET', SEARCH, { query: { q: '夜間', per_page: '3', page: '2' } }));
    assert.equal(res.page, 2);
    assert.equal(res.per_page, 3);
    assert.ok(res.total > 3);
    assert.ok(res.items.length <= 3);
    const first = ok(await call(chief, 'GET', SEARCH, { query: { q: '夜間', per_page: '200' } }));
    const dates = first.items.map((i) => i.date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.ok(first.items.every((i) => Array.from(i.snippet).length <= 160));
    // Every page reports the same total, the last and one past it too (PostgreSQL counts a small
    // office's matches beside its page's rows; a page past the last has none and is counted alone).
    assert.equal(res.total, first.total);
    const last = Math.ceil(first.total / 3);
    const lastPage = ok(await call(chief, 'GET', SEARCH, { query: { q: '夜間', per_page: '3', page: String(last) } }));
    assert.equal(lastPage.total, first.total);
    assert.equal(lastPage.items.length, first.total - 3 * (last - 1));
    const past = ok(await call(chief, 'GET', SEARCH, { query: { q: '夜間', per_page: '3', page: String(last + 1) } }));
    assert.equal(past.total, first.total);
    assert.deepEqual(past.items, []);
  });

  test('empty, too long or malformed queries are 400; admin 403', async () => {
    assertError(await call(sato, 'GET', SEARCH, { query: { q: '' } }), 400, 'validation', 'q');
    assertError(await call(sato, 'GET', SEARCH, { query: { q: '　 ' } }), 400, 'validation', 'q');
    assertError(await call(sato, 'GET', SEARCH, { query: { q: 'あ'.repeat(101) } }), 400, 'validation', 'q');
    assertError(await call(sato, 'GET', SEARCH, { query: { q: 'x', page: '0' } }), 400, 'validation', 'page');
    assertError(await call(admin, 'GET', SEARCH, { query: { q: 'x' } }), 403, 'forbidden');
  });

  test('each search is audited, one row per person shown; the query is never logged', async () => {
    const secret = 'ひみつのことば';
    ok(await sato.post(`${API}/persons/${person.id}/notes`, noteBody(`${secret}を話した`)), 201);
    const before = (await auditRows(chief, person.id, 'search')).length;
    ok(await call(sato, 'GET', SEARCH, { query: { q: secret } }));
    const rows = await auditRows(chief, person.id, 'search');
    assert.equal(rows.length, before + 1);
    // The server writes its log a block at a time (at least every second): wait for the search's
    // own line, so the check below reads the lines this search wrote.
    for (let i = 0; i < 50 && !/GET \/api\/v1\/search 200/.test(server.output()); i++) await sleep(100);
    assert.match(server.output(), /GET \/api\/v1\/search 200/, 'the search is in the request log');
    assert.ok(!server.output().includes(secret) && !server.output().includes(encodeURIComponent(secret)));
  });
});

describe('OpenAPI conformance', () => {
  test('GET /api/v1/search: every response above matches the documented schema', () => {
    const report = R.report('GET', SEARCH);
    assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
  });
});
