// `make run` on a fresh Debian 12 installs only `scripts/setup run`'s packages, while CI (`make test`)
// installs the test tools too: a library or build tool that only the test list has passes CI and
// breaks the README's first command. This test derives what building needs from the tree itself (the
// headers src/ includes outside its tests, the tools the build's rules run) and asks dpkg which
// package owns each: every owner must be in the run list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const setup = join(root, 'scripts', 'setup');

function packages(mode) {
  return execFileSync(setup, ['--list', mode], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(cpp|hpp)$/.test(name) && !/_test\.cpp$/.test(name)) out.push(p);
  }
  return out;
}

// The C library and the compiler's own headers come with build-essential (in the run list).
const TOOLCHAIN = /^(libc6-dev|libstdc\+\+-\d+-dev|linux-libc-dev|libgcc-\d+-dev|libcrypt-dev)$/;
const INCLUDE_DIRS = ['/usr/include', '/usr/include/x86_64-linux-gnu', '/usr/include/aarch64-linux-gnu',
  '/usr/include/postgresql'];

/** dpkg's owner of each path (one call), as a map path -> package (architecture suffix dropped). */
function owners(paths) {
  const out = execFileSync('dpkg', ['-S', ...paths], { encoding: 'utf8' });
  const map = new Map();
  for (const line of out.split('\n').filter(Boolean)) {
    const [pkgs, path] = line.split(': ');
    map.set(path.trim(), pkgs.split(', ').map((p) => p.replace(/:.*$/, '')));
  }
  return map;
}

test('scripts/setup --list names the run packages, and test is a superset', () => {
  const run = packages('run');
  const all = packages('test');
  assert.ok(run.includes('build-essential') && run.includes('cmake'), run.join(' '));
  for (const p of run) assert.ok(all.includes(p), `${p} is in the run list but not the test list`);
  assert.ok(all.length > run.length, 'the test list adds the test tools');
  assert.throws(() => execFileSync(setup, ['--list', 'bogus'], { stdio: 'pipe' }), 'an unknown mode is refused');
});

test("every library header the server's sources include comes from a package `make run` installs", () => {
  const run = new Set(packages('run'));
  const headers = new Set();
  for (const f of sourceFiles(join(root, 'src')))
    for (const m of readFileSync(f, 'utf8').matchAll(/^#include <([^>]+)>/gm)) headers.add(m[1]);
  const paths = new Map();
  const unresolved = [];
  for (const h of headers) {
    const found = INCLUDE_DIRS.map((d) => join(d, h)).find((p) => existsSync(p));
    if (found) paths.set(found, h);
    else if (h.includes('.') || h.includes('/')) unresolved.push(h);  // <vector> etc. are the compiler's own
  }
  assert.ok(paths.size > 20, `found ${paths.size} library headers`);
  assert.deepEqual(unresolved, [], 'headers found in none of the include directories');
  const owner = owners([...paths.keys()]);
  const missing = [];
  for (const [path, header] of paths) {
    const pkgs = owner.get(path) ?? [];
    assert.ok(pkgs.length > 0, `dpkg knows no package for ${path}`);
    if (!pkgs.some((p) => run.has(p) || TOOLCHAIN.test(p))) missing.push(`${header} (${pkgs.join(', ')})`);
  }
  assert.deepEqual(missing, [], 'headers whose package only `make test` installs');
});

test('every tool the build runs comes from a package `make run` installs', () => {
  const run = new Set(packages('run'));
  // The Makefile's build rules: cmake, and the web UI's precompression (scripts/precompress).
  const makefile = readFileSync(join(root, 'Makefile'), 'utf8');
  assert.match(makefile, /scripts\/precompress/);
  const precompress = readFileSync(join(root, 'scripts', 'precompress'), 'utf8');
  // make, the compiler and pkg-config come with build-essential and pkg-config, gzip is Essential.
  const tools = ['cmake'];
  if (/^\s*brotli /m.test(precompress)) tools.push('brotli');
  assert.ok(tools.includes('brotli'), 'precompress runs brotli');
  const paths = tools.map((t) => execFileSync('bash', ['-c', `readlink -f "$(command -v ${t})"`], { encoding: 'utf8' }).trim());
  const owner = owners(paths);
  const missing = [];
  tools.forEach((t, i) => {
    const pkgs = owner.get(paths[i]) ?? [];
    assert.ok(pkgs.length > 0, `dpkg knows no package for ${t} (${paths[i]})`);
    if (!pkgs.some((p) => run.has(p))) missing.push(`${t} (${pkgs.join(', ')})`);
  });
  assert.deepEqual(missing, [], 'tools whose package only `make test` installs');
});
