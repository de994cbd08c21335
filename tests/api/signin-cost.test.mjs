// Issue #13, part B, at the server's real Argon2id cost (moderate, 256 MiB): the password pool
// answers 503 busy at once when full while /healthz stays answered, and a password stored at
// another cost is rehashed at sign-in. A file of its own: these are the slow ones.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client,
  ENV,
  PG,
  assertError,
  cleanup,
  dbFile,
  demoDataDir,
  httpRequest,
  pgSql,
  runOk,
  signedIn,
  sqlite,
  startServer,
  tempDir,
} from './lib/harness.mjs';

after(cleanup);

describe('Argon2id runs on its own small pool', () => {
  test('a burst of bad logins: some answer 503 busy with Retry-After at once, /healthz answers meanwhile', async () => {
    // The server's real cost (moderate) and one worker with a queue of two: the pool is saturated
    // for a while by the three it accepts, and refuses the rest at once.
    const data = await tempDir('tsunagu-data-');
    await runOk(['init', '--data', data]);
    const env = { ...ENV };
    delete env.TSUNAGU_PWHASH;
    const s = await startServer({ data, env, args: ['--password-workers', '1', '--password-queue', '2'] });
    let settled = 0;
    const logins = Array.from({ length: 12 }, (_, i) =>
      new Client(s).login(`nobody-${i}`, 'wrong-password-123').finally(() => (settled += 1)),
    );
    const health = await httpRequest(`${s.url}/healthz`);
    const settledAtHealth = settled;
    assert.equal(health.status, 200);
    const results = await Promise.all(logins);
    assert.ok(settledAtHealth < logins.length, `/healthz answered while ${logins.length - settledAtHealth} sign-ins were still being hashed`);
    const busy = results.filter((r) => r.status === 503);
    assert.ok(busy.length >= 1, `some sign-ins are refused busy: ${results.map((r) => r.status)}`);
    for (const r of busy) {
      assertError(r, 503, 'busy');
      assert.ok(Number(r.headers['retry-after']) >= 1, 'Retry-After');
    }
    for (const r of results.filter((x) => x.status !== 503)) assertError(r, 401, 'invalid_credentials');
  });
});

describe('rehash at sign-in', () => {
  test('a password stored at another Argon2id cost is hashed again at the server cost when it signs in', async () => {
    const data = await demoDataDir(); // made with the test cost (interactive)
    const env = { ...ENV };
    delete env.TSUNAGU_PWHASH; // the server's own cost: moderate
    const s = await startServer({ data, env });
    const hash = async () => {
      const q = "SELECT password_hash FROM users WHERE login = 'suzuki'";
      const r = PG ? await pgSql(data, q) : await sqlite(dbFile(data), q);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.trim();
    };
    assert.match(await hash(), /m=65536/);
    await signedIn(s, 'suzuki');
    assert.match(await hash(), /m=262144/);
    await signedIn(s, 'suzuki'); // and still signs in
  });
});

