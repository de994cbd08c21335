// Shared harness for the HTTP API tests (node:test, Node 18+, no npm packages).
//
// Each test file starts its own server(s) on a fresh temporary data folder and a free port, so
// files can run in parallel. The binary is $TSUNAGU_BIN (default /work/main/build/tsunagu);
// TSUNAGU_PWHASH=interactive keeps Argon2id fast enough for tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

export const BIN = path.resolve(process.env.TSUNAGU_BIN || '/work/main/build/tsunagu');
export const DEMO_PASSWORD = 'tsunagu-demo-2026';
export const ENV = { ...process.env, TSUNAGU_PWHASH: 'interactive' };
export const API = '/api/v1';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- temporary folders -----------------------------------------------------------------------

const tempDirs = [];

/** A new empty temporary folder, removed by cleanup(). */
export async function tempDir(prefix = 'tsunagu-api-') {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Stops every server still running and removes every temporary folder. Call from after(). */
export async function cleanup() {
  await Promise.allSettled([...servers].map((s) => s.stop()));
  await Promise.allSettled(tempDirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
}

// --- running the binary ----------------------------------------------------------------------

/**
 * Runs `tsunagu ...args` to completion. Resolves {code, signal, stdout, stderr, ms}; never rejects
 * on a non-zero exit. `input` is written to standard input (then closed).
 */
export function run(args, { input, timeoutMs = 30000, env = ENV, bin = BIN } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(bin, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
    child.stdin.on('error', () => {}); // the program may exit before reading its input
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** Runs a command that must succeed; returns its result. */
export async function runOk(args, opts) {
  const r = await run(args, opts);
  assert.equal(r.code, 0, `tsunagu ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

/** A new data folder with the demo office (sato, suzuki, tanaka, admin; 30 persons). */
export async function demoDataDir() {
  const data = await tempDir('tsunagu-data-');
  await runOk(['demo', '--data', data]);
  return data;
}

// --- the server ------------------------------------------------------------------------------

const servers = new Set();
// Never leave a server behind, even when a test file crashes.
process.on('exit', () => {
  for (const s of servers) {
    try {
      s.proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});
const LISTENING = /listening on (https?):\/\/(\S+):(\d+)/;

/**
 * Starts `tsunagu serve --data DATA --listen 127.0.0.1:0 ...args` and waits for its
 * "listening on" line. Without `data`, makes a new demo data folder first.
 * Returns a Server: {url, port, scheme, data, proc, output(), stop(), exited}.
 */
export async function startServer({ data, args = [], listen = '127.0.0.1:0', env = ENV, timeoutMs = 20000 } = {}) {
  if (!data) data = await demoDataDir();
  const proc = spawn(BIN, ['serve', '--data', data, '--listen', listen, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep draining both pipes for the whole life of the server: it logs every request to stdout
  // and would block once a pipe buffer filled up.
  let out = '';
  const keep = (d) => {
    out += d;
    if (out.length > 4_000_000) out = out.slice(-2_000_000);
  };
  proc.stdout.setEncoding('utf8').on('data', keep);
  proc.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));

  const server = {
    proc,
    data,
    exited,
    output: () => out,
    stopped: false,
    /** SIGTERM (or `signal`), then waits for the exit; SIGKILL after `graceMs`. Resolves {code, signal, ms}. */
    async stop(signal = 'SIGTERM', graceMs = 10000) {
      servers.delete(server);
      const t0 = Date.now();
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const r = await exited;
      clearTimeout(timer);
      server.stopped = true;
      return { ...r, ms: Date.now() - t0 };
    },
  };
  servers.add(server);

  const line = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not report "listening on" within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = LISTENING.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout.off('data', check);
        resolve(m);
      }
    };
    proc.stdout.on('data', check);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      servers.delete(server);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${out}`));
    });
    check();
  });
  server.scheme = line[1];
  server.port = Number(line[3]);
  server.url = `${server.scheme}://127.0.0.1:${server.port}`;
  return server;
}

// --- HTTP ------------------------------------------------------------------------------------

/**
 * One HTTP(S) request. `body` is sent as given (string/Buffer) or, when an object, as JSON with
 * Content-Type application/json (unless headers say otherwise). Resolves
 * {status, headers (lower-case names → string), setCookies [string], text, body (parsed JSON or undefined)}.
 * HTTPS goes through node:https with certificate checks off (the tests use self-signed certs).
 */
export async function httpRequest(url, { method = 'GET', headers = {}, body } = {}) {
  const h = { ...headers };
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    payload = JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
  }
  let res;
  if (url.startsWith('https:')) {
    res = await new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers: h, rejectUnauthorized: false }, (r) => {
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => {
          const headersOut = {};
          for (const [k, v] of Object.entries(r.headers)) if (k !== 'set-cookie') headersOut[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({
            status: r.statusCode,
            headers: headersOut,
            setCookies: r.headers['set-cookie'] || [],
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        r.on('error', reject);
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  } else {
    const r = await fetch(url, { method, headers: h, body: payload });
    const headersOut = {};
    r.headers.forEach((v, k) => {
      if (k !== 'set-cookie') headersOut[k] = v;
    });
    let setCookies = [];
    if (typeof r.headers.getSetCookie === 'function') setCookies = r.headers.getSetCookie();
    else if (r.headers.get('set-cookie')) setCookies = [r.headers.get('set-cookie')];
    res = { status: r.status, headers: headersOut, setCookies, text: await r.text() };
  }
  try {
    res.body = res.text.length ? JSON.parse(res.text) : undefined;
  } catch {
    res.body = undefined;
  }
  return res;
}

/** The value of cookie `name` in a list of Set-Cookie headers, and its attributes. */
export function parseSetCookie(setCookies, name) {
  for (const sc of setCookies) {
    const parts = sc.split(';').map((p) => p.trim());
    const [k, ...v] = parts[0].split('=');
    if (k !== name) continue;
    const attrs = {};
    for (const p of parts.slice(1)) {
      const [ak, ...av] = p.split('=');
      attrs[ak.toLowerCase()] = av.length ? av.join('=') : true;
    }
    return { value: v.join('='), attrs, raw: sc };
  }
  return undefined;
}

/**
 * A signed-in (or not) browser-like client: keeps the tsunagu_session cookie and the CSRF token,
 * sends JSON and X-CSRF-Token on unsafe methods.
 */
export class Client {
  constructor(serverOrUrl) {
    this.base = typeof serverOrUrl === 'string' ? serverOrUrl : serverOrUrl.url;
    this.cookie = undefined; // the session token value
    this.csrf = undefined;
    this.user = undefined;
  }

  /** POST /auth/login; on 200 keeps the cookie, the CSRF token and the user. Returns the response. */
  async login(login, password = DEMO_PASSWORD) {
    const r = await this.request('POST', `${API}/auth/login`, { body: { login, password }, csrf: false });
    if (r.status === 200) {
      const c = parseSetCookie(r.setCookies, 'tsunagu_session');
      if (c) this.cookie = c.value;
      this.csrf = r.body.csrf_token;
      this.user = r.body.user;
    }
    return r;
  }

  /** Logs in and fails the test unless it worked. */
  async loginOk(login, password = DEMO_PASSWORD) {
    const r = await this.login(login, password);
    assert.equal(r.status, 200, `login ${login}: ${r.status} ${r.text}`);
    return this;
  }

  /**
   * method, path (relative to the server), options: body (object → JSON), headers, csrf
   * (true: send the kept token; false: none; a string: send that), cookie (override).
   */
  async request(method, p, { body, headers = {}, csrf = true, cookie } = {}) {
    const h = { ...headers };
    const c = cookie === undefined ? this.cookie : cookie;
    if (c) h.Cookie = `tsunagu_session=${c}`;
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (unsafe && csrf) {
      const token = typeof csrf === 'string' ? csrf : this.csrf;
      if (token) h['X-CSRF-Token'] = token;
    }
    return httpRequest(this.base + p, { method, headers: h, body });
  }

  get(p, opts) {
    return this.request('GET', p, opts);
  }
  post(p, body, opts = {}) {
    return this.request('POST', p, { ...opts, body });
  }
  patch(p, body, opts = {}) {
    return this.request('PATCH', p, { ...opts, body });
  }
  put(p, body, opts = {}) {
    return this.request('PUT', p, { ...opts, body });
  }
  delete(p, opts) {
    return this.request('DELETE', p, opts);
  }
}

/** A client already signed in as `login`. */
export async function signedIn(server, login, password = DEMO_PASSWORD) {
  return new Client(server).loginOk(login, password);
}

// --- assertions ------------------------------------------------------------------------------

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Asserts an error response of the contract: status, {error:{code, message (Japanese), field,
 * request_id}}; `field` is checked when given. Returns the error object.
 */
export function assertError(res, status, code, field) {
  const where = `${res.status} ${res.text.slice(0, 500)}`;
  assert.equal(res.status, status, `expected HTTP ${status}, got ${where}`);
  assert.ok(res.body && typeof res.body.error === 'object', `no error object: ${where}`);
  const e = res.body.error;
  if (code !== undefined) assert.equal(e.code, code, `error code: ${where}`);
  assert.equal(typeof e.message, 'string', `message: ${where}`);
  assert.ok(NON_ASCII.test(e.message), `message should be Japanese: ${where}`);
  assert.equal(typeof e.field, 'string', `field must be a string: ${where}`);
  if (field !== undefined) assert.equal(e.field, field, `error field: ${where}`);
  assert.equal(typeof e.request_id, 'string', `request_id: ${where}`);
  assert.ok(e.request_id.length > 0, `request_id empty: ${where}`);
  assert.deepEqual(Object.keys(res.body).sort(), ['error'], `extra keys: ${where}`);
  return e;
}

/** Asserts a 2xx status and returns the parsed body. */
export function ok(res, status = 200) {
  assert.equal(res.status, status, `expected HTTP ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  return res.body;
}

/** Fetches every page of a paged list (e.g. /persons) and returns all items. */
export async function allPages(client, p, perPage = 200) {
  const items = [];
  const sep = p.includes('?') ? '&' : '?';
  for (let page = 1; page < 1000; page++) {
    const b = ok(await client.get(`${p}${sep}page=${page}&per_page=${perPage}`));
    items.push(...b.items);
    if (b.items.length < perPage) return { items, total: b.total };
  }
  throw new Error('too many pages');
}

// --- test data -------------------------------------------------------------------------------

let seq = 0;
/** A unique suffix for logins and names, so tests in one file never collide. */
export function unique(prefix = 'u') {
  seq += 1;
  return `${prefix}${process.pid}x${Date.now().toString(36)}x${seq}`;
}

/** A valid person body; `over` replaces fields. */
export function personBody(over = {}) {
  return {
    name: '試験 太郎',
    kana: 'シケン タロウ',
    birth_date: '1990-04-01',
    gender: 'male',
    address: '架空県つなぐ市1丁目',
    phone: '000-0000-0000',
    disability_kinds: ['知的'],
    support_level: '3',
    certificate_number: '9900001234',
    wishes: '自分の部屋で暮らしたい。',
    contacts: [{ role: 'family', name: '試験 花子', relation: '母', phone: '000-1111-2222' }],
    notes: '',
    ...over,
  };
}

/** Creates a user as `manager` (a chief or admin client); returns {user, password}. */
export async function createUser(manager, { role = 'specialist', login = unique('t'), name = '試験 職員', password } = {}) {
  const pw = password || 'Kirin-Sora-7742!';
  const res = await manager.post(`${API}/users`, { login, name, role, password: pw });
  assert.equal(res.status, 201, `create user ${login}: ${res.status} ${res.text}`);
  return { user: res.body, password: pw, login };
}

/** Median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// --- SQLite ----------------------------------------------------------------------------------

export const SQLITE3 = process.env.SQLITE3 || 'sqlite3';

/** Runs the sqlite3 CLI on `file` with `sql`; resolves {code, stdout, stderr}. */
export function sqlite(file, sql, { timeoutMs = 30000 } = {}) {
  return run([file, sql], { bin: SQLITE3, timeoutMs, env: process.env });
}

/** The database file in a data folder. */
export const dbFile = (data) => path.join(data, 'tsunagu.db');
