// tsunagu backup / restore: consistent copies while the server writes, and the refusals of restore;
// encrypted backups (backup --encrypt, restore and verify-backup with the passphrase on standard input).
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
  demoDataDir,
  ok,
  personBody,
  run,
  signedIn,
  sqlite,
  startServer,
  tempDir,
  unique,
} from './lib/harness.mjs';

let server;
let sato;
let out; // folder for backup files

const OFFICE_PERSONS = "SELECT COUNT(*) FROM persons WHERE status = 'active' AND office_id = (SELECT office_id FROM users WHERE login = 'tanaka');";

before(async () => {
  // ~200 requests at once from one address: above the default per-address limit (64, issue #13).
  server = await startServer({ args: ['--max-connections-per-address', '512'] });
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
      // the chief's office, active cases (the demo has a second office and a closed case)
      const counted = Number((await sqlite(file, OFFICE_PERSONS)).stdout.trim());
      assert.ok(counted >= inDatabase && counted <= inDatabase + N, `persons in ${file}: ${counted} (${inDatabase} before)`);
    }
    // At least one backup really ran while writes were in flight (else the test proves little).
    assert.ok(backups.some((b) => b.doneAtStart < N), `backups started after ${backups.map((b) => b.doneAtStart)} writes`);

    // Restore the one taken most in the middle into a new data folder.
    const chosen = backups[Math.min(1, backups.length - 1)];
    const newData = path.join(await tempDir('tsunagu-restore-'), 'data');
    const restored = await run(['restore', '--from', chosen.file, '--data', newData, '--audit-key', path.join(server.data, 'keys', 'audit.key')]);
    assert.equal(restored.code, 0, `${restored.stdout}${restored.stderr}`);
    const verify = await run(['audit', 'verify', '--data', newData]);
    assert.equal(verify.code, 0, `verify restored: ${verify.stdout}${verify.stderr}`);
    const persons = Number((await sqlite(path.join(newData, 'tsunagu.db'), OFFICE_PERSONS)).stdout.trim());

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

describe('encrypted backups', { skip: SQLITE_ONLY }, () => {
  const PASS = 'うみべの図書館で会いましょう 2026';
  const name = `暗号 ${unique('確認')}`;
  let enc; // an encrypted backup of server.data holding `name`

  /** Every file in `dir` with the SHA-256 of its bytes: "nothing changed" means this is equal. */
  async function snapshot(dir) {
    const out = {};
    for (const f of (await fs.readdir(dir)).sort()) {
      if ((await fs.stat(path.join(dir, f))).isDirectory()) continue; // keys/ (the audit key)
      out[f] = crypto.createHash('sha256').update(await fs.readFile(path.join(dir, f))).digest('hex');
    }
    return out;
  }
  const leftovers = async (dir) => (await fs.readdir(dir)).filter((f) => /^tsunagu-(backup|restore|verify)-|\.partial$/.test(f));

  before(async () => {
    ok(await sato.post(`${API}/persons`, personBody({ name, kana: 'アンゴウ カクニン' })), 201);
  });

  test('an encrypted backup taken while the server writes verifies, holds no name in clear, and restores into a folder a server starts on', async () => {
    const N = 50;
    const writes = Array.from({ length: N }, (_, i) => sato.post(`${API}/persons`, personBody({ name: `暗号中 書込${i}`, kana: 'アンゴウチュウ カキコミ' })));
    enc = path.join(out, 'encrypted.tsunagu-backup');
    const b = await run(['backup', '--encrypt', '--out', enc, '--data', server.data], { input: `${PASS}\n` });
    const results = await Promise.all(writes);
    assert.equal(b.code, 0, `${b.stdout}${b.stderr}`);
    assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);

    const st = await fs.stat(enc);
    assert.equal(st.mode & 0o777, 0o600, 'owner only');
    assert.deepEqual(await leftovers(out), [], 'no .partial next to the backup');
    assert.deepEqual(await leftovers(server.data), [], 'no plaintext snapshot left in the data folder');
    const bytes = await fs.readFile(enc);
    assert.ok(bytes.subarray(0, 15).equals(Buffer.from('TSUNAGU-BACKUP\0', 'latin1')), 'the magic');
    for (const clear of [name, '試験 花子', '架空県つなぐ市', 'SQLite format 3', 'CREATE TABLE']) {
      assert.equal(bytes.indexOf(Buffer.from(clear)), -1, `"${clear}" is not in the file in clear`);
    }

    const v = await run(['verify-backup', '--from', enc, '--data', await tempDir('tsunagu-verify-'), '--audit-key', path.join(server.data, 'keys', 'audit.key')], { input: `${PASS}\n` });
    assert.equal(v.code, 0, `${v.stdout}${v.stderr}`);
    assert.match(v.stdout, /schema version \d+, audit log [1-9]\d* rows: ok/);

    const newData = path.join(await tempDir('tsunagu-restore-'), 'data');
    const r = await run(['restore', '--from', enc, '--data', newData, '--audit-key', path.join(server.data, 'keys', 'audit.key')], { input: `${PASS}\n` });
    assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
    assert.deepEqual(await leftovers(newData), [], 'the decrypted temporary file is gone');
    const audit = await run(['audit', 'verify', '--data', newData]);
    assert.equal(audit.code, 0, `${audit.stdout}${audit.stderr}`);

    const s2 = await startServer({ data: newData });
    const chief = await signedIn(s2, 'tanaka');
    const found = ok(await chief.get(`${API}/persons?q=${encodeURIComponent(name)}`));
    assert.equal(found.total, 1, `the person created before the backup is there: ${JSON.stringify(found)}`);
    const during = ok(await chief.get(`${API}/persons?q=${encodeURIComponent('暗号中')}&per_page=1`)).total;
    assert.ok(during >= 0 && during <= N, `persons written during the backup: ${during}`);
    ok(await chief.post(`${API}/persons`, personBody()), 201);
    assert.equal((await s2.stop()).code, 0);
    assert.equal((await run(['audit', 'verify', '--data', newData])).code, 0);
  });

  test('a wrong passphrase fails restore and verify-backup with a clear message; the data folder is unchanged', async () => {
    assert.ok(enc, 'the backup of the previous test');
    const data = await demoDataDir();
    const before = await snapshot(data);
    for (const input of ['うみべの図書館で会いましょう 2025\n', '\n', '']) {
      const r = await run(['restore', '--from', enc, '--data', data], { input });
      assert.notEqual(r.code, 0, `restore with ${JSON.stringify(input)}`);
      assert.match(r.stderr, /wrong passphrase or damaged backup/);
      const v = await run(['verify-backup', '--from', enc, '--data', data], { input });
      assert.notEqual(v.code, 0);
      assert.match(v.stderr, /wrong passphrase or damaged backup/);
    }
    const after = await snapshot(data);
    delete after['tsunagu.lock']; // restore takes the data folder's lock (an empty file) before it reads anything
    delete before['tsunagu.lock'];
    assert.deepEqual(after, before);
    // The original data still serves.
    const s = await startServer({ data });
    ok(await (await signedIn(s, 'sato')).get(`${API}/persons?per_page=1`));
    await s.stop();
  });

  test('a corrupted or truncated encrypted backup is refused and changes nothing', async () => {
    const bytes = await fs.readFile(enc);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] ^= 0x20;
    const variants = {
      flipped,
      'last chunk cut': bytes.subarray(0, bytes.length - 100),
      'header only': bytes.subarray(0, 72),
      'trailing bytes': Buffer.concat([bytes, Buffer.from('x')]),
    };
    const data = await demoDataDir();
    const before = await snapshot(data);
    for (const [what, content] of Object.entries(variants)) {
      const file = path.join(out, `damaged-${what.replace(/ /g, '-')}.bin`);
      await fs.writeFile(file, content);
      const r = await run(['restore', '--from', file, '--data', data], { input: `${PASS}\n` });
      assert.notEqual(r.code, 0, `${what}: ${r.stdout}`);
      assert.match(r.stderr, /wrong passphrase or damaged backup/, what);
      const v = await run(['verify-backup', '--from', file, '--data', data], { input: `${PASS}\n` });
      assert.notEqual(v.code, 0, what);
    }
    const after = await snapshot(data);
    delete after['tsunagu.lock'];
    delete before['tsunagu.lock'];
    assert.deepEqual(after, before);
  });

  test('the passphrase is never taken from the command line, and a short one is refused', async () => {
    const file = path.join(out, 'argv.bin');
    for (const flag of ['--passphrase', '--password', '--pass']) {
      const r = await run(['backup', '--encrypt', '--out', file, flag, PASS, '--data', server.data], { input: `${PASS}\n` });
      assert.notEqual(r.code, 0, `${flag} is no option`);
      const x = await run(['restore', '--from', enc, flag, PASS, '--data', await tempDir('tsunagu-restore-')], { input: `${PASS}\n` });
      assert.notEqual(x.code, 0, `restore ${flag} is no option`);
    }
    for (const input of ['short pass\n', '\n', '']) {
      const r = await run(['backup', '--encrypt', '--out', file, '--data', server.data], { input });
      assert.notEqual(r.code, 0, `passphrase ${JSON.stringify(input)}`);
      assert.match(r.stderr, /at least 12 characters/);
    }
    await assert.rejects(fs.access(file), 'no file written');
    await assert.rejects(fs.access(`${file}.partial`));
  });

  test('verify-backup also checks a plain backup without changing it, and finds a broken audit chain', async () => {
    const plain = path.join(out, 'plain-for-verify.db');
    assert.equal((await run(['backup', '--out', plain, '--data', server.data])).code, 0);
    const before = await fs.readFile(plain);
    const work = await tempDir('tsunagu-verify-');
    const v = await run(['verify-backup', '--from', plain, '--data', work, '--audit-key', path.join(server.data, 'keys', 'audit.key')]);
    assert.equal(v.code, 0, `${v.stdout}${v.stderr}`);
    assert.match(v.stdout, /rows: ok/);
    assert.ok((await fs.readFile(plain)).equals(before), 'the backup file is untouched');
    assert.deepEqual(await fs.readdir(work), [], 'the temporary copy is gone');

    // An edited audit row (triggers dropped by someone with the file) fails verification.
    const edited = path.join(out, 'edited.db');
    await fs.copyFile(plain, edited);
    const sql = "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log';";
    const drops = (await sqlite(edited, sql)).stdout;
    assert.equal((await sqlite(edited, `${drops} UPDATE audit_log SET action = 'edited' WHERE id = 1;`)).code, 0);
    const bad = await run(['verify-backup', '--from', edited, '--data', work, '--audit-key', path.join(server.data, 'keys', 'audit.key')]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /audit chain broken at row 1/);

    const notDb = await run(['verify-backup', '--from', path.join(out, 'random.bin'), '--data', work]);
    assert.notEqual(notDb.code, 0);
  });
});
