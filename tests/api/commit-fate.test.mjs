// Issue #8: a connection to PostgreSQL lost while COMMIT is on its way. The server may have committed
// or not; tsunagu asks it on a new connection (txid_status, with the transaction's id taken at BEGIN)
// and answers by what it learns: a commit is a success, once (a write's change saved and answered
// 200; a batch of reads' audit rows in the log once, the reads answered); a rollback is 503 busy for
// a write and a batch committed again (a backend still on the lost COMMIT is ended first); a fate it
// cannot learn is 500 outcome_unknown for a write and 503 for a read (its data does not leave),
// never a batch committed twice.
//
// A proxy on a Unix socket stands between tsunagu and the test cluster. Armed, it lets the next
// COMMIT of a write (or of the group committer's batch) reach the server and drops the connection
// instead of passing back the server's answer: the server has committed, tsunagu does not know.
// It tells the two kinds of transaction apart by the BEGIN tsunagu sends with them (a write takes the
// writers' lock in the same round trip, a batch only the backend's and the transaction's ids:
// src/storage/database.cpp, BeginPostgres).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  API,
  DB_BASE,
  PG_ONLY,
  assertError,
  cleanup,
  databaseUrl,
  demoDataDir,
  endHolder,
  holdInSession,
  ok,
  personBody,
  pgSql,
  run,
  signedIn,
  sleep,
  startServer,
  waitAtCommit,
} from './lib/harness.mjs';

after(cleanup);

/** A proxy from a socket folder of its own to the cluster's socket (DB_BASE names its folder and port). */
async function startProxy() {
  const base = new URL(DB_BASE);
  const clusterDir = decodeURIComponent(base.hostname);
  const port = base.port;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tp-'));
  const target = path.join(clusterDir, `.s.PGSQL.${port}`);
  const state = { armed: null, cuts: 0, refuseUntil: 0, refused: 0 };
  let onCut = () => {};
  const sockets = new Set();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (Date.now() < state.refuseUntil) {
      state.refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(target);
    let kind = '';
    let cutOnReply = false;
    let delayReply = 0;
    client.on('data', (chunk) => {
      const text = chunk.toString('latin1');
      if (text.includes('BEGIN; SELECT pg_advisory_xact_lock(7411),')) kind = 'write';
      else if (text.includes('BEGIN; SELECT pg_backend_pid(), txid_current()')) kind = 'batch';
      if (state.armed && state.armed.kind === kind && text.includes('COMMIT\0')) {
        if (state.armed.atCommit) {
          // The connection goes with the COMMIT on its way: the server gets it, tsunagu hears nothing.
          state.armed = null;
          state.cuts++;
          upstream.end(chunk);
          client.destroy();
          onCut();
          return;
        }
        if (state.armed.skip > 0) {
          state.armed.skip--;
          delayReply = state.armed.delayMs;
        } else {
          cutOnReply = true;
          state.armed = null;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (delayReply > 0) {
        // A COMMIT let through late: what queues meanwhile makes the next batch of several units.
        const ms = delayReply;
        delayReply = 0;
        setTimeout(() => client.write(chunk), ms);
        return;
      }
      if (!cutOnReply) {
        client.write(chunk);
        return;
      }
      // The server's answer to COMMIT: it has committed. tsunagu never hears it.
      state.cuts++;
      if (state.refuseMs) state.refuseUntil = Date.now() + state.refuseMs;
      client.destroy();
      upstream.destroy();
      onCut();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise((resolve) => server.listen(path.join(dir, `.s.PGSQL.${port}`), resolve));
  return {
    state,
    /**
     * The next COMMIT of `kind` ('write' | 'batch') is cut off; with refuseMs, new connections are
     * refused for that long after it. With skip, that many COMMITs of the kind pass first, each
     * answered delayMs late. With atCommit, the connection is dropped as the COMMIT is sent, not
     * when it is answered (the server has it, and may still be working on it).
     */
    arm(kind, { refuseMs = 0, skip = 0, delayMs = 0, atCommit = false } = {}) {
      state.armed = { kind, skip, delayMs, atCommit };
      state.refuseMs = refuseMs;
      return new Promise((resolve) => {
        onCut = resolve;
      });
    },
    url: (database) => `postgresql://postgres@${encodeURIComponent(dir)}:${port}/${database}`,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy(); // a server still running (a failed test) holds some
      await closed;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** The server's log lines matching `re` so far. */
const lines = (s, re) => s.output().split('\n').filter((l) => re.test(l));
const BATCH_COMMITTED = /group commit of (\d+) units: committed, as the server said/;
/** Holds advisory lock `key` in another session of `database` until endHolder. */
const holdLock = (database, key) =>
  holdInSession(database, `SELECT pg_advisory_lock(${key});`, `SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = ${key} AND granted`);

const count = async (data, where) => {
  const r = await pgSql(data, `SELECT COUNT(*) FROM audit_log WHERE ${where}`);
  assert.equal(r.code, 0, r.stderr);
  return Number(r.stdout.trim());
};

test('a COMMIT whose answer is lost: committed is success once; not knowing is 500 outcome_unknown (write) or 503 (read), never twice', { skip: PG_ONLY, timeout: 120_000 }, async () => {
  const data = await demoDataDir();
  const database = new URL(await databaseUrl(data)).pathname.slice(1);
  const proxy = await startProxy();
  try {
    const s = await startServer({ data, args: ['--db', proxy.url(database)] });
    const c = await signedIn(s, 'sato');
    const id = ok(await c.post(`${API}/persons`, personBody({ name: '回線 一郎', phone: '000-0000-0100' })), 201).id;
    const updates = () => count(data, `person_id = ${id} AND action = 'update'`);
    const reads = () => count(data, `person_id = ${id} AND entity = 'person' AND action = 'read'`);
    assert.equal(ok(await c.get(`${API}/persons/${id}`)).phone, '000-0000-0100');

    // 1. A write whose commit the server made: 200 with the change, saved once, audited once.
    let updatesBefore = await updates();
    let cut = proxy.arm('write');
    const saved = await c.patch(`${API}/persons/${id}`, { phone: '000-0000-0101' });
    await cut;
    assert.equal(ok(saved).phone, '000-0000-0101', 'answered as saved');
    assert.equal(await updates(), updatesBefore + 1, 'one audit row for the one change');
    assert.match(s.output(), /the server says it committed/);

    // 2. A batch of reads' audit rows whose commit the server made: the read is answered, logged once.
    let readsBefore = await reads();
    cut = proxy.arm('batch');
    const read = await c.get(`${API}/persons/${id}`);
    await cut;
    assert.equal(ok(read).phone, '000-0000-0101');
    assert.equal(await reads(), readsBefore + 1, 'exactly one audit row for the read');
    assert.deepEqual(lines(s, BATCH_COMMITTED).map((l) => l.match(BATCH_COMMITTED)[1]), ['1']);

    // 2b. The same for a batch of several reads (the first batch's COMMIT answered late, so the
    // others queue behind it and go in the next batch, the one cut off): every read answered, each
    // logged once. Committing the units again one by one would log each twice.
    readsBefore = await reads();
    const N = 6;
    cut = proxy.arm('batch', { skip: 1, delayMs: 400 });
    const first = c.get(`${API}/persons/${id}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rest = Array.from({ length: N - 1 }, () => c.get(`${API}/persons/${id}`));
    await cut;
    for (const r of await Promise.all([first, ...rest])) assert.equal(ok(r).id, id);
    assert.equal(await reads(), readsBefore + N, `exactly ${N} audit rows for ${N} reads`);
    const batches = lines(s, BATCH_COMMITTED).map((l) => Number(l.match(BATCH_COMMITTED)[1]));
    assert.equal(batches.length, 2, batches.join());
    assert.ok(batches[1] >= 2, `the batch cut off had several reads (${batches[1]})`);

    // 3. A write whose fate tsunagu cannot learn (the server unreachable past its 2 s of asking):
    // 500 outcome_unknown, no Retry-After. The server did commit: the change is there afterwards.
    updatesBefore = await updates();
    cut = proxy.arm('write', { refuseMs: 4000 });
    const unknown = await c.patch(`${API}/persons/${id}`, { phone: '000-0000-0102' });
    await cut;
    assertError(unknown, 500, 'outcome_unknown');
    assert.equal(unknown.headers['retry-after'], undefined, 'not an invitation to send it again');
    assert.ok(proxy.state.refused > 0, 'tsunagu tried to ask on a new connection');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, proxy.state.refuseUntil - Date.now()) + 100));
    assert.equal(ok(await c.get(`${API}/persons/${id}`)).phone, '000-0000-0102', 'the server had committed it');
    assert.equal(await updates(), updatesBefore + 1);

    // 4. A read whose batch's fate cannot be learned: 503 busy and none of the person's data; the
    // batch is not committed again (the server did commit it once: one row, not two).
    readsBefore = await reads();
    cut = proxy.arm('batch', { refuseMs: 4000 });
    const refused = await c.get(`${API}/persons/${id}`);
    await cut;
    assertError(refused, 503, 'busy');
    assert.doesNotMatch(refused.text, /000-0000-0102|回線/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, proxy.state.refuseUntil - Date.now()) + 100));
    assert.equal(await reads(), readsBefore + 1, 'the batch the server committed is in the log once');
    assert.equal(ok(await c.get(`${API}/persons/${id}`)).phone, '000-0000-0102', 'served again once the server answers');
    assert.equal(await reads(), readsBefore + 2);

    // 5. A write whose backend is still on its COMMIT when the connection goes (waiting for a lock
    // at commit, it does not notice its client is gone, and would keep the writers' lock): ended by
    // tsunagu after a moment, so the write is rolled back and answers 503, and the next writes go on.
    const undoPersons = await waitAtCommit(database, 'persons', 424251);
    try {
      const held = await holdLock(database, 424251);
      cut = proxy.arm('write', { atCommit: true });
      const stuck = await c.patch(`${API}/persons/${id}`, { phone: '000-0000-0103' });
      await cut;
      assertError(stuck, 503, 'busy');
      assert.match(s.output(), /its backend, still on it, was ended/);
      await endHolder(database, held);
    } finally {
      await undoPersons();
    }
    assert.equal(ok(await c.get(`${API}/persons/${id}`)).phone, '000-0000-0102', 'rolled back');
    assert.equal(ok(await c.patch(`${API}/persons/${id}`, { phone: '000-0000-0104' })).phone, '000-0000-0104', 'writes go on');

    // 6. A batch of reads' audit rows rolled back the same way is committed again, once: the read is
    // answered (once the lock at commit is free) with one audit row.
    readsBefore = await reads();
    const undoAudit = await waitAtCommit(database, 'audit_log', 424252);
    try {
      const held = await holdLock(database, 424252);
      cut = proxy.arm('batch', { atCommit: true });
      const pending = c.get(`${API}/persons/${id}`);
      await cut;
      for (let i = 0; i < 200 && lines(s, /rolled back with its connection; committing it again/).length === 0; i++) await sleep(25);
      assert.equal(lines(s, /rolled back with its connection; committing it again/).length, 1);
      await endHolder(database, held);
      assert.equal(ok(await pending).phone, '000-0000-0104');
    } finally {
      await undoAudit();
    }
    assert.equal(await reads(), readsBefore + 1, 'the batch rolled back and committed again: one row');

    assert.equal(proxy.state.cuts, 7);
    assert.equal(s.proc.exitCode, null, 'the server is still running');
    await s.stop();
    const verify = await run(['audit', 'verify', '--data', data]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  } finally {
    await proxy.close();
  }
});
