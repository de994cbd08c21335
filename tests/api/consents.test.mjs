// 同意 (consents): record (本人 / 代理人), list, withdraw, and every refusal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API, assertError, cleanup, ok, personBody, signedIn, startServer } from './lib/harness.mjs';

let server;
let sato;
let suzuki;
let chief;
let admin;

const todayJst = () => new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);

const consent = (over = {}) => ({
  purpose: 'サービス等利用計画の作成と関係機関との情報共有のため',
  scope: ['つなぐ市障害福祉課', '就労継続支援B型事業所 ひだまり'],
  given_by: '本人',
  given_on: '2026-04-01',
  ...over,
});

async function newPerson() {
  return ok(await sato.post(`${API}/persons`, personBody({ name: '同意 確認' })), 201);
}

before(async () => {
  server = await startServer();
  [sato, suzuki, chief, admin] = await Promise.all(['sato', 'suzuki', 'tanaka', 'admin'].map((u) => signedIn(server, u)));
});
after(cleanup);

describe('consents', () => {
  test('create 本人 → 201 active; 代理人 with given_by_name → 201; both listed', async () => {
    const p = await newPerson();
    const c1 = ok(await sato.post(`${API}/persons/${p.id}/consents`, consent({ expires_on: '2099-03-31' })), 201);
    assert.equal(typeof c1.id, 'number');
    assert.equal(c1.status, 'active');
    assert.equal(c1.withdrawn_on, null);
    assert.equal(c1.given_by, '本人');
    assert.equal(c1.given_on, '2026-04-01');
    assert.equal(c1.expires_on, '2099-03-31');
    assert.deepEqual(c1.scope, consent().scope);
    assert.equal(c1.purpose, consent().purpose);

    const c2 = ok(
      await sato.post(`${API}/persons/${p.id}/consents`, consent({ given_by: '代理人', given_by_name: '同意 花子（母）', given_on: '2026-05-01' })),
      201,
    );
    assert.equal(c2.given_by, '代理人');
    assert.equal(c2.given_by_name, '同意 花子（母）');
    assert.equal(c2.status, 'active');
    assert.equal(c2.expires_on, null);

    const list = ok(await sato.get(`${API}/persons/${p.id}/consents`));
    assert.equal(list.total, 2);
    assert.deepEqual(list.items.map((c) => c.id).sort((a, b) => a - b), [c1.id, c2.id].sort((a, b) => a - b));
    const listed = list.items.find((c) => c.id === c2.id);
    assert.equal(listed.given_by_name, '同意 花子（母）');
    // The chief sees them too.
    assert.equal(ok(await chief.get(`${API}/persons/${p.id}/consents`)).total, 2);
  });

  test('代理人 without given_by_name → 400 field given_by_name; nothing saved', async () => {
    const p = await newPerson();
    assertError(await sato.post(`${API}/persons/${p.id}/consents`, consent({ given_by: '代理人' })), 400, 'validation', 'given_by_name');
    assertError(
      await sato.post(`${API}/persons/${p.id}/consents`, consent({ given_by: '代理人', given_by_name: '  ' })),
      400,
      'validation',
      'given_by_name',
    );
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}/consents`)).total, 0);
  });

  test('expires_on before given_on → 400 field expires_on; the same day is fine', async () => {
    const p = await newPerson();
    assertError(
      await sato.post(`${API}/persons/${p.id}/consents`, consent({ given_on: '2026-04-01', expires_on: '2026-03-31' })),
      400,
      'validation',
      'expires_on',
    );
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}/consents`)).total, 0);
    ok(await sato.post(`${API}/persons/${p.id}/consents`, consent({ given_on: '2026-04-01', expires_on: '2026-04-01' })), 201);
  });

  test('other validation refusals name their field', async () => {
    const p = await newPerson();
    const cases = [
      [{ purpose: undefined }, 'purpose'],
      [{ purpose: '' }, 'purpose'],
      [{ scope: [] }, 'scope'],
      [{ scope: undefined }, 'scope'],
      [{ scope: 'つなぐ市' }, 'scope'],
      [{ given_by: '家族' }, 'given_by'],
      [{ given_by: undefined }, 'given_by'],
      [{ given_on: undefined }, 'given_on'],
      [{ given_on: '2026-02-30' }, 'given_on'],
      [{ expires_on: '2026-13-01' }, 'expires_on'],
    ];
    for (const [over, field] of cases) {
      const body = consent(over);
      for (const k of Object.keys(over)) if (over[k] === undefined) delete body[k];
      assertError(await sato.post(`${API}/persons/${p.id}/consents`, body), 400, 'validation', field);
    }
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}/consents`)).total, 0);
  });

  test('withdraw → 200 withdrawn with withdrawn_on today; withdrawing again → 409 consent_state', async () => {
    const p = await newPerson();
    const c = ok(await sato.post(`${API}/persons/${p.id}/consents`, consent()), 201);
    const w = ok(await sato.post(`${API}/persons/${p.id}/consents/${c.id}/withdraw`, { reason: '本人の申し出により撤回' }));
    assert.equal(w.id, c.id);
    assert.equal(w.status, 'withdrawn');
    assert.equal(w.withdrawn_on, todayJst());
    const listed = ok(await sato.get(`${API}/persons/${p.id}/consents`)).items.find((x) => x.id === c.id);
    assert.equal(listed.status, 'withdrawn');
    assert.equal(listed.withdrawn_on, todayJst());
    assertError(await sato.post(`${API}/persons/${p.id}/consents/${c.id}/withdraw`, { reason: 'もう一度' }), 409, 'consent_state');
    // Still withdrawn once, with the first date.
    const again = ok(await sato.get(`${API}/persons/${p.id}/consents`)).items.find((x) => x.id === c.id);
    assert.equal(again.withdrawn_on, todayJst());
  });

  test('withdraw without a body works', async () => {
    const p = await newPerson();
    const c = ok(await sato.post(`${API}/persons/${p.id}/consents`, consent()), 201);
    const w = ok(await sato.post(`${API}/persons/${p.id}/consents/${c.id}/withdraw`));
    assert.equal(w.status, 'withdrawn');
  });

  test('a consent whose expires_on has passed is expired', async () => {
    const p = await newPerson();
    const c = ok(await sato.post(`${API}/persons/${p.id}/consents`, consent({ given_on: '2020-04-01', expires_on: '2021-03-31' })), 201);
    assert.equal(c.status, 'expired');
    assert.equal(ok(await sato.get(`${API}/persons/${p.id}/consents`)).items[0].status, 'expired');
  });

  test("withdraw of an unknown consent, or another person's consent → 404; nothing withdrawn", async () => {
    const p1 = await newPerson();
    const p2 = await newPerson();
    const c1 = ok(await sato.post(`${API}/persons/${p1.id}/consents`, consent()), 201);
    assertError(await sato.post(`${API}/persons/${p1.id}/consents/99999999/withdraw`), 404, 'not_found');
    assertError(await sato.post(`${API}/persons/${p2.id}/consents/${c1.id}/withdraw`), 404, 'not_found');
    assert.equal(ok(await sato.get(`${API}/persons/${p1.id}/consents`)).items[0].status, 'active');
  });

  test('out of scope → 404 for list, create and withdraw; admin → 403', async () => {
    const p = await newPerson();
    const c = ok(await sato.post(`${API}/persons/${p.id}/consents`, consent()), 201);
    assertError(await suzuki.get(`${API}/persons/${p.id}/consents`), 404, 'not_found');
    assertError(await suzuki.post(`${API}/persons/${p.id}/consents`, consent()), 404, 'not_found');
    assertError(await suzuki.post(`${API}/persons/${p.id}/consents/${c.id}/withdraw`), 404, 'not_found');
    assertError(await admin.get(`${API}/persons/${p.id}/consents`), 403, 'forbidden');
    assertError(await admin.post(`${API}/persons/${p.id}/consents`, consent()), 403, 'forbidden');
    assertError(await admin.post(`${API}/persons/${p.id}/consents/${c.id}/withdraw`), 403, 'forbidden');
    const list = ok(await sato.get(`${API}/persons/${p.id}/consents`));
    assert.equal(list.total, 1);
    assert.equal(list.items[0].status, 'active');
  });

  test('consents of an unknown person → 404', async () => {
    assertError(await sato.get(`${API}/persons/99999999/consents`), 404, 'not_found');
    assertError(await sato.post(`${API}/persons/99999999/consents`, consent()), 404, 'not_found');
  });
});
