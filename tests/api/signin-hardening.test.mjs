// Issue #13, part B: availability under abuse and accounts. Each test fails on the code before it:
// the Argon2id pool answers 503 busy at once, connection limits and the header timeout, refused
// sign-ins counted (not one audit row each), the atomic password-change lockout, --trusted-proxy,
// one-time passwords with the chiefs' alerts, and rehashing at sign-in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import {
  API,
  Client,
  DEMO_PASSWORD,
  ENV,
  PG,
  assertError,
  cleanup,
  createUser,
  dbFile,
  demoDataDir,
  httpRequest,
  ok,
  pgSql,
  runOk,
  signedIn,
  sqlite,
  startServer,
  tempDir,
  unique,
} from './lib/harness.mjs';

let server;
let chief;
let admin;

before(async () => {
  server = await startServer();
  [chief, admin] = await Promise.all(['tanaka', 'admin'].map((u) => signedIn(server, u)));
});
after(cleanup);

/** Opens a TCP connection (from `localAddress`) and resolves once connected. */
function connect(port, localAddress = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port, localAddress });
    s.once('connect', () => {
      s.on('error', () => {}); // a reset by the server is an outcome here, not a failure
      resolve(s);
    });
    s.once('error', reject);
  });
}

/** Resolves 'closed' when the server closes `socket` without answering, 'data' if it answers. */
function outcome(socket) {
  return new Promise((resolve) => {
    socket.once('data', () => resolve('data'));
    socket.once('close', () => resolve('closed'));
    socket.once('error', () => resolve('closed'));
  });
}

/** GET /healthz over a raw socket from `localAddress`: the status line, or 'closed'. */
async function rawHealth(port, localAddress) {
  const s = await connect(port, localAddress);
  return new Promise((resolve) => {
    let got = '';
    s.on('data', (d) => {
      got += d;
      if (got.includes('\r\n')) {
        resolve(got.split('\r\n')[0]);
        s.destroy();
      }
    });
    s.once('close', () => resolve(got ? got.split('\r\n')[0] : 'closed'));
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  });
}

async function until(fn, tries = 50) {
  for (let i = 0; i < tries; i++) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('connection limits', () => {
  test('--max-connections-per-address: one address over the limit is closed early, others are served', async () => {
    const s = await startServer({ args: ['--max-connections-per-address', '3'] });
    const held = await Promise.all([1, 2, 3].map(() => connect(s.port, '127.0.0.2')));
    const extra = await connect(s.port, '127.0.0.2');
    assert.equal(await outcome(extra), 'closed');
    // another address is served as usual
    assert.match(await rawHealth(s.port, '127.0.0.1'), /200/);
    // once one closes, that address may connect again
    held[0].destroy();
    assert.ok(await until(async () => /200/.test(await rawHealth(s.port, '127.0.0.2'))));
    for (const h of held) h.destroy();
  });

  test('--max-connections: beyond the global limit new connections are closed; the server keeps serving', async () => {
    const s = await startServer({ args: ['--max-connections', '3'] });
    const held = await Promise.all([1, 2, 3].map(() => connect(s.port)));
    const extra = await connect(s.port);
    assert.equal(await outcome(extra), 'closed');
    held[0].destroy();
    held[1].destroy();
    assert.ok(await until(async () => /200/.test(await rawHealth(s.port, '127.0.0.1'))));
    for (const h of held) h.destroy();
  });

  test('a request header must arrive within the header timeout (slow clients are closed)', async () => {
    const s = await startServer({ args: ['--header-timeout-seconds', '1'] });
    const slow = await connect(s.port);
    slow.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // never finishes its header
    assert.equal(await outcome(slow), 'closed');
    const silent = await connect(s.port);
    assert.equal(await outcome(silent), 'closed');
    assert.equal((await httpRequest(`${s.url}/healthz`)).status, 200);
  });
});

describe('refused sign-ins are counted, not audited one row each', () => {
  test('a locked-out login leaves one summary row per 15-minute window, however often it is tried', async () => {
    const { user, login } = await createUser(chief);
    for (let i = 0; i < 5; i++) assertError(await new Client(server).login(login, `wrong-password-${i}x`), 401, 'invalid_credentials');
    for (let i = 0; i < 15; i++) assertError(await new Client(server).login(login, 'wrong-password-x'), 429, 'locked_out');
    const rows = ok(await chief.get(`${API}/audit?action=login&user_id=${user.id}&per_page=200`)).items;
    const locked = rows.filter((r) => r.outcome === 'locked_out');
    // one row for the window (two only if the attempts straddled a 15-minute boundary)
    assert.ok(locked.length >= 1 && locked.length <= 2, JSON.stringify(rows.map((r) => r.outcome)));
    assert.equal(locked[0].entity, 'login_refusals');
    assert.equal(rows.filter((r) => r.outcome === 'failure').length, 5);
  });
});

describe('password change: the lockout check and the failure count are one step', () => {
  test('parallel wrong old passwords never get more guesses than the limit (5)', async () => {
    const { login, password } = await createUser(chief);
    const me = await signedIn(server, login, password);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => me.post(`${API}/auth/password`, { old_password: `not-mine-${i}-xyz`, new_password: 'Brand-New-Pass-8841' })),
    );
    const checked = results.filter((r) => r.status === 400);
    for (const r of checked) assertError(r, 400, 'validation', 'old_password');
    assert.ok(checked.length <= 5, `at most 5 guesses were checked, got ${checked.length}: ${results.map((r) => r.status)}`);
    for (const r of results.filter((x) => x.status !== 400)) assert.ok([429, 503].includes(r.status), r.text);
    assertError(await me.post(`${API}/auth/password`, { old_password: password, new_password: 'Brand-New-Pass-8841' }), 429, 'locked_out');
  });
});

describe('--trusted-proxy', () => {
  const guess = (s, xff, i) =>
    new Client(s).request('POST', `${API}/auth/login`, { body: { login: `ghost-${xff}-${i}`, password: 'wrong-password-123' }, headers: { 'X-Forwarded-For': xff }, csrf: false });

  test('from the trusted proxy, X-Forwarded-For is the client address (rate limit and audit)', async () => {
    const s = await startServer({ args: ['--trusted-proxy', '127.0.0.1/32', '--login-failures-per-address', '2'] });
    for (const i of [1, 2]) assertError(await guess(s, '198.51.100.1', i), 401, 'invalid_credentials');
    assertError(await guess(s, '198.51.100.1', 3), 429, 'rate_limited');
    // another client behind the same proxy is not throttled
    assertError(await guess(s, '198.51.100.2', 1), 401, 'invalid_credentials');
    // the audit names the forwarded address
    const boss = await new Client(s).request('POST', `${API}/auth/login`, {
      body: { login: 'tanaka', password: DEMO_PASSWORD },
      headers: { 'X-Forwarded-For': 'spoofed, 203.0.113.9' },
      csrf: false,
    });
    assert.equal(boss.status, 200);
    const c = await signedIn(s, 'tanaka');
    const rows = ok(await c.get(`${API}/audit?action=login&user_id=${boss.body.user.id}&per_page=5`)).items;
    assert.ok(rows.some((r) => r.client_addr === '203.0.113.9'), JSON.stringify(rows.map((r) => r.client_addr)));
  });

  test('without it, X-Forwarded-For is ignored', async () => {
    const s = await startServer({ args: ['--login-failures-per-address', '2'] });
    for (const i of [1, 2]) assertError(await guess(s, '198.51.100.1', i), 401, 'invalid_credentials');
    assertError(await guess(s, '198.51.100.2', 3), 429, 'rate_limited');
  });

  test('a bad CIDR stops the server at start', async () => {
    const data = await tempDir('tsunagu-data-');
    await assert.rejects(startServer({ data, args: ['--trusted-proxy', 'not-an-address'] }), /trusted-proxy/);
  });
});

describe('one-time passwords set by someone else', () => {
  test('an account an admin creates must change its password before anything else; the chiefs are told', async () => {
    const login = unique('once');
    const made = ok(await admin.post(`${API}/users`, { login, name: '仮 主任', role: 'chief', password: 'Admin-Chose-4471', office_id: chief.user.office_id }), 201);
    assert.equal(made.must_change_password, true);
    const u = await signedIn(server, login, 'Admin-Chose-4471');
    assert.equal(u.user.must_change_password, true);
    assertError(await u.get(`${API}/persons`), 403, 'password_change_required');
    assertError(await u.get(`${API}/alerts`), 403, 'password_change_required');
    assertError(await u.post(`${API}/persons`, { name: 'x' }), 403, 'password_change_required');
    assert.equal(ok(await u.get(`${API}/auth/me`)).user.must_change_password, true);
    assertError(await u.post(`${API}/auth/password`, { old_password: 'Admin-Chose-4471', new_password: 'Admin-Chose-4471' }), 400, 'validation', 'new_password');
    ok(await u.post(`${API}/auth/password`, { old_password: 'Admin-Chose-4471', new_password: 'Only-I-Know-8820' }));
    assert.equal(ok(await u.get(`${API}/auth/me`)).user.must_change_password, false);
    ok(await u.get(`${API}/persons`));
    // the office's chief sees who made the account
    const alerts = ok(await chief.get(`${API}/alerts?kind=account_created&per_page=200`)).items;
    const a = alerts.find((x) => x.entity_id === made.id);
    assert.ok(a, JSON.stringify(alerts));
    assert.equal(a.entity, 'user');
    assert.equal(a.person_id, null);
    assert.match(a.message, new RegExp(login));
    assert.match(a.message, new RegExp(admin.user.name));
    // a reset by the admin makes it one-time again and tells the chiefs
    ok(await admin.post(`${API}/users/${made.id}/password`, { new_password: 'Admin-Again-5532' }));
    const again = await signedIn(server, login, 'Admin-Again-5532');
    assertError(await again.get(`${API}/persons`), 403, 'password_change_required');
    const resets = ok(await chief.get(`${API}/alerts?kind=password_reset&per_page=200`)).items;
    assert.ok(resets.some((x) => x.entity_id === made.id && x.message.includes(admin.user.name)), JSON.stringify(resets));
    // logout stays open
    ok(await again.post(`${API}/auth/logout`, {}));
  });
});

describe('HTTP conformance', () => {
  const head = (p, headers = {}) => httpRequest(`${server.url}${p}`, { method: 'HEAD', headers });

  test('HEAD answers every GET route with its headers and no body: /, assets, /healthz, the API', async () => {
    const index = await httpRequest(`${server.url}/`);
    const asset = /\/assets\/[^"]+\.js/.exec(index.text)[0];
    for (const p of ['/', '/persons', asset, '/healthz', '/favicon.svg']) {
      const get = await httpRequest(`${server.url}${p}`, { headers: { 'Accept-Encoding': 'identity' } });
      const r = await head(p, { 'Accept-Encoding': 'identity' });
      assert.equal(r.status, 200, `HEAD ${p}: ${r.status}`);
      assert.equal(r.text, '', `HEAD ${p} has no body`);
      assert.equal(r.headers['content-type'], get.headers['content-type'], p);
      assert.equal(r.headers['content-length'], String(Buffer.byteLength(get.text)), p);
    }
    const me = await chief.request('HEAD', `${API}/auth/me`);
    assert.equal(me.status, 200);
    assert.equal(me.text, '');
    assert.equal((await head(`${API}/auth/me`)).status, 401);
    assert.equal((await head('/no-such.png')).status, 404);
  });

  test('assets are precompressed: brotli or gzip by Accept-Encoding, with Vary', async () => {
    const index = await httpRequest(`${server.url}/`);
    const asset = /\/assets\/[^"]+\.js/.exec(index.text)[0];
    const plain = await httpRequest(`${server.url}${asset}`, { headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.headers.vary || '', /Accept-Encoding/i);
    const br = await httpRequest(`${server.url}${asset}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(br.headers.vary || '', /Accept-Encoding/i);
    assert.equal(br.text, plain.text); // fetch decodes it: the same file
    const gz = await httpRequest(`${server.url}${asset}`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.text, plain.text);
    const refused = await httpRequest(`${server.url}${asset}`, { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' } });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal((await httpRequest(`${server.url}${asset}.br`)).status, 404);
  });

  test('a favicon is served (also at /favicon.ico)', async () => {
    for (const p of ['/favicon.svg', '/favicon.ico']) {
      const r = await httpRequest(`${server.url}${p}`);
      assert.equal(r.status, 200, p);
      assert.match(r.headers['content-type'], /image\/svg\+xml/);
      assert.match(r.text, /<svg/);
    }
  });
});
