// tsunagu serve and the CLI: listen address safety, TLS, graceful stop, demo, office/user add.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import {
  API,
  Client,
  PG_ONLY,
  SQLITE_ONLY,
  assertError,
  cleanup,
  databaseUrl,
  demoDataDir,
  endHolder,
  holdInSession,
  httpRequest,
  ok,
  parseSetCookie,
  personBody,
  pgSql,
  psql,
  run,
  signedIn,
  sleep,
  startServer,
  tempDir,
  unique,
  waitAtCommit,
} from './lib/harness.mjs';

after(cleanup);

const lastLine = (text) => text.trim().split('\n').pop().trim();

describe('listen address', () => {
  test('plain HTTP on a non-loopback address is refused (non-zero exit, a reason)', async () => {
    const data = await demoDataDir();
    const r = await run(['serve', '--data', data, '--listen', '0.0.0.0:0'], { timeoutMs: 10000 });
    assert.equal(r.timedOut, false, 'exits by itself instead of serving');
    assert.notEqual(r.code, 0);
    assert.doesNotMatch(r.stdout, /listening on/);
    assert.match(r.stderr + r.stdout, /loopback|TLS|insecure/i);
    const r6 = await run(['serve', '--data', data, '--listen', '[::]:0'], { timeoutMs: 10000 });
    assert.equal(r6.timedOut, false);
    assert.notEqual(r6.code, 0);
  });

  test('--insecure-lan allows it explicitly', async () => {
    const s = await startServer({ listen: '0.0.0.0:0', args: ['--insecure-lan'] });
    assert.equal(s.scheme, 'http');
    ok(await httpRequest(`${s.url}/healthz`));
    assert.equal((await s.stop()).code, 0);
  });

  test('localhost and 127.0.0.1 need no flag', async () => {
    const s = await startServer({ listen: 'localhost:0' });
    ok(await httpRequest(`${s.url}/healthz`));
    await s.stop();
  });

  test('a second server on the same data folder is refused while the first runs', { skip: SQLITE_ONLY }, async () => {
    const s = await startServer();
    const r = await run(['serve', '--data', s.data, '--listen', '127.0.0.1:0'], { timeoutMs: 10000 });
    assert.equal(r.timedOut, false);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /running|stop/i);
    ok(await httpRequest(`${s.url}/healthz`));
    await s.stop();
  });

  test('on PostgreSQL two servers share one database: both write at once and the audit chain stays whole', { skip: PG_ONLY }, async () => {
    const a = await startServer();
    const b = await startServer({ data: a.data });
    const [ca, cb] = [await signedIn(a, 'sato'), await signedIn(b, 'sato')];
    const writes = [];
    for (let i = 0; i < 20; i++) {
      writes.push(ca.post(`${API}/persons`, personBody({ name: `二台 A${i}` })));
      writes.push(cb.post(`${API}/persons`, personBody({ name: `二台 B${i}` })));
    }
    for (const r of await Promise.all(writes)) assert.equal(r.status, 201, r.text);
    const total = ok(await ca.get(`${API}/persons?q=${encodeURIComponent('二台')}`)).total;
    assert.equal(ok(await cb.get(`${API}/persons?q=${encodeURIComponent('二台')}`)).total, total);
    assert.equal(total, 40);
    await Promise.all([a.stop(), b.stop()]);
    const verify = await run(['audit', 'verify', '--data', a.data]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  // A regional server restarts PostgreSQL for maintenance while tsunagu runs: every pooled connection
  // is ended under it, and for a while no new one is let in. A read (run without BEGIN) must find an
  // ended connection before its first statement, and a write at its BEGIN; both open it again, with
  // new prepared statements. While the database refuses connections, requests get 503 and the server
  // stays up; once it is back, everything goes on.
  test('on PostgreSQL connections the database server ended are opened again: reads, writes and the audit chain go on', { skip: PG_ONLY }, async () => {
    const s = await startServer();
    const c = await signedIn(s, 'sato');
    const id = ok(await c.post(`${API}/persons`, personBody({ name: '再接続 一郎' })), 201).id;
    const name = new URL(await databaseUrl(s.data)).pathname.slice(1);
    const ours = `FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'tsunagu'`;
    const endAll = async () => {
      const ended = await psql('postgres', `SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) ${ours}`);
      assert.equal(ended.code, 0, ended.stderr);
      assert.ok(Number(ended.stdout.trim()) >= 2, `tsunagu's connections were ended: ${ended.stdout}`);
      let left = '';
      for (let i = 0; i < 400 && left !== '0'; i++) {
        left = (await psql('postgres', `SELECT COUNT(*) ${ours}`)).stdout.trim();
        if (left !== '0') await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.equal(left, '0', 'the ended connections are gone');
    };
    // Enough at once that every pooled connection has run (and prepared) the read.
    const reads = () => Promise.all(Array.from({ length: 24 }, () => c.get(`${API}/persons/${id}`)));
    for (const r of await reads()) ok(r);

    await endAll();
    for (const r of await reads()) ok(r);
    ok(await c.get(`${API}/persons?q=${encodeURIComponent('再接続')}`));
    ok(await c.patch(`${API}/persons/${id}`, { phone: '000-0000-0001' }));
    assert.equal(ok(await c.get(`${API}/persons/${id}`)).phone, '000-0000-0001');

    // Down for a while: connections ended and refused. Reads and writes get 503; nothing crashes.
    assert.equal((await psql('postgres', `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`)).code, 0);
    try {
      await endAll();
      for (const r of await reads()) assertError(r, 503, 'busy');
      assertError(await c.patch(`${API}/persons/${id}`, { phone: '000-0000-0002' }), 503, 'busy');
    } finally {
      assert.equal((await psql('postgres', `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`)).code, 0);
    }
    assert.equal(s.proc.exitCode, null, 'the server is still running');
    for (const r of await reads()) ok(r);
    ok(await c.patch(`${API}/persons/${id}`, { phone: '000-0000-0003' }));
    assert.equal(ok(await c.get(`${API}/persons/${id}`)).phone, '000-0000-0003');
    await s.stop();
    const verify = await run(['audit', 'verify', '--data', s.data]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  test('on PostgreSQL a read whose connection is ended mid-request is read again; a write answers 503 busy, also when cut off in its commit and the server rolled it back', { skip: PG_ONLY }, async () => {
    const s = await startServer();
    const c = await signedIn(s, 'sato');
    const id = ok(await c.post(`${API}/persons`, personBody({ name: '中断 花子', phone: '000-0000-0010' })), 201).id;
    const name = new URL(await databaseUrl(s.data)).pathname.slice(1);
    // Until it is ended, another session holds what tsunagu's statement then waits on.
    const holdPersons = () =>
      holdInSession(name, 'BEGIN; LOCK TABLE persons IN ACCESS EXCLUSIVE MODE;', "SELECT COUNT(*) FROM pg_locks WHERE relation = 'persons'::regclass AND mode = 'AccessExclusiveLock' AND granted");
    // Ends tsunagu's connection waiting on it, then the holder: the request goes on without it.
    const endWaitingThenHolder = async (held) => {
      const waiting = `FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'tsunagu' AND wait_event_type = 'Lock'`;
      let ended = '0';
      for (let i = 0; i < 400 && ended === '0'; i++) {
        ended = (await psql('postgres', `SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) ${waiting}`)).stdout.trim();
        if (ended === '0') await sleep(25);
      }
      if (ended !== '1') {
        const activity = (await psql('postgres', `SELECT application_name, state, wait_event_type, wait_event, left(query, 60) FROM pg_stat_activity WHERE datname = '${name}'`)).stdout;
        assert.fail(`tsunagu's waiting connection was ended (${ended}): ${activity}`);
      }
      await endHolder(name, held);
    };

    let holder = await holdPersons();
    let pending = c.get(`${API}/persons/${id}`);
    await endWaitingThenHolder(holder);
    const read = ok(await pending);
    assert.equal(read.id, id);
    assert.equal(read.phone, '000-0000-0010');

    holder = await holdPersons();
    pending = c.patch(`${API}/persons/${id}`, { phone: '000-0000-0011' });
    await endWaitingThenHolder(holder);
    const refused = await pending;
    assertError(refused, 503, 'busy');
    assert.equal(refused.headers['retry-after'], '1');
    assert.equal(ok(await c.get(`${API}/persons/${id}`)).phone, '000-0000-0010', 'the refused write changed nothing');

    // Cut off during COMMIT: a deferred trigger makes the commit wait on a lock another session holds,
    // and ending that backend rolls the transaction back. tsunagu asks the server (txid_status on a
    // new connection), learns that nothing was saved, and answers 503 busy: safe to send again.
    // (A commit the server did make, and a fate it cannot tell: tests/api/commit-fate.test.mjs.)
    const dropTrigger = await waitAtCommit(name, 'persons', 424242, 'UPDATE');
    try {
      holder = await holdInSession(name, 'SELECT pg_advisory_lock(424242);', "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 424242 AND granted");
      pending = c.patch(`${API}/persons/${id}`, { phone: '000-0000-0012' });
      await endWaitingThenHolder(holder);
      const rolledBack = await pending;
      assertError(rolledBack, 503, 'busy');
      assert.equal(rolledBack.headers['retry-after'], '1');
      assert.match(s.output(), /the server rolled it back/);
    } finally {
      await dropTrigger();
    }
    assert.equal(ok(await c.get(`${API}/persons/${id}`)).phone, '000-0000-0010', 'the server rolled it back');

    // One audit row a read answered (the one read again, and the checks after the writes): the try
    // that failed left none.
    const reads = await pgSql(s.data, `SELECT COUNT(*) FROM audit_log WHERE person_id = ${id} AND entity = 'person' AND action = 'read'`);
    assert.equal(reads.code, 0, reads.stderr);
    assert.equal(reads.stdout.trim(), '3');
    assert.equal(s.proc.exitCode, null, 'the server is still running');
    await s.stop();
    const verify = await run(['audit', 'verify', '--data', s.data]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });
});

describe('TLS', () => {
  test('tsunagu cert writes cert.pem/key.pem; serve --tls-cert --tls-key serves HTTPS with Secure cookies and HSTS', async () => {
    const data = await demoDataDir();
    const r = await run(['cert', '--host', 'office.local', '--data', data]);
    assert.equal(r.code, 0, r.stderr);
    const certFile = path.join(data, 'tls', 'cert.pem');
    const keyFile = path.join(data, 'tls', 'key.pem');
    const cert = new X509Certificate(await fs.readFile(certFile));
    assert.match(cert.subjectAltName, /DNS:office\.local/);
    assert.match(cert.subjectAltName, /IP Address:127\.0\.0\.1/);
    assert.ok(new Date(cert.validTo) > new Date(), 'valid now');
    const keyMode = (await fs.stat(keyFile)).mode & 0o777;
    assert.equal(keyMode & 0o077, 0, `key.pem is private (mode ${keyMode.toString(8)})`);
    assert.match(await fs.readFile(keyFile, 'utf8'), /PRIVATE KEY/);

    const s = await startServer({ data, args: ['--tls-cert', certFile, '--tls-key', keyFile] });
    assert.equal(s.scheme, 'https');
    assert.ok(s.url.startsWith('https://'));
    const health = await httpRequest(`${s.url}/healthz`);
    assert.equal(health.status, 200);
    assert.match(health.headers['strict-transport-security'] || '', /max-age=\d+/);
    assert.match(health.headers['content-security-policy'], /frame-ancestors 'none'/);

    const c = new Client(s);
    const login = await c.login('sato');
    assert.equal(login.status, 200, login.text);
    const cookie = parseSetCookie(login.setCookies, 'tsunagu_session');
    assert.equal(cookie.attrs.secure, true, `Secure under TLS: ${cookie.raw}`);
    assert.equal(cookie.attrs.httponly, true);
    assert.equal(String(cookie.attrs.samesite).toLowerCase(), 'strict');
    assert.match(ok(await c.get(`${API}/persons`)).items[0].name, /\S/);
    assert.match((await c.get(`${API}/persons`)).headers['strict-transport-security'] || '', /max-age/);

    // Plain HTTP to the HTTPS port gets nothing useful.
    await assert.rejects(fetch(`http://127.0.0.1:${s.port}/healthz`, { signal: AbortSignal.timeout(5000) }));
    assert.equal((await s.stop()).code, 0);
  });

  test('with TLS a non-loopback address is allowed', async () => {
    const data = await demoDataDir();
    const dir = await tempDir('tsunagu-tls-');
    assert.equal((await run(['cert', '--host', '192.168.10.5', '--out', dir, '--data', data])).code, 0);
    const cert = new X509Certificate(await fs.readFile(path.join(dir, 'cert.pem')));
    assert.match(cert.subjectAltName, /IP Address:192\.168\.10\.5/);
    const s = await startServer({
      data,
      listen: '0.0.0.0:0',
      args: ['--tls-cert', path.join(dir, 'cert.pem'), '--tls-key', path.join(dir, 'key.pem')],
    });
    ok(await httpRequest(`${s.url}/healthz`));
    await s.stop();
  });

  test('--behind-tls-proxy marks cookies Secure on plain http', async () => {
    const s = await startServer({ args: ['--behind-tls-proxy'] });
    const login = await new Client(s).login('sato');
    assert.equal(parseSetCookie(login.setCookies, 'tsunagu_session').attrs.secure, true);
    await s.stop();
  });

  test('cert refuses a host that is not a name or address', async () => {
    const data = await tempDir('tsunagu-data-');
    const r = await run(['cert', '--host', 'bad host/../x', '--data', data]);
    assert.notEqual(r.code, 0);
  });
});

describe('lifecycle', () => {
  test('SIGTERM → exit 0 within 2 s, also with a kept-alive client connection', async () => {
    const s = await startServer();
    const c = await signedIn(s, 'sato');
    ok(await c.get(`${API}/persons`)); // leaves an idle keep-alive connection open
    const stopped = await s.stop('SIGTERM');
    assert.equal(stopped.code, 0, `exit ${stopped.code ?? stopped.signal}`);
    assert.ok(stopped.ms < 2000, `stopped in ${stopped.ms} ms`);
  });

  test('SIGINT stops it cleanly too; data survives a restart', async () => {
    const s = await startServer();
    const c = await signedIn(s, 'sato');
    const p = ok(await c.post(`${API}/persons`, { name: '再起動 確認', kana: 'サイキドウ', birth_date: '1980-01-01' }), 201);
    const stopped = await s.stop('SIGINT');
    assert.equal(stopped.code, 0);
    assert.ok(stopped.ms < 2000, `stopped in ${stopped.ms} ms`);
    const s2 = await startServer({ data: s.data });
    const c2 = await signedIn(s2, 'sato');
    assert.equal(ok(await c2.get(`${API}/persons/${p.id}`)).name, '再起動 確認');
    // The old session was server-side and survives too.
    ok(await new Client(s2).request('GET', `${API}/auth/me`, { cookie: c.cookie }));
    await s2.stop();
  });

  test('a second demo on the same folder is idempotent ("already present"); nothing duplicated', async () => {
    const data = await tempDir('tsunagu-data-');
    const first = await run(['demo', '--data', data]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /created/);
    const second = await run(['demo', '--data', data]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /already present/);
    const s = await startServer({ data });
    const chief = await signedIn(s, 'tanaka');
    assert.equal(ok(await chief.get(`${API}/persons?per_page=1`)).total, 30);
    assert.equal(ok(await chief.get(`${API}/users`)).items.filter((u) => u.login === 'sato').length, 1);
    await s.stop();
  });
});

describe('CLI', () => {
  test('office add prints an id; user add reads the password from stdin and prints an id; that user signs in', async () => {
    const data = await tempDir('tsunagu-data-');
    const office = await run(['office', 'add', '--name', 'ひだまり相談支援事業所', '--data', data]);
    assert.equal(office.code, 0, office.stderr);
    // The id is the last line (see the next test for log lines before it).
    const officeId = lastLine(office.stdout);
    assert.match(officeId, /^\d+$/);

    const login = unique('cli');
    const user = await run(['user', 'add', '--office', officeId, '--login', login, '--name', '山田 太郎', '--role', 'specialist', '--data', data], {
      input: 'Cli-Password-4471\n',
    });
    assert.equal(user.code, 0, user.stderr);
    assert.match(lastLine(user.stdout), /^\d+$/);
    assert.doesNotMatch(user.stdout + user.stderr, /Cli-Password-4471/, 'the password is never echoed');

    const chiefLogin = unique('boss');
    const chief = await run(['user', 'add', '--office', officeId, '--login', chiefLogin, '--name', '主任', '--role', 'chief', '--data', data], {
      input: 'Chief-Password-8812\n',
    });
    assert.equal(chief.code, 0, chief.stderr);

    const s = await startServer({ data });
    const c = await signedIn(s, login, 'Cli-Password-4471');
    assert.equal(c.user.role, 'specialist');
    assert.equal(String(c.user.office_id), officeId);
    assert.equal(String(c.user.id), lastLine(user.stdout));
    const boss = await signedIn(s, chiefLogin, 'Chief-Password-8812');
    assert.ok(ok(await boss.get(`${API}/users`)).items.some((u) => u.login === login));
    await s.stop();
    assert.equal((await run(['audit', 'verify', '--data', data])).code, 0, 'the CLI writes to the audit chain too');
  });

  test('user add refuses a short password (non-zero exit), an unknown office and an unknown role', async () => {
    const data = await tempDir('tsunagu-data-');
    const officeId = lastLine((await run(['office', 'add', '--name', '事業所', '--data', data])).stdout);
    const short = await run(['user', 'add', '--office', officeId, '--login', 'shorty', '--name', 'x', '--role', 'specialist', '--data', data], {
      input: 'short\n',
    });
    assert.notEqual(short.code, 0);
    assert.match(short.stderr, /\S/);
    const noOffice = await run(['user', 'add', '--office', '999', '--login', 'nooffice', '--name', 'x', '--role', 'specialist', '--data', data], {
      input: 'Cli-Password-4471\n',
    });
    assert.notEqual(noOffice.code, 0);
    const badRole = await run(['user', 'add', '--office', officeId, '--login', 'badrole', '--name', 'x', '--role', 'boss', '--data', data], {
      input: 'Cli-Password-4471\n',
    });
    assert.notEqual(badRole.code, 0);
    const dup1 = await run(['user', 'add', '--office', officeId, '--login', 'twice', '--name', 'x', '--role', 'specialist', '--data', data], {
      input: 'Cli-Password-4471\n',
    });
    assert.equal(dup1.code, 0, dup1.stderr);
    const dup2 = await run(['user', 'add', '--office', officeId, '--login', 'twice', '--name', 'y', '--role', 'specialist', '--data', data], {
      input: 'Cli-Password-4471\n',
    });
    assert.notEqual(dup2.code, 0);
    // None of the refused users can sign in.
    const s = await startServer({ data });
    for (const l of ['shorty', 'nooffice', 'badrole']) assertError(await new Client(s).login(l, 'Cli-Password-4471'), 401, 'invalid_credentials');
    await signedIn(s, 'twice', 'Cli-Password-4471');
    await s.stop();
  });

  test('office add / user add print only the id on stdout, also on a fresh data folder (usable as $(tsunagu office add ...))', async () => {
    const data = await tempDir('tsunagu-data-');
    const office = await run(['office', 'add', '--name', '新しい事業所', '--data', data]);
    assert.equal(office.code, 0, office.stderr);
    const user = await run(['user', 'add', '--office', lastLine(office.stdout), '--login', 'solo', '--name', 'x', '--role', 'admin', '--data', data], {
      input: 'Cli-Password-4471\n',
    });
    assert.equal(user.code, 0, user.stderr);
    assert.match(user.stdout, /^\d+\n$/, `user add: stdout is just the id: ${JSON.stringify(user.stdout)}`);
    assert.match(office.stdout, /^\d+\n$/, `office add: stdout is just the id: ${JSON.stringify(office.stdout)}`);
  });

  test('on PostgreSQL a database with tables of another application is refused, nothing written', { skip: PG_ONLY }, async () => {
    const data = await tempDir('tsunagu-data-');
    assert.equal((await pgSql(data, 'CREATE TABLE other_app (x INTEGER)')).code, 0);
    for (const args of [['init'], ['serve', '--listen', '127.0.0.1:0'], ['office', 'add', '--name', 'x']]) {
      const r = await run([...args, '--data', data], { timeoutMs: 10000 });
      assert.notEqual(r.code, 0, `${args[0]}: ${r.stdout}`);
      assert.match(r.stderr, /not a tsunagu database/);
    }
    assert.equal((await pgSql(data, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")).stdout.trim(), '1');
  });

  test('--version and an unknown subcommand', async () => {
    const v = await run(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /tsunagu \d+\.\d+\.\d+/);
    const bad = await run(['frobnicate']);
    assert.notEqual(bad.code, 0);
  });
});

