// HTTP benchmark against the real binary on a temporary demo office (loopback only, bounded).
// Prints medians and ratios against baselines measured in the same run:
//   start-up (exec → "listening on") against `tsunagu --version` (process start alone);
//   authenticated, audited API reads against GET /healthz (the server's floor per request).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.TSUNAGU_BIN ?? 'build/tsunagu';
const env = { ...process.env, TSUNAGU_PWHASH: 'interactive' };
const dir = mkdtempSync(join(tmpdir(), 'tsunagu-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

function startServer() {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    // stderr (the request log) is not read: it must not be a pipe that fills and blocks the server.
    const p = spawn(BIN, ['serve', '--data', dir, '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    p.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/[^\s]+)/);
      if (m) resolve({ p, url: m[1], startMs: ms(t0) });
    });
    p.on('exit', (c) => reject(new Error('server exited ' + c)));
  });
}
const stop = (p) => new Promise((r) => { p.on('exit', r); p.kill('SIGTERM'); });

try {
  execFileSync(BIN, ['demo', '--data', dir], { env, stdio: 'ignore' });
  const versionMs = [], startMs = [];
  for (let i = 0; i < 7; i++) {
    let t0 = process.hrtime.bigint();
    execFileSync(BIN, ['--version'], { stdio: 'ignore' });
    versionMs.push(ms(t0));
    const s = await startServer();
    startMs.push(s.startMs);
    await stop(s.p);
  }
  const s = await startServer();
  const login = await fetch(s.url + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'tanaka', password: 'tsunagu-demo-2026' }) });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  async function timeGets(path, n, headers = {}) {
    const xs = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      const r = await fetch(s.url + path, { headers });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(path + ' ' + r.status);
      xs.push(ms(t0));
    }
    return median(xs);
  }
  const N = 200;
  const health = await timeGets('/healthz', N);
  const results = {
    startup_ms: median(startMs), version_ms: median(versionMs),
    healthz_ms: health,
    persons_list_ms: await timeGets('/api/v1/persons?per_page=50', N, { cookie }),
    person_read_ms: await timeGets('/api/v1/persons/1', N, { cookie }),
    caseload_ms: await timeGets('/api/v1/caseload', N, { cookie }),
    alerts_ms: await timeGets('/api/v1/alerts', N, { cookie }),
  };
  await stop(s.p);
  console.log(`start-up          ${results.startup_ms.toFixed(1)} ms  ×${(results.startup_ms / results.version_ms).toFixed(1)} of process start (${results.version_ms.toFixed(1)} ms)`);
  for (const k of ['persons_list_ms', 'person_read_ms', 'caseload_ms', 'alerts_ms'])
    console.log(`${k.padEnd(18)}${results[k].toFixed(2)} ms  ×${(results[k] / health).toFixed(1)} of GET /healthz (${health.toFixed(2)} ms)`);
  mkdirSync('bench/results', { recursive: true });
  const out = `bench/results/${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z-http.json`;
  writeFileSync(out, JSON.stringify(results, null, 2));
  console.log('written:', out);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
