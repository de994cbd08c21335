// `tsunagu generate`: fictional data at scale (small N here), served by the API within each user's
// scope, audited in the chain, and reproducible: the same seed and --today give the same data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  PG,
  allPages,
  assertError,
  cleanup,
  dbFile,
  ok,
  pgSql,
  run,
  runOk,
  signedIn,
  sqlite,
  startServer,
  tempDir,
} from './lib/harness.mjs';

const TODAY = '2026-11-30';
const gen = (data, seed, extra = []) =>
  ['generate', '--persons', '240', '--offices', '3', '--seed', String(seed), '--today', TODAY, '--per-specialist', '20', '--data', data, ...extra];

/** A checksum of a few tables, in SQL that both engines run alike. */
async function checksum(data) {
  const q = (t, expr) => `SELECT '${t}', COUNT(*), COALESCE(SUM(${expr}), 0) FROM ${t}`;
  const sql = [
    q('persons', 'id + LENGTH(name) * 7 + LENGTH(kana) * 11 + LENGTH(address) * 13 + office_id'),
    q('assignments', 'person_id * 3 + user_id'),
    q('decisions', 'id + LENGTH(monitoring_periods) + LENGTH(services) + monitoring_interval_months'),
    q('plans', 'id + LENGTH(needs) + LENGTH(weekly) + version'),
    q('monitorings', 'id + LENGTH(goals) + plan_id'),
    q('consents', 'id + LENGTH(scope) + LENGTH(expires_on)'),
  ].join(' UNION ALL ');
  const r = PG ? await pgSql(data, sql + ' ORDER BY 1') : await sqlite(dbFile(data), sql + ' ORDER BY 1;');
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

let a;
let b;
let c;
let server;
let chief;

before(async () => {
  [a, b, c] = await Promise.all([tempDir(), tempDir(), tempDir()]);
  const r = await runOk(gen(a, 7));
  assert.match(r.stdout, /generated 240 persons in 3 offices/);
  await runOk(gen(b, 7));
  await runOk(gen(c, 8));
  server = await startServer({ data: a });
  chief = await signedIn(server, 'chief1');
});
after(cleanup);

describe('tsunagu generate', () => {
  test('the same seed gives the same data; another seed other data', async () => {
    const [ca, cb, cc] = await Promise.all([checksum(a), checksum(b), checksum(c)]);
    assert.match(ca, /persons\|240\|/);
    assert.equal(ca, cb);
    assert.notEqual(ca, cc);
  });

  test('a chief sees the persons of the office, with casework in the API shape', async () => {
    const all = await allPages(chief, `${API}/persons`);
    assert.equal(all.total, 80, 'three even offices of 80');
    for (const p of all.items) assert.match(p.kana, /^[ァ-ヶー ]+$/);
    const person = all.items.find((p) => p.certificate_number);
    const plans = ok(await chief.get(`${API}/persons/${person.id}/plans`));
    const list = plans.items ?? plans;
    assert.ok(list.length >= 1);
    const plan = ok(await chief.get(`${API}/persons/${person.id}/plans/${list[0].id}`));
    assert.ok(Array.isArray(plan.needs) && plan.needs.length >= 1);
    assert.equal(typeof plan.needs[0].goal.indicator, 'string');
    const decisions = ok(await chief.get(`${API}/persons/${person.id}/decisions`));
    const dl = decisions.items ?? decisions;
    assert.ok(dl.length >= 1);
    assert.ok(Array.isArray(dl[0].monitoring_periods) && dl[0].monitoring_periods.length >= 1);
    ok(await chief.get(`${API}/persons/${person.id}/consents`));
    ok(await chief.get(`${API}/persons/${person.id}/monitorings`));
    for (const view of ['/caseload', '/alerts', '/monitoring/due']) ok(await chief.get(`${API}${view}`));
  });

  test('a specialist sees only assigned persons; other offices and admins are refused', async () => {
    const sp = await signedIn(server, 'sp1-1');
    const mine = await allPages(sp, `${API}/persons`);
    const all = await allPages(chief, `${API}/persons`);
    assert.ok(mine.total > 0 && mine.total < all.total, `${mine.total} of ${all.total}`);
    for (const p of mine.items) assert.ok(p.assignees.some((u) => u.id === sp.user.id));
    const mineIds = new Set(mine.items.map((p) => p.id));
    const other = all.items.find((p) => !mineIds.has(p.id));
    assertError(await sp.get(`${API}/persons/${other.id}`), 404);
    const chief2 = await signedIn(server, 'chief2');
    assertError(await chief2.get(`${API}/persons/${other.id}`), 404);
    const admin = await signedIn(server, 'admin');
    assertError(await admin.get(`${API}/persons`), 403);
  });

  test('one generate audit row per office, in an intact chain', async () => {
    const rows = ok(await chief.get(`${API}/audit?action=generate`));
    assert.equal(rows.total, 1);
    assert.equal(rows.items[0].entity, 'office');
    const v = await runOk(['audit', 'verify', '--data', a]);
    assert.match(v.stdout, /audit chain intact/);
  });

  test('refuses a database that already has offices; notes skipped without a notes table', async () => {
    const again = await run(gen(a, 7));
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /new database/);
    const d = await tempDir();
    const n = await runOk(['generate', '--persons', '5', '--notes-per-person', '2', '--today', TODAY, '--data', d]);
    assert.match(n.stderr + n.stdout, /skipped|\b10 notes/);
    const bad = await run(['generate', '--persons', '5', '--today', '2026-13-01', '--data', await tempDir()]);
    assert.equal(bad.code, 2);
  });
});
