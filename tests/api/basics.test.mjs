// Service basics and every generic refusal: healthz, the OpenAPI document, security headers,
// 404/405/415/413/400 invalid_json, validation errors (nothing partial saved) and CSRF.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, Client, assertError, cleanup, httpRequest, ok, personBody, signedIn, startServer } from './lib/harness.mjs';

let server;
let sato;

before(async () => {
  server = await startServer();
  sato = await signedIn(server, 'sato');
});
after(cleanup);

async function personCount(client = sato) {
  return ok(await client.get(`${API}/persons?per_page=1`)).total;
}

function assertSecurityHeaders(res, what, { api = true } = {}) {
  const h = res.headers;
  const csp = h['content-security-policy'] || '';
  assert.match(csp, /default-src 'self'/, `${what}: CSP default-src (${csp})`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors (${csp})`);
  assert.equal(h['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(h['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
  if (api) assert.match(h['cache-control'] || '', /no-store/, `${what}: Cache-Control no-store`);
  assert.equal(h['strict-transport-security'], undefined, `${what}: no HSTS on plain http`);
}

describe('service', () => {
  test('GET /healthz → 200 {"status":"ok"} without a session', async () => {
    const res = await httpRequest(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
    assert.match(res.headers['content-type'], /^application\/json/);
  });

  test('GET /api/v1/openapi.json serves an OpenAPI 3.1 document covering the foundation routes', async () => {
    const res = await httpRequest(`${server.url}${API}/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.ok(res.body, 'body is JSON');
    assert.match(res.body.openapi, /^3\.1\./);
    assert.equal(typeof res.body.info?.title, 'string');
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/healthz',
      '/api/v1/openapi.json',
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/auth/password',
      '/api/v1/users',
      '/api/v1/users/{uid}',
      '/api/v1/users/{uid}/password',
      '/api/v1/offices',
      '/api/v1/audit',
      '/api/v1/persons',
      '/api/v1/persons/{id}',
      '/api/v1/persons/{id}/assignees',
      '/api/v1/persons/{id}/consents',
      '/api/v1/persons/{id}/consents/{cid}/withdraw',
    ])
      assert.ok(paths.includes(p), `openapi.json documents ${p}`);
  });

  test('security headers on every kind of response (2xx, 4xx, login, static)', async () => {
    const anon = new Client(server);
    const cases = [
      ['healthz', await httpRequest(`${server.url}/healthz`)],
      ['openapi', await httpRequest(`${server.url}${API}/openapi.json`)],
      ['persons 200', await sato.get(`${API}/persons`)],
      ['401', await anon.get(`${API}/persons`)],
      ['404', await sato.get(`${API}/no-such-route`)],
      ['405', await sato.request('DELETE', `${API}/persons`)],
      ['login 200', await new Client(server).login('suzuki')],
      ['login 401', await new Client(server).login('suzuki', 'not-the-password')],
      ['400 invalid_json', await sato.post(`${API}/persons`, '{', { headers: { 'Content-Type': 'application/json' } })],
      ['415', await sato.post(`${API}/persons`, 'x', { headers: { 'Content-Type': 'text/plain' } })],
      ['403 csrf', await sato.post(`${API}/persons`, personBody(), { csrf: false })],
    ];
    for (const [what, res] of cases) assertSecurityHeaders(res, what);
    // The web UI (or its 503 placeholder) gets them too, whatever its caching.
    const web = await httpRequest(`${server.url}/`);
    assertSecurityHeaders(web, 'GET /', { api: false });
  });

  test('security headers and Cache-Control no-store on a 413 too', async () => {
    const big = JSON.stringify({ notes: 'a'.repeat(1024 * 1024 + 16) });
    const res = await sato.post(`${API}/persons`, big, { headers: { 'Content-Type': 'application/json' } });
    assert.equal(res.status, 413);
    assertSecurityHeaders(res, '413');
  });

  test('unknown route → 404 JSON not_found (GET and POST, signed in or not)', async () => {
    for (const res of [
      await sato.get(`${API}/no-such-route`),
      await sato.post(`${API}/no-such-route`, {}),
      await httpRequest(`${server.url}${API}/persons/1/nothing-here`),
      await httpRequest(`${server.url}/api/nothing`),
    ]) {
      assertError(res, 404, 'not_found');
      assert.match(res.headers['content-type'], /^application\/json/);
    }
  });

  test('wrong method on a known route → 405 method_not_allowed', async () => {
    assertError(await httpRequest(`${server.url}${API}/auth/login`), 405, 'method_not_allowed');
    assertError(await sato.request('DELETE', `${API}/persons`), 405, 'method_not_allowed');
    assertError(await sato.put(`${API}/persons/1`, {}), 405, 'method_not_allowed');
    assertError(await httpRequest(`${server.url}/healthz`, { method: 'POST' }), 405, 'method_not_allowed');
  });

  test('no session → 401 unauthenticated; a made-up cookie → 401', async () => {
    assertError(await new Client(server).get(`${API}/persons`), 401, 'unauthenticated');
    assertError(await new Client(server).get(`${API}/auth/me`), 401, 'unauthenticated');
    const fake = new Client(server);
    fake.cookie = 'a'.repeat(64);
    assertError(await fake.get(`${API}/auth/me`), 401, 'unauthenticated');
    fake.cookie = 'garbage';
    assertError(await fake.get(`${API}/persons`), 401, 'unauthenticated');
  });
});

describe('request bodies', () => {
  test('415 unsupported_media_type for a non-JSON content type on POST, PATCH and PUT; nothing saved', async () => {
    const before = await personCount();
    const body = JSON.stringify(personBody());
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json']) {
      assertError(await sato.post(`${API}/persons`, body, { headers: { 'Content-Type': ct } }), 415, 'unsupported_media_type');
    }
    const pid = ok(await sato.get(`${API}/persons?per_page=1`)).items[0].id;
    assertError(
      await sato.patch(`${API}/persons/${pid}`, JSON.stringify({ notes: 'x' }), { headers: { 'Content-Type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
    const chief = await signedIn(server, 'tanaka');
    assertError(
      await chief.put(`${API}/persons/${pid}/assignees`, JSON.stringify({ user_ids: [] }), { headers: { 'Content-Type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
    // Login too.
    assertError(
      await httpRequest(`${server.url}${API}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ login: 'sato', password: 'tsunagu-demo-2026' }),
      }),
      415,
      'unsupported_media_type',
    );
    assert.equal(await personCount(), before);
  });

  test('application/json with a charset is accepted', async () => {
    const res = await sato.post(`${API}/persons`, JSON.stringify(personBody({ name: '文字コード 確認' })), {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    assert.equal(res.status, 201, res.text);
  });

  test('413 payload_too_large for a body over 1 MiB; nothing saved', async () => {
    const before = await personCount();
    const big = JSON.stringify(personBody({ notes: 'あ'.repeat(400 * 1024) })); // ~1.2 MB of UTF-8
    assert.ok(Buffer.byteLength(big) > 1024 * 1024);
    const res = await sato.post(`${API}/persons`, big, { headers: { 'Content-Type': 'application/json' } });
    assertError(res, 413, 'payload_too_large');
    assert.equal(await personCount(), before);
  });

  test('a body of exactly 1 MiB is read (and then refused on its own merits, not 413)', async () => {
    const prefix = '{"notes":"';
    const suffix = '"}';
    const body = prefix + 'a'.repeat(1024 * 1024 - prefix.length - suffix.length) + suffix;
    assert.equal(Buffer.byteLength(body), 1024 * 1024);
    const res = await sato.post(`${API}/persons`, body, { headers: { 'Content-Type': 'application/json' } });
    assertError(res, 400, 'validation');
  });

  test('400 invalid_json for malformed JSON and for JSON that is not an object; nothing saved', async () => {
    const before = await personCount();
    for (const raw of ['{', '{"name": "a",}', 'null', '[1,2,3]', '"text"', '42', "{'name':'x'}", '{"name":"a"} trailing']) {
      const res = await sato.post(`${API}/persons`, raw, { headers: { 'Content-Type': 'application/json' } });
      assertError(res, 400, 'invalid_json');
    }
    assert.equal(await personCount(), before);
  });
});

describe('validation errors', () => {
  const cases = [
    ['missing name', () => { const b = personBody(); delete b.name; return b; }, 'name'],
    ['empty name', () => personBody({ name: '   ' }), 'name'],
    ['latin letters in kana', () => personBody({ kana: 'Shiken Taro' }), 'kana'],
    ['kanji in kana', () => personBody({ kana: '試験 タロウ' }), 'kana'],
    ['certificate_number of 9 digits', () => personBody({ certificate_number: '123456789' }), 'certificate_number'],
    ['certificate_number of 11 digits', () => personBody({ certificate_number: '12345678901' }), 'certificate_number'],
    ['certificate_number with letters', () => personBody({ certificate_number: '12345abcde' }), 'certificate_number'],
    ['certificate_number in full-width digits', () => personBody({ certificate_number: '１２３４５６７８９０' }), 'certificate_number'],
    ['impossible birth_date 2023-02-30', () => personBody({ birth_date: '2023-02-30' }), 'birth_date'],
    ['birth_date not YYYY-MM-DD', () => personBody({ birth_date: '2023/02/01' }), 'birth_date'],
    ['missing birth_date', () => { const b = personBody(); delete b.birth_date; return b; }, 'birth_date'],
    ['support_level 7 (integer)', () => personBody({ support_level: 7 }), 'support_level'],
    ['support_level "7"', () => personBody({ support_level: '7' }), 'support_level'],
    ['support_level 0', () => personBody({ support_level: 0 }), 'support_level'],
    ['gender outside the list', () => personBody({ gender: 'unknown' }), 'gender'],
    ['unknown disability kind', () => personBody({ disability_kinds: ['視覚'] }), 'disability_kinds'],
    ['name over 100 characters', () => personBody({ name: 'あ'.repeat(101) }), 'name'],
    ['contact without a name', () => personBody({ contacts: [{ role: 'family', name: '' }] }), 'contacts[0].name'],
    ['contact with a bad role', () => personBody({ contacts: [{ role: 'friend', name: '友人' }] }), 'contacts[0].role'],
  ];
  for (const [what, body, field] of cases) {
    test(`POST /persons: ${what} → 400 validation, field ${field}, Japanese message; nothing saved`, async () => {
      const before = await personCount();
      const e = assertError(await sato.post(`${API}/persons`, body()), 400, 'validation', field);
      assert.match(e.message, /[^\x00-\x7f]/);
      assert.equal(await personCount(), before);
    });
  }

  test('the valid body used above is accepted (so the refusals are about the one field)', async () => {
    const res = await sato.post(`${API}/persons`, personBody());
    assert.equal(res.status, 201, res.text);
    for (const level of [1, '6', '非該当', null]) {
      const r = await sato.post(`${API}/persons`, personBody({ support_level: level }));
      assert.equal(r.status, 201, `support_level ${JSON.stringify(level)}: ${r.text}`);
      assert.equal(r.body.support_level, level === null ? null : String(level));
    }
  });

  test('a PATCH that fails validation changes nothing (not even the valid fields sent with it)', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody()), 201);
    const res = await sato.patch(`${API}/persons/${p.id}`, { address: '変更後の住所', certificate_number: '12' });
    assertError(res, 400, 'validation', 'certificate_number');
    const now = ok(await sato.get(`${API}/persons/${p.id}`));
    assert.equal(now.address, p.address);
    assert.equal(now.certificate_number, p.certificate_number);
  });
});

describe('CSRF', () => {
  test('POST /persons without X-CSRF-Token → 403 csrf; nothing saved', async () => {
    const before = await personCount();
    assertError(await sato.post(`${API}/persons`, personBody(), { csrf: false }), 403, 'csrf');
    assert.equal(await personCount(), before);
  });

  test('POST /persons with a wrong X-CSRF-Token → 403 csrf; nothing saved', async () => {
    const before = await personCount();
    assertError(await sato.post(`${API}/persons`, personBody(), { csrf: 'f'.repeat(64) }), 403, 'csrf');
    assertError(await sato.post(`${API}/persons`, personBody(), { csrf: sato.csrf.slice(0, -1) }), 403, 'csrf');
    assertError(await sato.post(`${API}/persons`, personBody(), { csrf: ' ' }), 403, 'csrf');
    assert.equal(await personCount(), before);
  });

  test("another session's CSRF token is not accepted", async () => {
    const before = await personCount();
    const other = await signedIn(server, 'sato');
    assert.notEqual(other.csrf, sato.csrf);
    assertError(await sato.post(`${API}/persons`, personBody(), { csrf: other.csrf }), 403, 'csrf');
    assert.equal(await personCount(), before);
  });

  test('PATCH, PUT and logout need the token too; nothing changes without it', async () => {
    const p = ok(await sato.post(`${API}/persons`, personBody()), 201);
    assertError(await sato.patch(`${API}/persons/${p.id}`, { address: '無断変更' }, { csrf: false }), 403, 'csrf');
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}`)).address, p.address);
    const chief = await signedIn(server, 'tanaka');
    assertError(await chief.put(`${API}/persons/${p.id}/assignees`, { user_ids: [] }, { csrf: false }), 403, 'csrf');
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}`)).assignees.length, 1);
    const s = await signedIn(server, 'sato');
    assertError(await s.post(`${API}/auth/logout`, undefined, { csrf: false }), 403, 'csrf');
    ok(await s.get(`${API}/auth/me`)); // still signed in
  });

  test('GET /auth/me gives the same CSRF token back (for a reloaded page)', async () => {
    const me = ok(await sato.get(`${API}/auth/me`));
    assert.equal(me.csrf_token, sato.csrf);
  });
});
