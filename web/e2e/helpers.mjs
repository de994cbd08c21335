// Shared pieces of the browser tests: the real server on a temporary data directory and a
// free port, Debian's Chromium through playwright-core, login, axe-core, PDF page counting.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

export const BIN = resolve(here, '..', process.env.TSUNAGU_BIN ?? '../build/tsunagu');
export const PASSWORD = 'tsunagu-demo-2026';
export const ARTIFACTS = join(here, 'artifacts');

/**
 * `$BIN demo --data DIR` then `$BIN serve --data DIR --listen 127.0.0.1:0`; resolves when
 * stdout says `listening on http://127.0.0.1:PORT`. Returns { url, logins, stop }.
 * TSUNAGU_E2E_URL=http://… uses a server that is already running instead.
 */
export async function startServer() {
  if (process.env.TSUNAGU_E2E_URL) {
    // Debugging against a server that is already running (its data is not reset).
    const logins = [
      { login: 'sato', role: 'specialist' },
      { login: 'suzuki', role: 'specialist' },
      { login: 'tanaka', role: 'chief' },
      { login: 'admin', role: 'admin' },
    ];
    return { url: process.env.TSUNAGU_E2E_URL, logins, stop: async () => {}, demoOut: 'password: ' + PASSWORD };
  }
  const data = mkdtempSync(join(tmpdir(), 'tsunagu-e2e-'));
  // The UI is under test, not the password hash: the interactive Argon2id cost keeps many logins
  // and account creations quick when ctest runs the suites side by side on two cores.
  const env = { ...process.env, TSUNAGU_PWHASH: 'interactive' };
  const demoOut = execFileSync(BIN, ['demo', '--data', data], { encoding: 'utf8', timeout: 120_000, env });
  const logins = [...demoOut.matchAll(/^\s+(\w+) \((\w+), ([^)]+)\)/gm)].map((m) => ({ login: m[1], role: m[2], name: m[3] }));
  const proc = spawn(BIN, ['serve', '--data', data, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not say "listening on" within 30 s\n' + stderr)), 30_000);
    const rl = createInterface({ input: proc.stdout });
    rl.on('line', (line) => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${stderr}`));
    });
  });
  const stop = async () => {
    if (proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    rmSync(data, { recursive: true, force: true });
  };
  return { url, logins, stop, demoOut };
}

export async function launchBrowser() {
  const args = ['--lang=ja-JP', '--font-render-hinting=none'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args,
  });
}

export async function newPage(browser, baseURL, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  // Generous: ctest runs the browser flows beside the API suites on two cores.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  page.on('console', (m) => {
    // CSP violations and uncaught errors show up here.
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push('console: ' + m.text());
  });
  page.problems = problems;
  return { context, page };
}

export async function login(page, loginName, password = PASSWORD) {
  await page.goto('/');
  await page.getByLabel('ログインID').fill(loginName);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('button', { name: 'ログアウト' }).waitFor();
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the current page: no serious or critical violation.
 * page.addScriptTag() adds an inline <script>, which the server's CSP (default-src 'self')
 * rightly refuses; evaluating the source through the DevTools protocol is not subject to CSP,
 * so the tests keep the real CSP on (and catch our own violations) and still run axe.
 */
export async function expectAccessible(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n` + v.nodes.slice(0, 5).map((n) => '    ' + n.target.join(' ') + ' ' + (n.failureSummary ?? '').split('\n').join(' ')).join('\n'))
    .join('\n');
  assert.equal(bad.length, 0, `axe on ${label}:\n${text}`);
  assert.deepEqual(page.problems ?? [], [], `browser errors on ${label}`);
}

/** Page objects in a PDF: "/Type /Page" but not "/Type /Pages". */
export function pdfPageCount(buf) {
  const text = buf.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

export function artifactsDir() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/** Today in Japan as YYYY-MM-DD (the tests run with timezoneId Asia/Tokyo). */
export function todayJst() {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
}
