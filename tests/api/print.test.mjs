// 印刷 (A4 HTML print views): GET /print/plans/{pid} and /print/monitorings/{mid}. Every data value
// is HTML-escaped, the Content-Security-Policy header is sent, no script is ever included, the same
// scope rules as the API apply, and each print is audited (action print).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  Client,
  assertError,
  auditRows,
  cleanup,
  conformanceRecorder,
  createIssuedPlan,
  fetchOpenApi,
  httpRequest,
  monitoringBody,
  ok,
  personBody,
  planBody,
  signedIn,
  startServer,
} from './lib/harness.mjs';

let server;
let R;
let sato;
let suzuki;
let chief;
let admin;
let person; // named <b>山田</b>
let plan; // issued, with hostile texts
let monitoring;
let kindNames; // service kind names (the plan view bolds them)

const PRINT_PLAN = '/print/plans/{pid}';
const PRINT_MONITORING = '/print/monitorings/{mid}';
const call = (...args) => R.call(...args);

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

before(async () => {
  server = await startServer();
  R = conformanceRecorder(await fetchOpenApi(server));
  [sato, suzuki, chief, admin] = await Promise.all(['sato', 'suzuki', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
  kindNames = new Set(ok(await sato.get(`${API}/service-kinds`)).items.map((k) => k.name));
  person = ok(await sato.post(`${API}/persons`, personBody({ name: '<b>山田</b>', kana: 'ヤマダ', birth_date: '1990-04-01' })), 201);
  const body = planBody();
  body.wishes = `一人で暮らしたい。${XSS}`;
  body.needs[0].need = `働きたい & "稼ぎたい" ${XSS}`;
  body.needs[0].goal = { indicator: '週3日 通所する。', own_words: `お給料で<i>旅行</i>に行く。` };
  body.weekly[0].activity = `作業所 <u>午前</u>`;
  ({ plan } = await createIssuedPlan(sato, person.id, { plan: body }));
  monitoring = ok(
    await sato.post(
      `${API}/persons/${person.id}/monitorings`,
      monitoringBody(plan, { date: '2026-07-15', overall: `順調。${XSS}`, goals: plan.needs.map((_, i) => ({ need_index: i, delivery: '週3日', own_words: `楽しい <b>です</b>`, satisfaction: 5, achievement: '達成', issues: '' })) }),
    ),
    201,
  );
});
after(cleanup);

/** The common checks of a print view: 200 HTML, CSP, no script, no inline style, the name escaped. */
function assertSafeHtml(res) {
  assert.equal(res.status, 200, `${res.status} ${res.text.slice(0, 300)}`);
  assert.match(res.headers['content-type'] || '', /^text\/html\b/i);
  assert.match(res.text, /^<!DOCTYPE html>/i);
  const csp = res.headers['content-security-policy'];
  assert.ok(csp, 'Content-Security-Policy header');
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(res.headers['cache-control'], 'no-store', 'personal data is not cached');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.doesNotMatch(res.text, /<script/i, 'no script element');
  assert.doesNotMatch(res.text, /<[^>]*\son[a-z]+\s*=/i, 'no event handler attribute');
  assert.doesNotMatch(res.text, /<style|<[^>]*\sstyle\s*=/i, 'no inline style (blocked by the CSP)');
  assert.match(res.text, /<link rel="stylesheet" href="\/print\/print\.css">/);
  assert.ok(!res.text.includes('<b>山田'), 'the raw <b> of the name does not appear');
  // The view's own markup may bold a service kind name; no other <b> may appear (data is escaped).
  const bolds = [...res.text.matchAll(/<b>(.*?)<\/b>/g)].map((m) => m[1]);
  for (const b of bolds) assert.ok(kindNames.has(b), `unexpected raw <b>${b}</b>`);
  assert.ok(res.text.includes('&lt;b&gt;山田&lt;/b&gt;'), 'the name appears escaped');
}

describe('print views', () => {
  test('GET /print/plans/{pid} → 200 text/html, escaped name and texts, CSP, no script', async () => {
    const res = await call(sato, 'GET', PRINT_PLAN, { pid: plan.id });
    assertSafeHtml(res);
    assert.ok(res.text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;') || res.text.includes('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;'), 'wishes escaped');
    assert.ok(res.text.includes('働きたい &amp; '), 'ampersand escaped');
    assert.ok(res.text.includes('&lt;i&gt;旅行&lt;/i&gt;'), 'goal own_words escaped');
    assert.ok(res.text.includes('&lt;u&gt;午前&lt;/u&gt;'), 'weekly activity escaped');
    assert.ok(!res.text.includes('<i>') && !res.text.includes('<u>') && !res.text.includes('<img'));
    // The content of 様式1-1 and 1-2.
    assert.ok(res.text.includes('様式1-1') && res.text.includes('様式1-2'));
    assert.ok(res.text.includes('サービス等利用計画'));
    assert.ok(res.text.includes(plan.needs[1].goal.own_words), 'the goal in the person’s words');
    assert.ok(res.text.includes(plan.needs[1].goal.indicator));
  });

  test('GET /print/monitorings/{mid} → 200 text/html, escaped name and texts, CSP, no script', async () => {
    const res = await call(sato, 'GET', PRINT_MONITORING, { mid: monitoring.id });
    assertSafeHtml(res);
    assert.ok(res.text.includes('順調。&lt;script&gt;'), 'overall escaped');
    assert.ok(res.text.includes('楽しい &lt;b&gt;です&lt;/b&gt;'), 'the person’s view escaped');
    assert.ok(res.text.includes('2026年7月15日'), 'the date');
    assert.ok(res.text.includes('モニタリング'));
  });

  test('a draft plan of a child prints as 障害児支援利用計画', async () => {
    const child = ok(await sato.post(`${API}/persons`, personBody({ name: '印刷 児童', birth_date: '2015-06-01' })), 201);
    // Only 児童福祉法 通所 services: a child plan (issue #17: the kind follows the services).
    const body = planBody();
    body.needs = body.needs.map((n) => ({ ...n, services: n.services.map((s) => ({ ...s, kind: 'after_school_day' })) }));
    body.weekly = body.weekly.map((w) => ({ ...w, kind: w.kind ? 'after_school_day' : null }));
    const draft = ok(await sato.post(`${API}/persons/${child.id}/plans`, body), 201);
    assert.equal(draft.kind, 'child');
    const res = await call(sato, 'GET', PRINT_PLAN, { pid: draft.id });
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('障害児支援利用計画'));
    assert.doesNotMatch(res.text, /<script/i);
    assert.ok(res.headers['content-security-policy']);
  });

  test('the chief may print; another specialist → 404; admin → 403; unknown id → 404', async () => {
    assert.equal((await call(chief, 'GET', PRINT_PLAN, { pid: plan.id })).status, 200);
    assert.equal((await call(chief, 'GET', PRINT_MONITORING, { mid: monitoring.id })).status, 200);
    assertError(await call(suzuki, 'GET', PRINT_PLAN, { pid: plan.id }), 404, 'not_found');
    assertError(await call(suzuki, 'GET', PRINT_MONITORING, { mid: monitoring.id }), 404, 'not_found');
    assertError(await call(admin, 'GET', PRINT_PLAN, { pid: plan.id }), 403, 'forbidden');
    assertError(await call(admin, 'GET', PRINT_MONITORING, { mid: monitoring.id }), 403, 'forbidden');
    assertError(await call(sato, 'GET', PRINT_PLAN, { pid: 99999999 }), 404, 'not_found');
    assertError(await call(sato, 'GET', PRINT_MONITORING, { mid: 99999999 }), 404, 'not_found');
    assertError(await call(sato, 'GET', PRINT_PLAN, { pid: 'abc' }), 404, 'not_found');
  });

  test('another specialist’s 404 leaks nothing: same body shape as an unknown id, and no name', async () => {
    const theirs = await call(suzuki, 'GET', PRINT_PLAN, { pid: plan.id });
    const missing = await call(suzuki, 'GET', PRINT_PLAN, { pid: 99999999 });
    assert.equal(theirs.body.error.message, missing.body.error.message);
    assert.ok(!theirs.text.includes('山田'));
  });

  test('no session → 401 unauthenticated (no HTML)', async () => {
    const anon = new Client(server);
    assertError(await call(anon, 'GET', PRINT_PLAN, { pid: plan.id }), 401, 'unauthenticated');
    assertError(await call(anon, 'GET', PRINT_MONITORING, { mid: monitoring.id }), 401, 'unauthenticated');
    // A forged cookie is no session either.
    assertError(await call(anon, 'GET', PRINT_PLAN, { pid: plan.id }, undefined, { cookie: 'forged-session-token' }), 401, 'unauthenticated');
  });

  test('the stylesheet is public CSS', async () => {
    const res = await httpRequest(`${server.url}/print/print.css`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/css/);
    assert.ok(res.text.includes('@page') || res.text.length > 100);
  });

  test('each print is audited (as chief): action print, entity plan / monitoring, entity_id, person_id', async () => {
    const before = (await auditRows(chief, person.id, 'print')).length;
    assert.equal((await call(sato, 'GET', PRINT_PLAN, { pid: plan.id })).status, 200);
    assert.equal((await call(sato, 'GET', PRINT_MONITORING, { mid: monitoring.id })).status, 200);
    const rows = await auditRows(chief, person.id, 'print');
    assert.equal(rows.length, before + 2);
    const [m, p] = rows; // newest first
    assert.deepEqual([p.action, p.entity, Number(p.entity_id), p.person_id, p.user_id], ['print', 'plan', plan.id, person.id, sato.user.id]);
    assert.deepEqual([m.action, m.entity, Number(m.entity_id), m.person_id, m.user_id], ['print', 'monitoring', monitoring.id, person.id, sato.user.id]);
    // Refused prints are not recorded as prints.
    await call(suzuki, 'GET', PRINT_PLAN, { pid: plan.id });
    await call(new Client(server), 'GET', PRINT_PLAN, { pid: plan.id });
    assert.equal((await auditRows(chief, person.id, 'print')).length, before + 2);
  });
});

describe('OpenAPI conformance', () => {
  test('every print response is a documented status; JSON error bodies match their schema', () => {
    const report = R.report();
    assert.deepEqual(report, [], `responses that do not match docs/openapi.json:\n${report.join('\n')}`);
    const seen = R.exercised();
    for (const t of [PRINT_PLAN, PRINT_MONITORING])
      for (const s of [200, 401, 403, 404]) assert.ok(seen.includes(`GET ${t} ${s}`), `not exercised: GET ${t} ${s}`);
  });
});
