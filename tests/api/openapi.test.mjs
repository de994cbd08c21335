// Conformance: the bodies the server sends for the foundation routes match the schemas that the
// OpenAPI document it serves (GET /api/v1/openapi.json) declares for that route and status.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, Client, cleanup, createUser, httpRequest, ok, personBody, signedIn, startServer } from './lib/harness.mjs';
import { responseSchema, validate } from './lib/schema.mjs';

let server;
let doc;
let sato;
let chief;
let admin;

before(async () => {
  server = await startServer();
  doc = (await httpRequest(`${server.url}${API}/openapi.json`)).body;
  [sato, chief, admin] = await Promise.all(['sato', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
});
after(cleanup);

/** Asserts that `res` is a documented status of `method template` and its body fits the schema. */
function conforms(method, template, res) {
  const op = doc.paths?.[template]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${template} is documented`);
  assert.ok(String(res.status) in op.responses, `${method} ${template}: status ${res.status} is documented (${Object.keys(op.responses)})`);
  const schema = responseSchema(doc, method, template, res.status);
  assert.ok(schema, `${method} ${template} ${res.status}: a JSON schema is documented`);
  // One line per kind of problem: items[3] and items[7] failing the same way are one finding.
  const problems = [...new Set(validate(doc, schema, res.body).map((e) => e.replace(/\[\d+\]/g, '[*]').replace(/ \(.*\), want/, ', want')))].slice(0, 30);
  assert.deepEqual(problems, [], `${method} ${template} ${res.status} body does not match the OpenAPI schema:\n  ${problems.join('\n  ')}\nbody: ${res.text.slice(0, 600)}`);
}

describe('service and sessions', () => {
  test('GET /healthz', async () => conforms('GET', '/healthz', await httpRequest(`${server.url}/healthz`)));
  test('POST /auth/login (200 and 401)', async () => {
    conforms('POST', '/api/v1/auth/login', await new Client(server).login('suzuki'));
    conforms('POST', '/api/v1/auth/login', await new Client(server).login('suzuki', 'wrong-password-x'));
  });
  test('GET /auth/me (200 and 401)', async () => {
    conforms('GET', '/api/v1/auth/me', await sato.get(`${API}/auth/me`));
    conforms('GET', '/api/v1/auth/me', await new Client(server).get(`${API}/auth/me`));
  });
  test('GET /auth/me for admin (office_id)', async () => conforms('GET', '/api/v1/auth/me', await admin.get(`${API}/auth/me`)));
  test('POST /auth/logout', async () => {
    const c = await signedIn(server, 'suzuki');
    conforms('POST', '/api/v1/auth/logout', await c.post(`${API}/auth/logout`));
  });
  test('POST /auth/password', async () => {
    const { login, password } = await createUser(chief);
    const c = await signedIn(server, login, password);
    conforms('POST', '/api/v1/auth/password', await c.post(`${API}/auth/password`, { old_password: password, new_password: 'Conform-Pass-3391' }));
  });
});

describe('users and offices', () => {
  test('GET /users', async () => conforms('GET', '/api/v1/users', await chief.get(`${API}/users`)));
  test('POST /users (201 and 409)', async () => {
    const { user } = await createUser(chief);
    conforms('POST', '/api/v1/users', { status: 201, body: user, text: JSON.stringify(user) });
    conforms('POST', '/api/v1/users', await chief.post(`${API}/users`, { login: 'sato', name: 'x', role: 'specialist', password: 'Kirin-Sora-7742!' }));
  });
  test('PATCH /users/{uid}', async () => {
    const { user } = await createUser(chief);
    conforms('PATCH', '/api/v1/users/{uid}', await chief.patch(`${API}/users/${user.id}`, { name: '改名 職員' }));
  });
  test('POST /users/{uid}/password', async () => {
    const { user } = await createUser(chief);
    conforms('POST', '/api/v1/users/{uid}/password', await chief.post(`${API}/users/${user.id}/password`, { new_password: 'Conform-Pass-3391' }));
  });
  test('GET /offices (admin)', async () => conforms('GET', '/api/v1/offices', await admin.get(`${API}/offices`)));
  test('POST /offices (admin)', async () => conforms('POST', '/api/v1/offices', await admin.post(`${API}/offices`, { name: '適合確認 事業所' })));
});

describe('persons and consents', () => {
  let person;
  before(async () => {
    person = ok(await sato.post(`${API}/persons`, personBody()), 201);
  });
  test('GET /persons', async () => conforms('GET', '/api/v1/persons', await chief.get(`${API}/persons?per_page=200`)));
  test('POST /persons (201 and 400)', async () => {
    conforms('POST', '/api/v1/persons', await sato.post(`${API}/persons`, personBody({ support_level: null, gender: '' })));
    conforms('POST', '/api/v1/persons', await sato.post(`${API}/persons`, personBody({ kana: 'abc' })));
  });
  test('GET /persons/{id} (200 and 404)', async () => {
    conforms('GET', '/api/v1/persons/{id}', await sato.get(`${API}/persons/${person.id}`));
    conforms('GET', '/api/v1/persons/{id}', await sato.get(`${API}/persons/99999999`));
  });
  test('PATCH /persons/{id}', async () => conforms('PATCH', '/api/v1/persons/{id}', await sato.patch(`${API}/persons/${person.id}`, { notes: 'メモ' })));
  test('PUT /persons/{id}/assignees', async () =>
    conforms('PUT', '/api/v1/persons/{id}/assignees', await chief.put(`${API}/persons/${person.id}/assignees`, { user_ids: [sato.user.id] })));
  test('consents: POST, GET, withdraw (200 and 409)', async () => {
    const body = { purpose: '計画作成', scope: ['市役所'], given_by: '本人', given_on: '2026-04-01' };
    const created = await sato.post(`${API}/persons/${person.id}/consents`, body);
    conforms('POST', '/api/v1/persons/{id}/consents', created);
    conforms('GET', '/api/v1/persons/{id}/consents', await sato.get(`${API}/persons/${person.id}/consents`));
    const w = `${API}/persons/${person.id}/consents/${created.body.id}/withdraw`;
    conforms('POST', '/api/v1/persons/{id}/consents/{cid}/withdraw', await sato.post(w, { reason: '撤回' }));
    conforms('POST', '/api/v1/persons/{id}/consents/{cid}/withdraw', await sato.post(w, {}));
  });
});

describe('audit', () => {
  test('GET /audit', async () => {
    await new Client(server).login('suzuki', 'wrong-password-x'); // a row without a user
    conforms('GET', '/api/v1/audit', await chief.get(`${API}/audit?per_page=200`));
  });
  test('GET /audit 403', async () => conforms('GET', '/api/v1/audit', await sato.get(`${API}/audit`)));
});
