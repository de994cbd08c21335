// Findings of the security review, each pinned by a test: admin privilege limits, refusals in
// the audit log, bounded input work, forbidden characters, date bounds, server-chosen request ids.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, Client, assertError, cleanup, createUser, ok, personBody, signedIn, startServer, unique } from './lib/harness.mjs';

let server;
let sato;
let chief;
let admin;

before(async () => {
  server = await startServer();
  [sato, chief, admin] = await Promise.all(['sato', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
});
after(cleanup);

describe('account management limits', () => {
  test('nobody changes their own role (an admin cannot make themselves a chief)', async () => {
    assertError(await admin.patch(`${API}/users/${admin.user.id}`, { role: 'chief' }), 409, 'cannot_change_own_role');
    assertError(await chief.patch(`${API}/users/${chief.user.id}`, { role: 'specialist' }), 409, 'cannot_change_own_role');
    assertError(await admin.get(`${API}/persons`), 403, 'forbidden');
  });

  test("an admin's changes in an office are in that office's audit log, and a role change ends the user's sessions", async () => {
    const { user: u, login, password } = await createUser(chief, { role: 'specialist' });
    const victim = await signedIn(server, login, password);
    ok(await admin.patch(`${API}/users/${u.id}`, { role: 'chief' }));
    assertError(await victim.get(`${API}/auth/me`), 401, 'unauthenticated');
    const rows = ok(await chief.get(`${API}/audit?user_id=${admin.user.id}`)).items;
    assert.ok(rows.some((r) => r.action === 'change_role_specialist_to_chief' && r.entity_id === u.id), JSON.stringify(rows.slice(0, 3)));
  });

  test("a chief cannot touch an administrator's account", async () => {
    assertError(await chief.post(`${API}/users/${admin.user.id}/password`, { new_password: 'Correct-Horse-1234' }), 403, 'forbidden');
    assertError(await chief.patch(`${API}/users/${admin.user.id}`, { active: false }), 403, 'forbidden');
  });

  test('login ids are 3 to 64 characters', async () => {
    assertError(await chief.post(`${API}/users`, { login: 'ab', name: '短い', role: 'specialist', password: 'Correct-Horse-1234' }), 400, 'validation', 'login');
  });
});

describe('refusals are audited', () => {
  test("a specialist probing another specialist's person leaves a not_found row the chief can see", async () => {
    const suzuki = await signedIn(server, 'suzuki');
    const p = ok(await sato.post(`${API}/persons`, personBody()), 201);
    assertError(await suzuki.get(`${API}/persons/${p.id}`), 404, 'not_found');
    const rows = ok(await chief.get(`${API}/audit?user_id=${suzuki.user.id}`)).items;
    const row = rows.find((r) => r.outcome === 'not_found' && r.entity === 'persons' && r.entity_id === p.id);
    assert.ok(row, JSON.stringify(rows.slice(0, 3)));
    assertError(await admin.get(`${API}/persons/${p.id}`), 403, 'forbidden');
    const adminRows = ok(await chief.get(`${API}/audit?user_id=${admin.user.id}&action=read`)).items;
    assert.ok(adminRows.some((r) => r.outcome === 'denied'), 'the admin refusal is recorded');
  });
});

describe('input that costs work or hides text', () => {
  test('an oversized login name is refused before any work (400, not a slow 401)', async () => {
    const r = await new Client(server).request('POST', `${API}/auth/login`, {
      body: { login: ' '.repeat(900000) + 'x', password: 'p' }, csrf: false,
    });
    assertError(r, 400, 'validation', 'login');
  });

  test('control characters and bidi overrides are refused; ideographic spaces are trimmed', async () => {
    assertError(await sato.post(`${API}/persons`, personBody({ name: '山田\u0000太郎' })), 400, 'validation', 'name');
    assertError(await sato.post(`${API}/persons`, personBody({ name: '山田\u202e太郎' })), 400, 'validation', 'name');
    assertError(await sato.post(`${API}/persons`, personBody({ name: '\u3000\u3000' })), 400, 'validation', 'name');
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '\u3000山田 花子\u3000' })), 201);
    assert.equal(p.name, '山田 花子');
  });

  test('dates are bounded to 1900–2100 and decision periods to three years', async () => {
    assertError(await sato.post(`${API}/persons`, personBody({ birth_date: '1899-12-31' })), 400, 'validation', 'birth_date');
    const p = ok(await sato.post(`${API}/persons`, personBody()), 201);
    assertError(await sato.patch(`${API}/persons/${p.id}`, { support_level_valid_until: '2101-01-01' }), 400, 'validation', 'support_level_valid_until');
    const decision = {
      decided_on: '2026-03-25', period_start: '2026-04-01', period_end: '2029-04-01', monitoring_interval_months: 3,
      services: [{ kind: 'home_help', amount: '月8時間' }], certificate_number: '1234567890',
    };
    assertError(await sato.post(`${API}/persons/${p.id}/decisions`, decision), 400, 'validation', 'period_end');
    ok(await sato.post(`${API}/persons/${p.id}/decisions`, { ...decision, period_end: '2029-03-31' }), 201);
  });

  test('the request id is always the server’s own', async () => {
    const r = await sato.get(`${API}/auth/me`, { headers: { 'X-Request-Id': 'forged-id-1' } });
    assert.equal(r.status, 200);
    assert.notEqual(r.headers['x-request-id'], 'forged-id-1');
    assert.match(r.headers['x-request-id'], /^[0-9a-f]{16}$/);
  });
});

describe('list reads are audited per person', () => {
  test('GET /persons and the home views leave one row per person shown, so "who saw X" finds them', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '一覧 監査' })), 201);
    const list = await sato.get(`${API}/persons?q=${encodeURIComponent('一覧 監査')}`);
    assert.equal(ok(list).total, 1);
    const rows = ok(await chief.get(`${API}/audit?person_id=${p.id}&action=list`)).items;
    assert.ok(
      rows.some((r) => r.entity === 'person' && r.request_id === list.headers['x-request-id'] && r.user_id === sato.user.id),
      JSON.stringify(rows.slice(0, 3)),
    );
    const caseload = await sato.get(`${API}/caseload`);
    ok(caseload);
    const again = ok(await chief.get(`${API}/audit?person_id=${p.id}&action=list`)).items;
    assert.ok(again.some((r) => r.entity === 'caseload' && r.request_id === caseload.headers['x-request-id']));
    // An empty result still records the read itself.
    const none = await sato.get(`${API}/persons?q=${encodeURIComponent('該当なしの名前')}`);
    assert.equal(ok(none).total, 0);
    const all = ok(await chief.get(`${API}/audit?user_id=${sato.user.id}&action=list`)).items;
    assert.ok(all.some((r) => r.request_id === none.headers['x-request-id'] && r.person_id === null));
  });
});

describe('one address guessing across many logins', () => {
  test('after N failed logins from one address, even a right password is refused 429 rate_limited', async () => {
    const s = await startServer({ args: ['--login-failures-per-address', '3'] });
    for (const login of ['nobody-1', 'nobody-2', 'nobody-3'])
      assertError(await new Client(s).login(login, 'wrong-password-123'), 401, 'invalid_credentials');
    assertError(await new Client(s).login('sato', 'tsunagu-demo-2026'), 429, 'rate_limited');
  });
});
