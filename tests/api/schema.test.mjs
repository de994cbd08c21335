// The distributable schema (issue 8, decision 0006, docs/operations.md "Citus"): every table of
// office data carries office_id NOT NULL, its primary key is (office_id, id), every unique key
// includes office_id, and a foreign key to another office table is composite
// (office_id, x_id) → x(office_id, id). Every table that exists at test time is checked — tables
// added by later migrations too — except the explicit allow-lists below.
//
// On PostgreSQL (pg.schema) the whole rule is checked in pg_catalog. SQLite keeps rowid primary keys
// and the single-column foreign keys of 0001–0005 (rebuilding every table buys nothing on one
// file), so api.schema checks what SQLite has: office_id on every office table, and the
// (office_id, id) indexes of migration 0011.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  API,
  DB_BASE,
  PG,
  PG_ONLY,
  PSQL,
  allPages,
  cleanup,
  dbFile,
  demoDataDir,
  ok,
  personBody,
  pgSql,
  run,
  runOk,
  signedIn,
  sqlite,
  startServer,
  tempDir,
} from './lib/harness.mjs';

after(cleanup);

// Shared by every office: Citus reference tables (a copy on every node). Why, per table, is in
// src/storage/migrations/postgresql/0011_distributable.sql and docs/decisions/0006.
export const REFERENCE_TABLES = new Map([
  ['offices', 'the list of offices itself'],
  ['users', 'a login is unique in the whole region and is looked up before the office is known'],
  ['audit_chain_start', 'one row: where the one audit chain of before ends and every office chain starts (0006)'],
  ['case_facts_state', 'one row: the rules version the per-person facts were computed with (0007)'],
  ['regions', 'a region names offices; read with every office of it (0015, issue 14)'],
  ['region_offices', 'which offices a region holds: shared like offices (0015)'],
  ['audit_key_start', 'one row: the last unkeyed audit row; every later row is keyed (0013, #13)'],
]);
// Left on the Citus coordinator (plain tables, no office yet when they are read).
export const LOCAL_TABLES = new Map([
  ['sessions', 'looked up by token hash on every request, before the office is known'],
  ['login_attempts', 'keyed by the login as typed and the client address; an unknown login has no office'],
  ['schema_migrations', "the migrator's own bookkeeping"],
  // issue #13 (0014)
  ['login_refusals', 'refused sign-ins counted by the login as typed or the client address; an unknown login has no office'],
  ['totp_challenges', 'the second sign-in step, looked up by token hash before a session (and so an office) exists'],
]);
// SQLite only: 0001 declared audit_log.office_id nullable and SQLite cannot add NOT NULL without
// rebuilding the table; the writer always stores a number (0 = no office) and PostgreSQL enforces it.
const SQLITE_NULLABLE_OFFICE = new Set(['audit_log']);
// The (office_id, id) unique indexes migration 0011 adds on SQLite.
const SQLITE_0011_INDEXES = ['persons', 'consents', 'assessments', 'decisions', 'plans', 'monitorings', 'audit_log', 'users'];

const isShared = (t) => REFERENCE_TABLES.has(t) || LOCAL_TABLES.has(t);
const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

// --- PostgreSQL: the catalog as JSON -----------------------------------------------------------

// Every table of the current schema with its columns, unique indexes (primary key included, key
// columns only; an expression counts as "(expr)") and foreign keys (columns paired in order).
const PG_CATALOG = `
SELECT COALESCE(json_agg(t ORDER BY t.name), '[]') FROM (
  SELECT c.relname AS name,
    (SELECT json_agg(json_build_object('name', a.attname, 'not_null', a.attnotnull) ORDER BY a.attnum)
       FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
    (SELECT COALESCE(json_agg(json_build_object('name', i.relname, 'primary', x.indisprimary,
              'columns', (SELECT json_agg(COALESCE(a.attname, '(expr)') ORDER BY k.ord)
                            FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                           WHERE k.ord <= x.indnkeyatts))), '[]')
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = c.oid AND x.indisunique) AS unique_keys,
    (SELECT COALESCE(json_agg(json_build_object('name', f.conname, 'references', r.relname,
              'pairs', (SELECT json_agg(json_build_array(a.attname, ra.attname) ORDER BY k.ord)
                          FROM unnest(f.conkey, f.confkey) WITH ORDINALITY AS k(col, refcol, ord)
                          JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.col
                          JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = k.refcol))), '[]')
       FROM pg_constraint f JOIN pg_class r ON r.oid = f.confrelid
      WHERE f.conrelid = c.oid AND f.contype = 'f') AS foreign_keys
  FROM pg_class c
  WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace AND NOT c.relispartition
) t`;

async function pgCatalog(data) {
  const r = await pgSql(data, PG_CATALOG);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The rule's breaches in a PostgreSQL catalog (from PG_CATALOG), one line each; [] when none. */
export function pgProblems(tables) {
  const problems = [];
  for (const t of tables) {
    const bad = (msg) => problems.push(`${t.name}: ${msg}`);
    const target = (fk) => (isShared(fk.references) ? 'shared' : 'office');
    if (isShared(t.name)) {
      // Citus: a reference or coordinator-local table cannot point into distributed data.
      for (const fk of t.foreign_keys)
        if (target(fk) === 'office') bad(`${fk.name}: a shared table references office table ${fk.references}`);
      if (REFERENCE_TABLES.has(t.name))
        for (const fk of t.foreign_keys)
          if (LOCAL_TABLES.has(fk.references)) bad(`${fk.name}: a reference table references local table ${fk.references}`);
      continue;
    }
    const office = t.columns.find((c) => c.name === 'office_id');
    if (!office) {
      bad('no office_id column (office data must carry it; a shared table belongs on an allow-list)');
      continue;
    }
    if (!office.not_null) bad('office_id may be NULL');
    const pk = t.unique_keys.find((k) => k.primary);
    if (!pk) bad('no primary key');
    else if (t.columns.some((c) => c.name === 'id') && !sameSet(pk.columns, ['office_id', 'id']))
      bad(`primary key (${pk.columns.join(', ')}) is not (office_id, id)`);
    for (const k of t.unique_keys)
      if (!k.columns.includes('office_id')) bad(`unique key ${k.name} (${k.columns.join(', ')}) lacks office_id`);
    for (const fk of t.foreign_keys) {
      if (target(fk) !== 'office') continue;
      if (!fk.pairs.some(([col, ref]) => col === 'office_id' && ref === 'office_id'))
        bad(`foreign key ${fk.name} to office table ${fk.references} is not (office_id, …) → (office_id, …)`);
    }
  }
  return problems;
}

// --- SQLite: the schema through pragma functions -------------------------------------------------

const SQLITE_CATALOG = `
SELECT json_group_array(json_object('name', t.name,
  'columns', (SELECT json_group_array(json_object('name', c.name, 'not_null', c."notnull", 'pk', c.pk))
                FROM pragma_table_info(t.name) c),
  'indexes', (SELECT json_group_array(json_object('name', il.name, 'unique', il."unique",
                'columns', (SELECT json_group_array(ii.name) FROM pragma_index_info(il.name) ii)))
                FROM pragma_index_list(t.name) il)))
FROM pragma_table_list t
WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite_%';`;

async function sqliteCatalog(data) {
  const r = await sqlite(dbFile(data), SQLITE_CATALOG);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** What SQLite can show of the rule: office_id on every office table, the 0011 indexes. */
export function sqliteProblems(tables) {
  const problems = [];
  for (const t of tables) {
    if (isShared(t.name)) continue;
    const office = t.columns.find((c) => c.name === 'office_id');
    if (!office) problems.push(`${t.name}: no office_id column`);
    else if (!office.not_null && !SQLITE_NULLABLE_OFFICE.has(t.name)) problems.push(`${t.name}: office_id may be NULL`);
  }
  for (const name of SQLITE_0011_INDEXES) {
    const t = tables.find((x) => x.name === name);
    const idx = t?.indexes.find((i) => i.name === `${name}_office_id_id`);
    if (!idx || !idx.unique || !sameSet(idx.columns, ['office_id', 'id']))
      problems.push(`${name}: no unique index ${name}_office_id_id (office_id, id)`);
  }
  return problems;
}

// --- the tests ---------------------------------------------------------------------------------

describe('schema: distributable by office', () => {
  test('every table follows the rule or is on an allow-list', async () => {
    const data = await demoDataDir();
    if (PG) {
      const tables = await pgCatalog(data);
      for (const name of ['offices', 'users', 'persons', 'assignments', 'plans', 'audit_log'])
        assert.ok(tables.some((t) => t.name === name), `catalog lists ${name}`);
      assert.deepEqual(pgProblems(tables), []);
      const audit = tables.find((t) => t.name === 'audit_log');
      assert.ok(audit.unique_keys.some((k) => k.primary && sameSet(k.columns, ['office_id', 'id'])));
    } else {
      const tables = await sqliteCatalog(data);
      assert.ok(tables.some((t) => t.name === 'persons'), 'catalog lists persons');
      assert.deepEqual(sqliteProblems(tables), []);
    }
  });

  test('a table that breaks the rule is reported', async () => {
    const data = await demoDataDir();
    if (PG) {
      // Nullable office_id, primary key on id alone, a unique key without office_id, and a foreign
      // key to plans that does not pair office_id with office_id.
      const r = await pgSql(
        data,
        `CREATE TABLE rule_probe (id BIGINT PRIMARY KEY, office_id BIGINT, code TEXT UNIQUE, person_id BIGINT,
           plan_id BIGINT, FOREIGN KEY (person_id, plan_id) REFERENCES plans(office_id, id));
         CREATE TABLE rule_probe_no_office (id BIGINT PRIMARY KEY);
         CREATE TABLE offices_note (office_id BIGINT NOT NULL, person_id BIGINT NOT NULL);`,
      );
      assert.equal(r.code, 0, r.stderr);
      const problems = pgProblems(await pgCatalog(data));
      const expect = [
        /^rule_probe: office_id may be NULL$/,
        /^rule_probe: primary key \(id\) is not \(office_id, id\)$/,
        /^rule_probe: unique key rule_probe_pkey \(id\) lacks office_id$/,
        /^rule_probe: unique key rule_probe_code_key \(code\) lacks office_id$/,
        /^rule_probe: foreign key rule_probe_person_id_plan_id_fkey to office table plans/,
        /^rule_probe_no_office: no office_id column/,
        /^offices_note: no primary key$/,
      ];
      for (const re of expect) assert.ok(problems.some((p) => re.test(p)), `${re} in ${JSON.stringify(problems)}`);
      assert.equal(problems.length, expect.length, JSON.stringify(problems));
      // A shared table pointing into office data is refused too (Citus cannot do it).
      const shared = pgProblems([
        { name: 'users', columns: [], unique_keys: [], foreign_keys: [{ name: 'users_person', references: 'persons', pairs: [['person_id', 'id']] }] },
      ]);
      assert.deepEqual(shared, ['users: users_person: a shared table references office table persons']);
    } else {
      const r = await sqlite(
        dbFile(data),
        `CREATE TABLE rule_probe (id INTEGER PRIMARY KEY, office_id INTEGER, x TEXT);
         CREATE TABLE rule_probe_no_office (id INTEGER PRIMARY KEY);
         DROP INDEX consents_office_id_id;`,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(sqliteProblems(await sqliteCatalog(data)).sort(), [
        'consents: no unique index consents_office_id_id (office_id, id)',
        'rule_probe: office_id may be NULL',
        'rule_probe_no_office: no office_id column',
      ]);
    }
  });
});

// --- the upgrade: a 0005 database with data, migrated --------------------------------------------

const MIGRATIONS_PG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/storage/migrations/postgresql');
// The tables of 0001–0005 in an order their foreign keys accept.
const OLD_TABLES = ['offices', 'users', 'persons', 'assignments', 'consents', 'assessments', 'decisions', 'plans', 'monitorings', 'sessions', 'login_attempts', 'audit_log'];

/** Runs an SQL script (any length) through psql on the database of data folder `data`. */
async function psqlScript(data, script) {
  const url = await dbUrlOf(data); // creates the database on first use
  const r = await run(['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', '-'], { bin: PSQL, input: script, env: process.env, timeoutMs: 120000 });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function dbUrlOf(data) {
  const r = await pgSql(data, 'SELECT current_database()');
  assert.equal(r.code, 0, r.stderr);
  return `${DB_BASE}/${r.stdout.trim()}`;
}

describe('schema: upgrade', () => {
  test('a database at 0005 with the demo office keeps every row and id through 0011 and stays usable', { skip: PG_ONLY }, async () => {
    // The demo office on the current schema is the source of realistic rows.
    const source = await demoDataDir();
    const target = await tempDir('tsunagu-old-');
    // The target: migrations 0001–0005 exactly as a server of that version applied them.
    const files = (await fs.readdir(MIGRATIONS_PG)).filter((f) => /^000[1-5]_/.test(f)).sort();
    assert.equal(files.length, 5);
    let script = '';
    for (const f of files) script += `${await fs.readFile(path.join(MIGRATIONS_PG, f), 'utf8')}\n`;
    script +=
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n' +
      files.map((f) => `INSERT INTO schema_migrations VALUES (${Number(f.slice(0, 4))}, '${f}', '2026-01-01T00:00:00Z');`).join('\n');
    await psqlScript(target, script);
    // Copy the 0005 columns of every old table; ids as they are, identities moved past them.
    let copy = '';
    for (const t of OLD_TABLES) {
      // The demo's region user (role region, 0015) has no place in a 0005 database.
      // The demo's audit rows are chained with its own HMAC key (0013, issue #13): they cannot stand
      // in for a 0005 database's unkeyed chain, so the old log is left empty here (the keyed
      // migration of a chain is tested in audit-keyed.test.mjs).
      if (t === 'audit_log') continue;
      const r = await pgSql(source, `SELECT COALESCE(json_agg(t), '[]') FROM ${t} t${t === 'users' ? " WHERE role <> 'region'" : ''}`);
      assert.equal(r.code, 0, r.stderr);
      const rows = r.stdout.trim().replaceAll("'", "''");
      copy += `INSERT INTO ${t} SELECT * FROM json_populate_recordset(NULL::${t}, '${rows}');\n`;
      if (t !== 'assignments') // the only old table without an id
        copy += `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT MAX(id) FROM ${t})) WHERE pg_get_serial_sequence('${t}', 'id') IS NOT NULL AND EXISTS (SELECT 1 FROM ${t});\n`;
    }
    await psqlScript(target, copy);
    // A fingerprint of every old table on its 0005 columns, before and after.
    const fingerprint = async () => {
      const out = {};
      for (const t of OLD_TABLES) {
        const cols = await pgSql(target, `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = '${t}'::regclass AND attnum > 0 AND NOT attisdropped`);
        assert.equal(cols.code, 0, cols.stderr);
        out[t] = cols.stdout.trim();
      }
      return out;
    };
    const columns = await fingerprint();
    const snapshot = async () => {
      const out = {};
      for (const t of OLD_TABLES.filter((x) => x !== 'audit_log')) {
        const r = await pgSql(target, `SELECT COUNT(*) || ':' || COALESCE(md5(string_agg(ROW(${columns[t]})::text, '|' ORDER BY ROW(${columns[t]})::text)), '') FROM ${t}`);
        assert.equal(r.code, 0, r.stderr);
        out[t] = r.stdout.trim();
      }
      return out;
    };
    const before = await snapshot();
    assert.ok(Number(before.persons.split(':')[0]) >= 30, `demo persons copied: ${before.persons}`);

    const m = await runOk(['migrate', '--data', target]);
    assert.match(m.stdout, /schema version \d+/);
    assert.deepEqual(await snapshot(), before, 'every row of 0001–0005 survives with its id and values');
    assert.deepEqual(pgProblems(await pgCatalog(target)), []);
    await runOk(['audit', 'verify', '--data', target]);

    // The server works on the migrated data: lists, reads, and new rows get fresh ids.
    const server = await startServer({ data: target });
    const chief = await signedIn(server, 'tanaka');
    const all = await allPages(chief, `${API}/persons`);
    // The chief's office (the demo also has a second office, issue 14).
    const mine = await pgSql(target, "SELECT COUNT(*) FROM persons WHERE office_id = (SELECT office_id FROM users WHERE login = 'tanaka')");
    assert.equal(all.total, Number(mine.stdout.trim()));
    const maxId = Math.max(...all.items.map((p) => p.id));
    const p = ok(await chief.get(`${API}/persons/${all.items[0].id}`));
    assert.equal(p.id, all.items[0].id);
    const created = ok(await chief.post(`${API}/persons`, personBody({ name: '移行 確認' })), 201);
    assert.ok(created.id > maxId, `new id ${created.id} after ${maxId}`);
    await server.stop();
    await runOk(['audit', 'verify', '--data', target]);
  });
});
