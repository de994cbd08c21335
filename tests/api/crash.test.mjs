// Issue #13, part A: crash safety. kill -9 the server while several clients write at once, again
// and again (TSUNAGU_CRASH_ROUNDS, 20 in `make test`, more in `make soak`): every write answered
// 2xx is there after the restart, SQLite's integrity_check is ok and `audit verify` passes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  PG,
  cleanup,
  dbFile,
  demoDataDir,
  personBody,
  run,
  signedIn,
  sleep,
  sqlite,
  startServer,
} from './lib/harness.mjs';

after(cleanup);

const ROUNDS = Number(process.env.TSUNAGU_CRASH_ROUNDS || 20);
const WRITERS = 4;

test(`kill -9 during concurrent writes, ${ROUNDS} rounds: acknowledged writes survive, integrity_check ok, audit verify passes`, { timeout: 900_000 }, async () => {
  const data = await demoDataDir();
  const acked = [];
  for (let round = 0; round < ROUNDS; round++) {
    const s = await startServer({ data });
    const c = await signedIn(s, 'sato');
    let stop = false;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const name = `衝突 ${round}-${w}-${i}`;
        let res;
        try {
          res = await c.post(`${API}/persons`, personBody({ name }));
        } catch {
          return; // the connection died with the server
        }
        if (res.status === 201) acked.push({ id: res.body.id, name });
      }
    });
    await sleep(100 + Math.floor(Math.random() * 400));
    s.proc.kill('SIGKILL');
    stop = true;
    await s.exited;
    await Promise.allSettled(writers);
    if (!PG) {
      const ic = await sqlite(dbFile(data), 'PRAGMA integrity_check;');
      assert.equal(ic.stdout.trim(), 'ok', `round ${round}: ${ic.stdout}${ic.stderr}`);
    }
  }
  assert.ok(acked.length >= ROUNDS, `writes were acknowledged before the kills: ${acked.length}`);

  const s = await startServer({ data });
  const c = await signedIn(s, 'sato');
  for (const a of acked) {
    const r = await c.get(`${API}/persons/${a.id}`);
    assert.equal(r.status, 200, `acknowledged person ${a.id} (${a.name}) is there`);
    assert.equal(r.body.name, a.name);
  }
  assert.equal((await s.stop()).code, 0);
  const v = await run(['audit', 'verify', '--data', data]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
});
