// The read path of the speed issue (#8), checked for correctness (no timings here: `make bench`
// measures speed): reads run in parallel and their audit rows are committed in batches before the
// response leaves; writers queue in the process; a busy database answers 503, never 500; the
// views are paged in SQL and return the same items page by page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  API, ENV, SQLITE3, SQLITE_ONLY, allPages, cleanup, dbFile, ok, run, signedIn, sleep, startServer, todayJst, addDays,
} from './lib/harness.mjs';

after(cleanup);

/** Runs `fn` on `n` workers until `ms` have passed; returns every result. */
async function hammer(n, ms, fn) {
  const until = Date.now() + ms;
  const results = [];
  await Promise.all(
    Array.from({ length: n }, async (_, w) => {
      for (let i = 0; Date.now() < until; i++) results.push(await fn(w, i));
    }),
  );
  return results;
}

/** Every audit row of the office (as the chief), oldest first. */
async function allAudit(chief, filter = {}) {
  const q = new URLSearchParams(filter).toString();
  const { items } = await allPages(chief, `${API}/audit${q ? `?${q}` : ''}`);
  return items.reverse();
}

describe('audited reads under concurrency', () => {
  let server, chief, sato, persons;
  before(async () => {
    // 36 clients at once from one address, each may hold several connections: above the default
    // per-address limit (64, issue #13), which this test is not about.
    server = await startServer({ args: ['--threads', '4', '--max-connections-per-address', '512'] });
    chief = await signedIn(server, 'tanaka');
    sato = await signedIn(server, 'sato');
    persons = (await allPages(sato, `${API}/persons`)).items;
    assert.ok(persons.length >= 2);
  });

  test('32 readers and 4 writers: one audit row per person read or written, no 5xx, chain intact', async () => {
    const startedAt = new Date(Date.now() - 1000).toISOString().slice(0, 19) + 'Z';
    const [reads, writes] = await Promise.all([
      hammer(32, 3000, async (w, i) => {
        const p = persons[(w + i) % persons.length];
        const r = await sato.get(`${API}/persons/${p.id}`);
        return { status: r.status, id: r.headers['x-request-id'] ?? r.body?.id, person: p.id, rid: r.headers['x-request-id'] };
      }),
      hammer(4, 3000, async (w, i) => {
        const p = persons[(w * 7 + i) % persons.length];
        const r = await sato.patch(`${API}/persons/${p.id}`, { notes: `speed ${w}-${i}` });
        return { status: r.status, person: p.id };
      }),
    ]);
    const bad = [...reads, ...writes].filter((r) => r.status >= 500);
    assert.deepEqual(bad, [], 'no 5xx under 32 readers and 4 writers');
    assert.ok(reads.every((r) => r.status === 200));
    assert.ok(writes.every((r) => r.status === 200));
    const rows = await allAudit(chief, { user_id: String(sato.user.id), from: startedAt });
    const readRows = rows.filter((r) => r.action === 'read' && r.entity === 'person');
    const updateRows = rows.filter((r) => r.action === 'update' && r.entity === 'person');
    assert.equal(readRows.length, reads.length, 'one audit row per read');
    assert.equal(updateRows.length, writes.length, 'one audit row per write');
    // Per person, too.
    const count = (xs, key) => xs.reduce((m, x) => m.set(x[key], (m.get(x[key]) ?? 0) + 1), new Map());
    assert.deepEqual(count(readRows, 'person_id'), count(reads, 'person'));
    const verify = await run(['audit', 'verify', '--data', server.data]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  test('a list read audits one row per person shown, in the same batch', async () => {
    const page = ok(await sato.get(`${API}/persons?per_page=3`));
    const rid = page.items.length;
    assert.ok(rid >= 1);
    const rows = await allAudit(chief, { user_id: String(sato.user.id), action: 'list' });
    const last = rows.filter((r) => r.entity === 'person').slice(-page.items.length);
    assert.deepEqual(last.map((r) => r.person_id).sort(), page.items.map((p) => p.id).sort());
    assert.equal(new Set(last.map((r) => r.request_id)).size, 1, 'one request');
  });
});

describe('acknowledged reads survive a crash (kill -9 mid-batch)', () => {
  test('every read answered 200 before the kill has its audit row after restart', async () => {
    const server = await startServer();
    const sato = await signedIn(server, 'sato');
    const persons = (await allPages(sato, `${API}/persons`)).items;
    const acknowledged = [];
    let stop = false;
    const load = Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const p = persons[(w + i) % persons.length];
          try {
            const r = await sato.get(`${API}/persons/${p.id}`);
            if (r.status === 200) acknowledged.push(r.headers['x-request-id']);
          } catch {
            return; // the server is gone
          }
        }
      }),
    );
    await sleep(800);
    server.proc.kill('SIGKILL');
    await server.exited;
    stop = true;
    await load;
    assert.ok(acknowledged.length > 20, `some reads were answered (${acknowledged.length})`);
    assert.ok(acknowledged.every(Boolean), 'each answer names its request id');
    const again = await startServer({ data: server.data });
    const chief = await signedIn(again, 'tanaka');
    const rows = await allAudit(chief, { user_id: String(sato.user.id), action: 'read' });
    const audited = new Set(rows.map((r) => r.request_id));
    const lost = acknowledged.filter((id) => !audited.has(id));
    assert.deepEqual(lost, [], 'no acknowledged read lost its audit row');
    const verify = await run(['audit', 'verify', '--data', again.data]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });
});

describe('a busy database answers 503 busy with Retry-After', { skip: SQLITE_ONLY }, () => {
  test('while another process holds the write lock, writes and audited reads get 503, then work again', async () => {
    const server = await startServer({ args: ['--busy-timeout-ms', '300'] });
    const sato = await signedIn(server, 'sato');
    const [p] = (await allPages(sato, `${API}/persons`)).items;
    // Another process (as a backup or a second tool would) takes SQLite's write lock and keeps it.
    const holder = spawn(SQLITE3, [dbFile(server.data)], { stdio: ['pipe', 'pipe', 'pipe'] });
    holder.stdin.write('BEGIN IMMEDIATE;\nSELECT 1;\n');
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    try {
      const write = await sato.patch(`${API}/persons/${p.id}`, { notes: 'busy' });
      assert.equal(write.status, 503, write.text);
      assert.equal(write.body.error.code, 'busy');
      assert.ok(Number(write.headers['retry-after']) >= 1, 'Retry-After');
      const read = await sato.get(`${API}/persons/${p.id}`);
      assert.equal(read.status, 503, 'a read whose audit row cannot be committed is not answered with data');
      assert.equal(read.body.error.code, 'busy');
      assert.equal(read.body.name, undefined);
    } finally {
      holder.stdin.end('ROLLBACK;\n.quit\n');
      await new Promise((resolve) => holder.on('exit', resolve));
    }
    ok(await sato.patch(`${API}/persons/${p.id}`, { notes: 'free again' }));
    ok(await sato.get(`${API}/persons/${p.id}`));
  });
});

describe('paged views', () => {
  let server, chief, sato;
  before(async () => {
    server = await startServer();
    chief = await signedIn(server, 'tanaka');
    sato = await signedIn(server, 'sato');
  });

  const views = [
    ['caseload', `${API}/caseload`, (x) => x.person_id],
    ['alerts', `${API}/alerts`, (x) => `${x.kind}:${x.person_id}:${x.entity}:${x.entity_id}`],
    ['due', `${API}/monitoring/due?from=${addDays(todayJst(), -400)}&to=${addDays(todayJst(), -35)}`, (x) => `${x.person_id}:${x.due_month}`],
  ];
  for (const [name, path, key] of views) {
    test(`${name}: pages of 2 concatenate to the whole list, with page, per_page and total`, async () => {
      const whole = ok(await chief.get(`${path}${path.includes('?') ? '&' : '?'}per_page=200`));
      assert.equal(whole.page, 1);
      assert.equal(whole.per_page, 200);
      assert.equal(whole.total, whole.items.length);
      assert.ok(whole.total >= 2, `${name} has items in the demo office`);
      const paged = await allPages(chief, path, 2);
      assert.equal(paged.total, whole.total);
      assert.deepEqual(paged.items.map(key), whole.items.map(key));
    });
    test(`${name}: per_page over 200 or page 0 → 400`, async () => {
      const sep = path.includes('?') ? '&' : '?';
      assert.equal((await chief.get(`${path}${sep}per_page=201`)).status, 400);
      assert.equal((await chief.get(`${path}${sep}page=0`)).status, 400);
    });
    test(`${name}: a specialist's view is the chief's restricted to their persons`, async () => {
      const mine = new Set((await allPages(sato, `${API}/persons`)).items.map((p) => p.id));
      // Office-level alerts (no person) are each user's own; the persons' part is the chief's, restricted.
      const all = (await allPages(chief, path)).items.filter((x) => x.person_id !== null);
      const theirs = (await allPages(sato, path)).items.filter((x) => x.person_id !== null);
      assert.deepEqual(theirs.map(key), all.filter((x) => mine.has(x.person_id)).map(key));
    });
  }

  test('alerts follow the view order: already due first, then by days left; office alerts last', async () => {
    const { items } = await allPages(chief, `${API}/alerts`);
    const first = new Set(['monitoring_overdue', 'abuse_report', 'redflag_raised', 'redflag_review_due']);
    const persons = items.filter((a) => a.person_id !== null);
    const office = items.filter((a) => a.person_id === null);
    assert.deepEqual(items, [...persons, ...office], 'office-level alerts follow the persons\' alerts');
    const rank = persons.map((a) => [first.has(a.kind) ? 0 : 1, a.days_left]);
    const sorted = [...rank].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(rank, sorted);
  });

  test('a write moves the views at once (facts refreshed in the same transaction)', async () => {
    const before = ok(await chief.get(`${API}/caseload?per_page=200`)).items;
    const target = before.find((c) => c.alert_count > 0) ?? before[0];
    const alertsBefore = (await allPages(chief, `${API}/alerts?person_id=${target.person_id}`)).items;
    // Giving the person a support-level validity ending in 10 days adds one alert of that kind.
    const until = addDays(todayJst(), 10);
    ok(await chief.patch(`${API}/persons/${target.person_id}`, { support_level: '3', support_level_valid_until: until }));
    const alertsAfter = (await allPages(chief, `${API}/alerts?person_id=${target.person_id}`)).items;
    const expiring = alertsAfter.filter((a) => a.kind === 'support_level_expiring');
    assert.equal(expiring.length, 1);
    assert.equal(expiring[0].date, until);
    assert.equal(expiring[0].days_left, 10);
    assert.equal(alertsAfter.length, alertsBefore.filter((a) => a.kind !== 'support_level_expiring').length + 1);
    const row = ok(await chief.get(`${API}/caseload?per_page=200`)).items.find((c) => c.person_id === target.person_id);
    assert.equal(row.alert_count, alertsAfter.length);
  });

  test('the alerts of a later day come from the same facts (server clock moved by 200 days)', async () => {
    await server.stop();
    const later = await startServer({ data: server.data, env: { ...ENV, TSUNAGU_TIME_OFFSET: String(200 * 86400) } });
    const c = await signedIn(later, 'tanaka');
    const { items } = await allPages(c, `${API}/alerts`);
    const today = addDays(todayJst(), 200);
    for (const a of items) {
      const left = Math.round((Date.parse(a.date) - Date.parse(today)) / 86400000);
      assert.equal(a.days_left, left, `${a.kind} ${a.date}`);
      // Deadline windows show from N days before up to the day; overdue kinds after it; abuse
      // reports and raised flags from their date until closed.
      if (['monitoring_overdue', 'task_overdue', 'redflag_review_due'].includes(a.kind)) assert.ok(a.days_left < 0, a.kind);
      else if (!['abuse_report', 'redflag_raised', 'directory_contact_due', 'weak_ties_review', 'training_due', 'supervision_due', 'internal_audit_due'].includes(a.kind))
        assert.ok(a.days_left >= 0, `${a.kind} ${a.days_left}`);
    }
    assert.ok(items.some((a) => a.kind === 'monitoring_overdue'), 'months not recorded are overdue 200 days on');
    await later.stop();
  });
});

describe('person search', () => {
  let server, chief;
  before(async () => {
    server = await startServer();
    chief = await signedIn(server, 'tanaka');
  });
  test('1-, 2- and 3-character queries, FTS operators and quotes are plain text', async () => {
    const all = (await allPages(chief, `${API}/persons`)).items;
    const someone = all[0];
    const family = someone.name.split(/[\s　]/)[0];
    for (const q of [family.slice(0, 1), family, someone.name.slice(0, 3), someone.kana.slice(0, 3), someone.kana.slice(1, 4)]) {
      const r = ok(await chief.get(`${API}/persons?per_page=200&q=${encodeURIComponent(q)}`));
      const expected = all.filter((p) => p.name.includes(q) || p.kana.includes(q)).map((p) => p.id).sort();
      assert.deepEqual(r.items.map((p) => p.id).sort(), expected, q);
      assert.equal(r.total, expected.length, q);
      assert.equal(r.total_is_lower_bound, false);
    }
    for (const q of ['OR', 'NEAR', '"', 'a*', '"OR"', 'name : x', '^', '%%%']) {
      const r = await chief.get(`${API}/persons?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, `${q}: ${r.text}`);
      assert.equal(r.body.total, 0, q);
    }
  });
});
