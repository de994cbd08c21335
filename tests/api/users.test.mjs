// Staff accounts: listing and creating (chief), deactivation, password reset, own password change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, Client, assertError, cleanup, createUser, ok, signedIn, startServer, unique } from './lib/harness.mjs';

let server;
let sato;
let chief;
let admin;

before(async () => {
  server = await startServer();
  [sato, chief, admin] = await Promise.all(['sato', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
});
after(cleanup);

describe('users', () => {
  test('the chief lists the office users', async () => {
    const r = ok(await chief.get(`${API}/users`));
    assert.equal(r.total, r.items.length);
    const logins = r.items.map((u) => u.login);
    for (const l of ['sato', 'suzuki', 'tanaka']) assert.ok(logins.includes(l), l);
    for (const u of r.items) {
      assert.equal(u.office_id, chief.user.office_id);
      assert.ok(!('password_hash' in u), 'no password hash in the list');
      assert.equal(typeof u.active, 'boolean');
    }
  });

  test('the chief creates a specialist who can then sign in', async () => {
    const login = unique('new');
    const res = await chief.post(`${API}/users`, { login, name: '新人 職員', role: 'specialist', password: 'Kirin-Sora-7742!' });
    const u = ok(res, 201);
    assert.equal(u.login, login);
    assert.equal(u.role, 'specialist');
    assert.equal(u.active, true);
    assert.equal(u.office_id, chief.user.office_id);
    assert.ok(!('password_hash' in u) && !('password' in u));
    const c = await signedIn(server, login, 'Kirin-Sora-7742!');
    assert.equal(c.user.id, u.id);
    // The chief chose the password: it is one-time (issue #13).
    assert.equal(u.must_change_password, true);
    assertError(await c.get(`${API}/persons`), 403, 'password_change_required');
    ok(await c.post(`${API}/auth/password`, { old_password: 'Kirin-Sora-7742!', new_password: 'Mine-Alone-3317' }));
    // A new specialist sees no persons until assigned.
    assert.equal(ok(await c.get(`${API}/persons`)).total, 0);
    assert.ok(ok(await chief.get(`${API}/users`)).items.some((x) => x.id === u.id));
  });

  test('password under 12 characters → 400 field password; nothing created', async () => {
    const login = unique('short');
    assertError(await chief.post(`${API}/users`, { login, name: '短い', role: 'specialist', password: 'Short-pw-11' }), 400, 'validation', 'password');
    assertError(await new Client(server).login(login, 'Short-pw-11'), 401, 'invalid_credentials');
    assert.ok(!ok(await chief.get(`${API}/users`)).items.some((u) => u.login === login));
  });

  test('other refusals: common password, password containing the login, bad login characters, bad role', async () => {
    const login = unique('ref');
    assertError(await chief.post(`${API}/users`, { login, name: 'x', role: 'specialist', password: 'password1234' }), 400, 'validation', 'password');
    assertError(await chief.post(`${API}/users`, { login, name: 'x', role: 'specialist', password: `${login}-Kirin-Sora` }), 400, 'validation', 'password');
    assertError(await chief.post(`${API}/users`, { login: 'ユーザー', name: 'x', role: 'specialist', password: 'Kirin-Sora-7742!' }), 400, 'validation', 'login');
    assertError(await chief.post(`${API}/users`, { login, name: 'x', role: 'boss', password: 'Kirin-Sora-7742!' }), 400, 'validation', 'role');
    // A chief may not create an admin.
    assertError(await chief.post(`${API}/users`, { login, name: 'x', role: 'admin', password: 'Kirin-Sora-7742!' }), 400, 'validation', 'role');
    assertError(await chief.post(`${API}/users`, { name: 'x', role: 'specialist', password: 'Kirin-Sora-7742!' }), 400, 'validation', 'login');
  });

  test('duplicate login → 409 login_taken', async () => {
    assertError(await chief.post(`${API}/users`, { login: 'sato', name: '二人目', role: 'specialist', password: 'Kirin-Sora-7742!' }), 409, 'login_taken');
    const { login } = await createUser(chief);
    assertError(await chief.post(`${API}/users`, { login, name: '二人目', role: 'chief', password: 'Kirin-Sora-7742!' }), 409, 'login_taken');
    // The original still signs in with its own password.
    await signedIn(server, login, 'Kirin-Sora-7742!');
  });

  test('a specialist may not list, create, update or reset users → 403', async () => {
    assertError(await sato.get(`${API}/users`), 403, 'forbidden');
    assertError(await sato.post(`${API}/users`, { login: unique('x'), name: 'x', role: 'specialist', password: 'Kirin-Sora-7742!' }), 403, 'forbidden');
    assertError(await sato.patch(`${API}/users/${sato.user.id}`, { role: 'chief' }), 403, 'forbidden');
    assertError(await sato.post(`${API}/users/${sato.user.id}/password`, { new_password: 'Kirin-Sora-7742!' }), 403, 'forbidden');
    assert.equal((await signedIn(server, 'sato')).user.role, 'specialist');
  });

  test('users of another office are 404 for a chief', async () => {
    const office = ok(await admin.post(`${API}/offices`, { name: '別の相談支援事業所' }), 201);
    const other = ok(
      await admin.post(`${API}/users`, { login: unique('oth'), name: '他所 職員', role: 'specialist', password: 'Kirin-Sora-7742!', office_id: office.id }),
      201,
    );
    assertError(await chief.patch(`${API}/users/${other.id}`, { active: false }), 404, 'not_found');
    assertError(await chief.post(`${API}/users/${other.id}/password`, { new_password: 'Other-Pass-9931' }), 404, 'not_found');
    assert.ok(!ok(await chief.get(`${API}/users`)).items.some((u) => u.id === other.id));
    await signedIn(server, other.login, 'Kirin-Sora-7742!');
  });
});

describe('admin accounts', () => {
  test('an admin lists users of every office without office_id, or one office with it (OpenAPI: 全体または office_id)', async () => {
    const office = ok(await admin.post(`${API}/offices`, { name: '一覧確認 事業所' }), 201);
    const other = ok(
      await admin.post(`${API}/users`, { login: unique('all'), name: '他所 職員', role: 'specialist', password: 'Kirin-Sora-7742!', office_id: office.id }),
      201,
    );
    const only = ok(await admin.get(`${API}/users?office_id=${office.id}`));
    assert.deepEqual(only.items.map((u) => u.id), [other.id]);
    const all = ok(await admin.get(`${API}/users`));
    assert.ok(all.items.some((u) => u.id === other.id), 'the other office\'s user is in the full list');
    assert.ok(all.items.some((u) => u.login === 'sato'));
  });

  test('a chief cannot take over or demote an admin account in their office (reset password, change role, deactivate)', async () => {
    // A fresh admin, so the demo admin stays usable whatever happens here.
    const login = unique('adm');
    const target = ok(await admin.post(`${API}/users`, { login, name: '第二 管理者', role: 'admin', password: 'Admin-Pass-6620' }), 201);
    assert.equal(target.office_id, chief.user.office_id, 'the admin is in the chief\'s office');
    const reset = await chief.post(`${API}/users/${target.id}/password`, { new_password: 'Chief-Chose-This-1' });
    assert.ok([403, 404].includes(reset.status), `reset an admin's password: ${reset.status} ${reset.text}`);
    const demote = await chief.patch(`${API}/users/${target.id}`, { role: 'chief' });
    assert.ok([403, 404].includes(demote.status), `change an admin's role: ${demote.status} ${demote.text}`);
    const off = await chief.patch(`${API}/users/${target.id}`, { active: false });
    assert.ok([403, 404].includes(off.status), `deactivate an admin: ${off.status} ${off.text}`);
    const still = await signedIn(server, login, 'Admin-Pass-6620');
    assert.equal(still.user.role, 'admin');
  });
});

describe('deactivation', () => {
  test('deactivating a user ends their existing session and refuses their login', async () => {
    const { user, login, password } = await createUser(chief);
    const c = await signedIn(server, login, password);
    ok(await c.get(`${API}/auth/me`));
    const r = ok(await chief.patch(`${API}/users/${user.id}`, { active: false }));
    assert.equal(r.active, false);
    assertError(await c.get(`${API}/auth/me`), 401, 'unauthenticated');
    const refused = await new Client(server).login(login, password);
    assertError(refused, 401, 'invalid_credentials');
    // Same answer as an unknown login.
    const unknown = await new Client(server).login(unique('ghost'), password);
    assert.equal(refused.body.error.message, unknown.body.error.message);
    assert.equal(ok(await chief.get(`${API}/users`)).items.find((u) => u.id === user.id).active, false);
    // Reactivated: signs in again (the old session stays ended).
    ok(await chief.patch(`${API}/users/${user.id}`, { active: true }));
    assertError(await c.get(`${API}/auth/me`), 401, 'unauthenticated');
    await signedIn(server, login, password);
  });

  test('a chief cannot deactivate themselves → 409 cannot_deactivate_self (OpenAPI)', async () => {
    const res = await chief.patch(`${API}/users/${chief.user.id}`, { active: false });
    assertError(res, 409, 'cannot_deactivate_self');
    ok(await chief.get(`${API}/auth/me`));
  });
});

describe('passwords', () => {
  test('a chief resetting a password ends all sessions of that user; the new password works, the old does not', async () => {
    const { user, login, password } = await createUser(chief);
    const a = await signedIn(server, login, password);
    const b = await signedIn(server, login, password);
    assertError(await chief.post(`${API}/users/${user.id}/password`, { new_password: 'short' }), 400, 'validation', 'new_password');
    ok(await a.get(`${API}/auth/me`));
    ok(await chief.post(`${API}/users/${user.id}/password`, { new_password: 'Reset-Pass-5528' }));
    assertError(await a.get(`${API}/auth/me`), 401, 'unauthenticated');
    assertError(await b.get(`${API}/auth/me`), 401, 'unauthenticated');
    assertError(await new Client(server).login(login, password), 401, 'invalid_credentials');
    await signedIn(server, login, 'Reset-Pass-5528');
    assertError(await chief.post(`${API}/users/99999999/password`, { new_password: 'Reset-Pass-5528' }), 404, 'not_found');
  });

  test('own password change: wrong old password → 400 validation on old_password; nothing changes', async () => {
    const { login, password } = await createUser(chief);
    const a = await signedIn(server, login, password);
    const b = await signedIn(server, login, password);
    const res = await a.post(`${API}/auth/password`, { old_password: 'not-my-password', new_password: 'Brand-New-Pass-77' });
    assertError(res, 400, 'validation', 'old_password');
    ok(await b.get(`${API}/auth/me`));
    await signedIn(server, login, password);
    assertError(await new Client(server).login(login, 'Brand-New-Pass-77'), 401, 'invalid_credentials');
  });

  test('own password change: refusals of the new password name new_password', async () => {
    const { login, password } = await createUser(chief);
    const a = await signedIn(server, login, password);
    assertError(await a.post(`${API}/auth/password`, { old_password: password, new_password: 'too-short' }), 400, 'validation', 'new_password');
    assertError(await a.post(`${API}/auth/password`, { old_password: password }), 400, 'validation', 'new_password');
    assertError(await a.post(`${API}/auth/password`, { old_password: password, new_password: 'Brand-New-Pass-77' }, { csrf: false }), 403, 'csrf');
    await signedIn(server, login, password);
  });

  test('own password change ends the other sessions of that user and keeps the current one', async () => {
    const { login, password } = await createUser(chief);
    const a = await signedIn(server, login, password);
    const b = await signedIn(server, login, password);
    const other = await signedIn(server, 'suzuki');
    ok(await a.post(`${API}/auth/password`, { old_password: password, new_password: 'Brand-New-Pass-77' }));
    ok(await a.get(`${API}/auth/me`)); // the current session carries on
    ok(await a.post(`${API}/auth/logout`)); // and its CSRF token still works
    assertError(await b.get(`${API}/auth/me`), 401, 'unauthenticated');
    ok(await other.get(`${API}/auth/me`)); // other users are untouched
    assertError(await new Client(server).login(login, password), 401, 'invalid_credentials');
    await signedIn(server, login, 'Brand-New-Pass-77');
  });
});
