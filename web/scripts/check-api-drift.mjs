#!/usr/bin/env node
// Fails when src/api/schema.d.ts is not what docs/openapi.json generates today: the UI's
// types must be regenerated (npm run gen:api) and committed together with the API change.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(web, 'src/api/schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'tsunagu-api-drift-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(
    process.execPath,
    [join(web, 'node_modules/openapi-typescript/bin/cli.js'), join(web, '../docs/openapi.json'), '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const a = readFileSync(committed, 'utf8');
  const b = readFileSync(fresh, 'utf8');
  if (a !== b) {
    const al = a.split('\n');
    const bl = b.split('\n');
    let i = 0;
    while (i < al.length && al[i] === bl[i]) i++;
    console.error(`check:api-drift: src/api/schema.d.ts differs from docs/openapi.json (first difference at line ${i + 1}):`);
    console.error(`  committed: ${al[i] ?? '<end of file>'}`);
    console.error(`  generated: ${bl[i] ?? '<end of file>'}`);
    console.error('Run `npm run gen:api` in web/ and commit the result.');
    process.exit(1);
  }
  console.log('check:api-drift: src/api/schema.d.ts matches docs/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
