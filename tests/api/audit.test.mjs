// The audit log: what is recorded, who may read it, its filters, and the tamper-evident hash
// chain (tsunagu audit verify; append-only triggers).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createUser,
  API,
  Client,
  PG_ONLY,
  SQLITE_ONLY,
  assertError,
  cleanup,
  dbFile,
  ok,
  personBody,
  pgCopy,
  pgSql,
  run,
  signedIn,
  sqlite,
  startServer,
  tempDir,
} from './lib/harness.mjs';

let server;
let sato;
let suzuki;
let chief;
let admin;

before(async () => {
  server = await startServer();
  [sato, suzuki, chief, admin] = await Promise.all(['sato', 'suzuki', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
});
after(cleanup);

describe('audit API', () => {
  test('reading a person leaves a row: action read, entity person, person_id, the reader', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '監査 対象' })), 201);
    const read = await sato.get(`${API}/persons/${p.id}`);
    ok(read);
    const rows = ok(await chief.get(`${API}/audit?person_id=${p.id}&action=read`)).items;
    const row = rows.find((r) => r.entity === 'person' && r.user_id === sato.user.id);
    assert.ok(row, `a read row for person ${p.id}: ${JSON.stringify(rows)}`);
    assert.equal(row.action, 'read');
    assert.equal(row.person_id, p.id);
    assert.equal(String(row.entity_id), String(p.id));
    assert.equal(row.request_id, read.headers['x-request-id'], 'the row carries the request id of the read');
    assert.equal(row.user_name, '佐藤 花子');
    assert.match(row.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // The creation is there too.
    const created = ok(await chief.get(`${API}/audit?person_id=${p.id}&action=create`)).items;
    assert.ok(created.some((r) => r.entity === 'person' && r.user_id === sato.user.id));
  });

  test('filters person_id, action and user_id each narrow the list', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody({ name: '絞り込み 確認' })), 201);
    ok(await sato.get(`${API}/persons/${p.id}`));
    ok(await chief.get(`${API}/persons/${p.id}`));
    ok(await sato.patch(`${API}/persons/${p.id}`, { notes: '更新' }));

    const byPerson = ok(await chief.get(`${API}/audit?person_id=${p.id}&per_page=200`));
    assert.ok(byPerson.total >= 4, `create, 2 reads, update: ${byPerson.total}`);
    for (const r of byPerson.items) assert.equal(r.person_id, p.id);
    const actions = new Set(byPerson.items.map((r) => r.action));
    for (const a of ['create', 'read', 'update']) assert.ok(actions.has(a), a);

    const byAction = ok(await chief.get(`${API}/audit?action=update&per_page=200`));
    assert.ok(byAction.total >= 1);
    for (const r of byAction.items) assert.equal(r.action, 'update');

    const byUser = ok(await chief.get(`${API}/audit?user_id=${sato.user.id}&per_page=200`));
    assert.ok(byUser.total >= 1);
    for (const r of byUser.items) assert.equal(r.user_id, sato.user.id);

    // All three at once: the chief's read of the person (and the chief's own audit reads with this
    // person_id filter, which are recorded against the person too).
    const combined = ok(await chief.get(`${API}/audit?person_id=${p.id}&action=read&user_id=${chief.user.id}&per_page=200`));
    const personReads = combined.items.filter((r) => r.entity === 'person');
    assert.equal(personReads.length, 1);
    for (const r of combined.items) {
      assert.equal(r.user_id, chief.user.id);
      assert.equal(r.person_id, p.id);
      assert.equal(r.action, 'read');
    }

    assert.equal(ok(await chief.get(`${API}/audit?action=no_such_action`)).total, 0);
    assertError(await chief.get(`${API}/audit?person_id=abc`), 400, 'validation', 'person_id');
    assertError(await chief.get(`${API}/audit?user_id=-1`), 400, 'validation', 'user_id');
  });

  test('rows are newest first and paged', async () => {
    // action=create: reading the log adds no such rows, so the pages stay put between requests.
    for (let i = 0; i < 4; i++) ok(await sato.post(`${API}/persons`, personBody()), 201);
    const r = ok(await chief.get(`${API}/audit?action=create&per_page=3`));
    assert.equal(r.items.length, 3);
    assert.equal(r.per_page, 3);
    assert.equal(r.page, 1);
    assert.ok(r.total >= 4);
    for (let i = 1; i < r.items.length; i++) assert.ok(r.items[i - 1].id > r.items[i].id);
    const p2 = ok(await chief.get(`${API}/audit?action=create&per_page=3&page=2`));
    assert.equal(p2.page, 2);
    assert.equal(p2.total, r.total);
    assert.ok(p2.items.length >= 1);
    assert.ok(p2.items[0].id < r.items[2].id);
  });

  test('failed logins are recorded', async () => {
    await new Client(server).login('suzuki', 'wrong-password-for-audit');
    const rows = ok(await chief.get(`${API}/audit?action=login&per_page=50`)).items;
    assert.ok(rows.some((r) => r.outcome === 'failure' || r.action === 'login_failed'), JSON.stringify(rows.slice(0, 5)));
  });

  test('a specialist or admin may not read the audit log → 403', async () => {
    assertError(await sato.get(`${API}/audit`), 403, 'forbidden');
    assertError(await suzuki.get(`${API}/audit?person_id=1`), 403, 'forbidden');
    assertError(await admin.get(`${API}/audit`), 403, 'forbidden');
    assertError(await new Client(server).get(`${API}/audit`), 401, 'unauthenticated');
  });

  test('reading the audit log is itself audited', async () => {
    const first = await chief.get(`${API}/audit?per_page=1`);
    ok(first);
    const rows = ok(await chief.get(`${API}/audit?action=read&user_id=${chief.user.id}&per_page=50`)).items;
    const row = rows.find((r) => r.entity === 'audit' && r.request_id === first.headers['x-request-id']);
    assert.ok(row, `a read/audit row for request ${first.headers['x-request-id']}: ${JSON.stringify(rows.slice(0, 3))}`);
    assert.equal(row.action, 'read');
    assert.equal(row.user_id, chief.user.id);
  });

  test('the audit log is per office', async () => {
    const office = ok(await admin.post(`${API}/offices`, { name: '監査 別事業所' }), 201);
    const login = `other${process.pid}a`;
    await createUser(admin, { login, name: '別 主任', role: 'chief', office_id: office.id });
    const otherChief = await signedIn(server, login, 'Kirin-Sora-7742!');
    const rows = ok(await otherChief.get(`${API}/audit?per_page=200`)).items;
    for (const r of rows) assert.equal(r.office_id, office.id);
    assert.ok(!rows.some((r) => r.user_id === sato.user.id));
  });
});

describe('audit chain (CLI, SQLite)', () => {
  test('audit verify exits 0 on an intact chain; tampering is refused by triggers and detected once they are dropped', { skip: SQLITE_ONLY }, async () => {
    const s = await startServer();
    const c = await signedIn(s, 'sato');
    const p = ok(await c.post(`${API}/persons`, personBody()), 201);
    ok(await c.get(`${API}/persons/${p.id}`));
    const stopped = await s.stop();
    assert.equal(stopped.code, 0);
    const db = dbFile(s.data);

    const intact = await run(['audit', 'verify', '--data', s.data]);
    assert.equal(intact.code, 0, `verify before tampering: ${intact.stdout}${intact.stderr}`);
    const rows = Number((await sqlite(db, 'SELECT COUNT(*) FROM audit_log;')).stdout.trim());
    assert.ok(rows >= 4, `rows: ${rows}`);

    // Keep untouched copies for the other cases below.
    const copyDir = await tempDir('tsunagu-copy-');
    const copy = path.join(copyDir, 'tsunagu.db');
    assert.equal((await sqlite(db, `.backup '${copy}'`)).code, 0);
    const copy3Dir = await tempDir('tsunagu-copy-');
    const copy3 = path.join(copy3Dir, 'tsunagu.db');
    assert.equal((await sqlite(db, `.backup '${copy3}'`)).code, 0);
    // The audit key goes with each copy (#13: the chain is keyed with DIR/keys/audit.key).
    for (const d of [copyDir, copy3Dir]) await fs.cp(path.join(s.data, 'keys'), path.join(d, 'keys'), { recursive: true });

    // Append-only: UPDATE and DELETE fail while the triggers are there.
    const upd = await sqlite(db, "UPDATE audit_log SET action='x' WHERE id=3;");
    assert.notEqual(upd.code, 0, 'UPDATE on audit_log must fail');
    assert.match(upd.stderr, /append-only/);
    const del = await sqlite(db, 'DELETE FROM audit_log WHERE id=3;');
    assert.notEqual(del.code, 0, 'DELETE on audit_log must fail');
    assert.match(del.stderr, /append-only/);
    assert.equal((await sqlite(db, 'SELECT action FROM audit_log WHERE id=3;')).stdout.trim() !== 'x', true);
    assert.equal((await run(['audit', 'verify', '--data', s.data])).code, 0, 'still intact');

    // Dropping the trigger and editing one row is detected, naming the row.
    const tamper = await sqlite(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action='x' WHERE id=3;");
    assert.equal(tamper.code, 0, tamper.stderr);
    const broken = await run(['audit', 'verify', '--data', s.data]);
    assert.notEqual(broken.code, 0, `verify after tampering: ${broken.stdout}`);
    assert.match(broken.stdout + broken.stderr, /\b3\b/, 'names row 3');

    // Deleting a row (triggers dropped) is detected at the next id.
    const tamper2 = await sqlite(copy, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id=2;');
    assert.equal(tamper2.code, 0, tamper2.stderr);
    const broken2 = await run(['audit', 'verify', '--data', copyDir]);
    assert.notEqual(broken2.code, 0);
    assert.match(broken2.stdout + broken2.stderr, /\b3\b/, 'names row 3, after the gap');

    // Re-hashing is not enough to hide an edit of the newest row: the row itself changes the hash.
    const last = Number((await sqlite(copy3, 'SELECT MAX(id) FROM audit_log;')).stdout.trim());
    assert.equal((await sqlite(copy3, `DROP TRIGGER IF EXISTS audit_log_no_update; UPDATE audit_log SET client_addr='10.0.0.1' WHERE id=${last};`)).code, 0);
    const broken3 = await run(['audit', 'verify', '--data', copy3Dir]);
    assert.notEqual(broken3.code, 0);
    assert.match(broken3.stdout + broken3.stderr, new RegExp(`\\b${last}\\b`));
  });
});

describe('audit chain (CLI, PostgreSQL)', () => {
  test('audit verify exits 0 on an intact chain; UPDATE, DELETE and TRUNCATE are refused by triggers; edits with the triggers disabled are detected', { skip: PG_ONLY }, async () => {
    const s = await startServer();
    const c = await signedIn(s, 'sato');
    const p = ok(await c.post(`${API}/persons`, personBody()), 201);
    ok(await c.get(`${API}/persons/${p.id}`));
    assert.equal((await s.stop()).code, 0);

    const intact = await run(['audit', 'verify', '--data', s.data]);
    assert.equal(intact.code, 0, `verify before tampering: ${intact.stdout}${intact.stderr}`);
    const rows = Number((await pgSql(s.data, 'SELECT COUNT(*) FROM audit_log')).stdout.trim());
    assert.ok(rows >= 4, `rows: ${rows}`);

    // Untouched copies for the other cases below.
    const copyDir = await tempDir('tsunagu-copy-');
    await pgCopy(s.data, copyDir);
    const copy3Dir = await tempDir('tsunagu-copy-');
    await pgCopy(s.data, copy3Dir);
    for (const d of [copyDir, copy3Dir]) await fs.cp(path.join(s.data, 'keys'), path.join(d, 'keys'), { recursive: true });

    // Append-only: UPDATE, DELETE and TRUNCATE fail while the triggers are enabled.
    for (const sql of ["UPDATE audit_log SET action = 'x' WHERE id = 3", 'DELETE FROM audit_log WHERE id = 3', 'TRUNCATE audit_log']) {
      const r = await pgSql(s.data, sql);
      assert.notEqual(r.code, 0, `${sql} must fail`);
      assert.match(r.stderr, /append-only/);
    }
    assert.notEqual((await pgSql(s.data, 'SELECT action FROM audit_log WHERE id = 3')).stdout.trim(), 'x');
    assert.equal((await run(['audit', 'verify', '--data', s.data])).code, 0, 'still intact');

    // Disabling the trigger and editing one row is detected, naming the row.
    const tamper = await pgSql(s.data, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'x' WHERE id = 3;");
    assert.equal(tamper.code, 0, tamper.stderr);
    const broken = await run(['audit', 'verify', '--data', s.data]);
    assert.notEqual(broken.code, 0, `verify after tampering: ${broken.stdout}`);
    assert.match(broken.stdout + broken.stderr, /\b3\b/, 'names row 3');

    // Deleting a row (trigger disabled) is detected at the next id.
    const tamper2 = await pgSql(copyDir, 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;');
    assert.equal(tamper2.code, 0, tamper2.stderr);
    const broken2 = await run(['audit', 'verify', '--data', copyDir]);
    assert.notEqual(broken2.code, 0);
    assert.match(broken2.stdout + broken2.stderr, /\b3\b/, 'names row 3, after the gap');

    // Editing the newest row changes its own hash.
    const last = Number((await pgSql(copy3Dir, 'SELECT MAX(id) FROM audit_log')).stdout.trim());
    const tamper3 = await pgSql(copy3Dir, `ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET client_addr = '10.0.0.1' WHERE id = ${last};`);
    assert.equal(tamper3.code, 0, tamper3.stderr);
    const broken3 = await run(['audit', 'verify', '--data', copy3Dir]);
    assert.notEqual(broken3.code, 0);
    assert.match(broken3.stdout + broken3.stderr, new RegExp(`\\b${last}\\b`));
  });
});
