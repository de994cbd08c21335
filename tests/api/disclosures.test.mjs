// 情報提供 under consent: allowed by a sector consent or an organisation consent, refused without,
// after withdrawal, and when the consent expired before the date; consent scope item shapes; plans'
// services[].provider_id from the directory.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, assertError, cleanup, httpRequest, ok, personBody, signedIn, startServer } from './lib/harness.mjs';

let server;
let sato;
let suzuki;
let admin;
let hospital; // medical, cross_sector
let school; // education
let provider; // kind provider

const jst = (offsetDays = 0) => new Date(Date.now() + 9 * 3600 * 1000 + offsetDays * 86400 * 1000).toISOString().slice(0, 10);

const consent = (scope, over = {}) => ({
  purpose: '関係機関との情報共有',
  scope,
  given_by: '本人',
  given_on: jst(-60),
  ...over,
});
const disclosure = (directoryId, over = {}) => ({
  directory_id: directoryId,
  what: '服薬状況と日中の様子',
  purpose: '通院支援のため',
  date: jst(-1),
  medium: '電話',
  ...over,
});

async function newPerson() {
  return ok(await sato.post(`${API}/persons`, personBody({ name: '提供 確認' })), 201);
}

before(async () => {
  server = await startServer();
  [sato, suzuki, admin] = await Promise.all(['sato', 'suzuki', 'admin'].map((u) => signedIn(server, u)));
  const mk = async (body) => ok(await sato.post(`${API}/directory`, { kind: 'agency', layer: 'cross_sector', ...body }), 201);
  hospital = await mk({ name: '提供先 つなぐ病院', sector: 'medical' });
  school = await mk({ name: '提供先 つなぐ学校', sector: 'education' });
  provider = await mk({ name: '提供先 就労B', sector: 'welfare', kind: 'provider', service_kinds: ['就労継続支援B型'] });
});
after(cleanup);

describe('disclosures under consent', () => {
  test('allowed by a sector consent (code or Japanese name); listed and audited', async () => {
    for (const sector of ['medical', '医療']) {
      const p = await newPerson();
      const c = ok(await sato.post(`${API}/persons/${p.id}/consents`, consent([sector])), 201);
      const d = ok(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id)), 201);
      assert.equal(d.consent_id, c.id);
      assert.equal(d.directory_name, hospital.name);
      assert.equal(d.date, jst(-1));
      const list = ok(await sato.get(`${API}/persons/${p.id}/disclosures`));
      assert.equal(list.total, 1);
      assert.equal(list.items[0].id, d.id);
      assert.equal(list.items[0].what, '服薬状況と日中の様子');
      // The sector consent does not cover a school.
      const refused = assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(school.id)), 409, 'consent_required');
      assert.match(refused.message, /提供先 つなぐ学校/);
      assert.match(refused.message, /教育/);
    }
  });

  test('allowed by an organisation consent ({"directory_id"}) and by an older free-text name', async () => {
    const p = await newPerson();
    const c = ok(await sato.post(`${API}/persons/${p.id}/consents`, consent([{ directory_id: school.id }, '市障害福祉課'])), 201);
    assert.deepEqual(c.scope, [{ directory_id: school.id, name: school.name }, '市障害福祉課']);
    assert.deepEqual(ok(await sato.get(`${API}/persons/${p.id}/consents`)).items[0].scope, c.scope);
    ok(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(school.id)), 201);
    assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id)), 409, 'consent_required');

    const q = await newPerson();
    ok(await sato.post(`${API}/persons/${q.id}/consents`, consent([hospital.name])), 201);
    ok(await sato.post(`${API}/persons/${q.id}/disclosures`, disclosure(hospital.id)), 201);
  });

  test('refused without any consent; the refusal names the missing scope', async () => {
    const p = await newPerson();
    const e = assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id)), 409, 'consent_required', '');
    assert.match(e.message, /提供先 つなぐ病院/);
    assert.match(e.message, /医療/);
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}/disclosures`)).total, 0);
  });

  test('refused after withdrawal; past disclosures stay', async () => {
    const p = await newPerson();
    const c = ok(await sato.post(`${API}/persons/${p.id}/consents`, consent(['医療'])), 201);
    ok(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id, { date: jst(-10) })), 201);
    ok(await sato.post(`${API}/persons/${p.id}/consents/${c.id}/withdraw`, { reason: '本人の希望' }));
    assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id)), 409, 'consent_required');
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}/disclosures`)).total, 1);
  });

  test('refused when the consent expired before the date, or was given after it', async () => {
    const p = await newPerson();
    ok(await sato.post(`${API}/persons/${p.id}/consents`, consent(['medical'], { given_on: jst(-60), expires_on: jst(-30) })), 201);
    assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id, { date: jst(-29) })), 409, 'consent_required');
    ok(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id, { date: jst(-30) })), 201); // its last day
    assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id, { date: jst(-61) })), 409, 'consent_required');
  });

  test('validation, scope and tenancy refusals', async () => {
    const p = await newPerson();
    assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id, { what: '' })), 400, 'validation', 'what');
    assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id, { date: jst(1) })), 400, 'validation', 'date');
    assertError(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(99999999)), 400, 'validation', 'directory_id');
    // Another specialist's person, and admin.
    assertError(await suzuki.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id)), 404, 'not_found');
    assertError(await suzuki.get(`${API}/persons/${p.id}/disclosures`), 404, 'not_found');
    assertError(await admin.get(`${API}/persons/${p.id}/disclosures`), 403, 'forbidden');
    // Consent scope items: an unknown directory id, a non-string item.
    assertError(await sato.post(`${API}/persons/${p.id}/consents`, consent([{ directory_id: 99999999 }])), 400, 'validation', 'scope[0].directory_id');
    assertError(await sato.post(`${API}/persons/${p.id}/consents`, consent(['医療', 3])), 400, 'validation', 'scope[1]');
    // Audited: the chief finds the disclosure in the access log.
    ok(await sato.post(`${API}/persons/${p.id}/consents`, consent(['医療'])), 201);
    const d = ok(await sato.post(`${API}/persons/${p.id}/disclosures`, disclosure(hospital.id)), 201);
    const chief = await signedIn(server, 'tanaka');
    const log = ok(await chief.get(`${API}/audit?person_id=${p.id}`));
    assert.ok(log.items.some((r) => r.entity === 'disclosure' && r.entity_id === d.id && r.action === 'create'));
  });
});

describe('plans name providers from the directory', () => {
  test('services[].provider_id takes a provider entry; its name is printed; other kinds refused', async () => {
    const p = await newPerson();
    const need = (providerId) => ({
      priority: 1,
      need: '日中の活動の場がほしい',
      goal: { indicator: '週4日通う', own_words: '働きたい' },
      services: [{ kind: 'employment_continuation_b', provider: '', provider_id: providerId, content: '作業', amount: '月18日' }],
    });
    const plan = ok(await sato.post(`${API}/persons/${p.id}/plans`, { plan_date: jst(), needs: [need(provider.id)] }), 201);
    assert.equal(plan.needs[0].services[0].provider_id, provider.id);
    assert.equal(plan.needs[0].services[0].provider, provider.name);
    const print = await httpRequest(`${server.url}/print/plans/${plan.id}`, { headers: { Cookie: `tsunagu_session=${sato.cookie}` } });
    assert.equal(print.status, 200);
    assert.ok(print.text.includes(provider.name));
    assertError(await sato.patch(`${API}/persons/${p.id}/plans/${plan.id}`, { needs: [need(hospital.id)] }), 400, 'validation', 'needs[0].services[0].provider_id');
    assertError(await sato.patch(`${API}/persons/${p.id}/plans/${plan.id}`, { needs: [need(99999999)] }), 400, 'validation', 'needs[0].services[0].provider_id');
    // Free text still works.
    const free = ok(await sato.patch(`${API}/persons/${p.id}/plans/${plan.id}`, { needs: [{ ...need(null), services: [{ kind: 'other', provider: '近所の公民館', content: '', amount: '' }] }] }));
    assert.equal(free.needs[0].services[0].provider, '近所の公民館');
    assert.equal(free.needs[0].services[0].provider_id, null);
  });
});
