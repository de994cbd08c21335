// tsunagu backup / restore: consistent copies while the server writes, and the refusals of restore.
// These copy the SQLite file; on PostgreSQL (pg.backup) the commands refuse and point to pg_dump,
// and the concurrent writes run with audit verify beside them instead.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import {
  API,
  PG_ONLY,
  SQLITE_ONLY,
  allPages,
  cleanup,
  ok,
  personBody,
  run,
  signedIn,
  sqlite,
  startServer,
  tempDir,
} from './lib/harness.mjs';

let server;
let sato;
let out; // folder for backup files

before(async () => {
  server = await startServer();
  sato = await signedIn(server, 'sato');
  out = await tempDir('tsunagu-backups-');
});
after(cleanup);

describe('backup', () => {
  test('backups taken during ~200 concurrent writes pass integrity_check; one restores into a new data folder that verifies and serves', { skip: SQLITE_ONLY }, async () => {
    const before = ok(await sato.get(`${API}/persons?per_page=1`)).total;
    // A backup holds every person of the office, not only those assigned to sato.
    const inDatabase = ok(await (await signedIn(server, 'tanaka')).get(`${API}/persons?per_page=1`)).total;
    const N = 200;
    let done = 0;
    const writes = Array.from({ length: N }, (_, i) =>
      sato.post(`${API}/persons`, personBody({ name: `同時 書込${i}`, kana: 'ドウジ カキコミ' })).then((r) => {
        done += 1;
        return r;
      }),
    );
    const backups = [];
    const runs = (async () => {
      for (let i = 0; i < 4; i++) {
        const file = path.join(out, `backup-${i}.db`);
        const r = await run(['backup', '--out', file, '--data', server.data]);
        backups.push({ file, r, doneAtStart: done });
      }
    })();
    const results = await Promise.all(writes);
    await runs;

    const statuses = results.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [201], `every write succeeded: ${results.find((r) => r.status !== 201)?.text}`);
    assert.equal(ok(await sato.get(`${API}/persons?per_page=1`)).total, before + N);

    for (const { file, r } of backups) {
      assert.equal(r.code, 0, `backup ${file}: ${r.stdout}${r.stderr}`);
      const check = await sqlite(file, 'PRAGMA integrity_check;');
      assert.equal(check.stdout.trim(), 'ok', `${file}: ${check.stdout}${check.stderr}`);
      // A self-contained file: no -wal needed next to it.
      await assert.rejects(fs.access(`${file}-wal`));
      const counted = Number((await sqlite(file, 'SELECT COUNT(*) FROM persons;')).stdout.trim());
      assert.ok(counted >= inDatabase && counted <= inDatabase + N, `persons in ${file}: ${counted} (${inDatabase} before)`);
    }
    // At least one backup really ran while writes were in flight (else the test proves little).
    assert.ok(backups.some((b) => b.doneAtStart < N), `backups started after ${backups.map((b) => b.doneAtStart)} writes`);

    // Restore the one taken most in the middle into a new data folder.
    const chosen = backups[Math.min(1, backups.length - 1)];
    const newData = path.join(await tempDir('tsunagu-restore-'), 'data');
    const restored = await run(['restore', '--from', chosen.file, '--data', newData]);
    assert.equal(restored.code, 0, `${restored.stdout}${restored.stderr}`);
    const verify = await run(['audit', 'verify', '--data', newData]);
    assert.equal(verify.code, 0, `verify restored: ${verify.stdout}${verify.stderr}`);
    const persons = Number((await sqlite(path.join(newData, 'tsunagu.db'), 'SELECT COUNT(*) FROM persons;')).stdout.trim());

    const s2 = await startServer({ data: newData });
    const c = await signedIn(s2, 'sato');
    const chief = await signedIn(s2, 'tanaka');
    assert.equal(ok(await chief.get(`${API}/persons?per_page=1`)).total, persons);
    ok(await c.get(`${API}/persons`));
    // The restored server keeps writing on the restored chain.
    ok(await c.post(`${API}/persons`, personBody()), 201);
    assert.equal((await s2.stop()).code, 0);
    assert.equal((await run(['audit', 'verify', '--data', newData])).code, 0);
  });

  test('on PostgreSQL ~200 concurrent writes all succeed while audit verify reads beside them; backup and restore point to pg_dump', { skip: PG_ONLY }, async () => {
    const before = ok(await sato.get(`${API}/persons?per_page=1`)).total;
    const N = 200;
    const writes = Array.from({ length: N }, (_, i) => sato.post(`${API}/persons`, personBody({ name: `同時 書込${i}`, kana: 'ドウジ カキコミ' })));
    const verifies = (async () => {
      const out = [];
      for (let i = 0; i < 4; i++) out.push(await run(['audit', 'verify', '--data', server.data]));
      return out;
    })();
    const results = await Promise.all(writes);
    const statuses = results.map((r) => r.status);
    assert.deepEqual([...new Set(statuses)], [201], `every write succeeded: ${results.find((r) => r.status !== 201)?.text}`);
    assert.equal(ok(await sato.get(`${API}/persons?per_page=1`)).total, before + N);
    for (const v of await verifies) assert.equal(v.code, 0, `verify during writes: ${v.stdout}${v.stderr}`);

    const b = await run(['backup', '--out', path.join(out, 'pg.db'), '--data', server.data]);
    assert.notEqual(b.code, 0);
    assert.match(b.stderr, /pg_dump/);
    await assert.rejects(fs.access(path.join(out, 'pg.db')), 'no file written');
    const r = await run(['restore', '--from', path.join(out, 'pg.db'), '--data', server.data]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /pg_restore/);
    ok(await sato.get(`${API}/auth/me`));
  });

  test('the live server still verifies after all that', async () => {
    // verify opens the database read-only next to the running server (WAL).
    const r = await run(['audit', 'verify', '--data', server.data]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal((await allPages(sato, `${API}/persons?q=${encodeURIComponent('同時')}`)).total, 200);
  });
});

describe('restore refusals', { skip: SQLITE_ONLY }, () => {
  async function fresh() {
    return path.join(await tempDir('tsunagu-restore-'), 'data');
  }

  test('a non-database file is refused (non-zero exit, a message)', async () => {
    const file = path.join(out, 'random.bin');
    await fs.writeFile(file, crypto.randomBytes(8192));
    const r = await run(['restore', '--from', file, '--data', await fresh()]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr + r.stdout, /\S/, 'says why');
  });

  test('a text file is refused (non-zero exit, a message)', async () => {
    const file = path.join(out, 'notes.txt');
    await fs.writeFile(file, 'これはバックアップではありません。\nnot a database\n'.repeat(50));
    const target = await fresh();
    const r = await run(['restore', '--from', file, '--data', target]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr + r.stdout, /\S/);
    // And no database was left behind that a server would start on.
    const left = await fs.stat(path.join(target, 'tsunagu.db')).then((s) => s.size, () => 0);
    assert.equal(left, 0, 'no database written');
  });

  test('an empty file and a missing file are refused', async () => {
    const empty = path.join(out, 'empty.db');
    await fs.writeFile(empty, '');
    const r1 = await run(['restore', '--from', empty, '--data', await fresh()]);
    assert.notEqual(r1.code, 0, `empty file: ${r1.stdout}`);
    const r2 = await run(['restore', '--from', path.join(out, 'does-not-exist.db'), '--data', await fresh()]);
    assert.notEqual(r2.code, 0);
  });

  test('an SQLite database that is not a tsunagu database is refused', async () => {
    const file = path.join(out, 'other.db');
    assert.equal((await sqlite(file, 'CREATE TABLE t(x); INSERT INTO t VALUES (1);')).code, 0);
    const r = await run(['restore', '--from', file, '--data', await fresh()]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /not a tsunagu database/);
  });

  test('restore refuses while a server runs on that data folder; the server is unharmed', async () => {
    const file = path.join(out, 'for-running.db');
    assert.equal((await run(['backup', '--out', file, '--data', server.data])).code, 0);
    const r = await run(['restore', '--from', file, '--data', server.data]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /stop|running/i);
    ok(await sato.get(`${API}/auth/me`));
    ok(await sato.post(`${API}/persons`, personBody()), 201);
    assert.equal((await run(['audit', 'verify', '--data', server.data])).code, 0);
  });

  test('backup of a folder without a database fails', async () => {
    const r = await run(['backup', '--out', path.join(out, 'x.db'), '--data', await fresh()]);
    assert.notEqual(r.code, 0);
  });
});
