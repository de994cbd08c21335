#!/usr/bin/env node
// Budget and CSP checks on the built UI (web/dist), run after `npm run build`:
//  1. initial JS (index.html's module script + everything it imports statically) ≤ 60 KB gzipped;
//  2. no inline <script> (CSP default-src 'self'), and no inline style either;
//  3. no http(s) URL to another origin in dist HTML/JS/CSS (XML namespace URIs excepted):
//     the UI must work with no network beyond the tsunagu server itself.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT_BYTES = 60 * 1024; // screens are chunks of their own (lib/lazy.tsx): the entry is the shell only
const NAMESPACE_HOSTS = ['www.w3.org']; // e.g. http://www.w3.org/2000/svg, never fetched

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const failures = [];
if (!existsSync(join(dist, 'index.html'))) {
  console.error('test:budget: dist/index.html is missing: run `npm run build` first');
  process.exit(1);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');

// --- 2. inline scripts and styles
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc\s*=/.test(m[1])) failures.push('inline <script> in dist/index.html: ' + m[0].slice(0, 80));
}
if (/<style\b/i.test(html)) failures.push('<style> element in dist/index.html');
if (/\sstyle\s*=/i.test(html)) failures.push('style="" attribute in dist/index.html');

// --- 1. initial JS
const entries = [...html.matchAll(/<script\b[^>]*type=["']module["'][^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]);
if (entries.length === 0) failures.push('no module script in dist/index.html');
const seen = new Set();
const queue = entries.map((src) => posix.normalize(src.replace(/^\//, '')));
let total = 0;
const sizes = [];
while (queue.length) {
  const rel = queue.shift();
  if (seen.has(rel)) continue;
  seen.add(rel);
  const file = join(dist, rel);
  if (!existsSync(file)) {
    failures.push('missing script ' + rel);
    continue;
  }
  const code = readFileSync(file);
  const gz = gzipSync(code, { level: 9 }).length;
  total += gz;
  sizes.push([rel, gz]);
  const text = code.toString('utf8');
  // static imports only: `import x from "./a.js"`, `import"./a.js"`, `export * from "./a.js"`;
  // `import("./a.js")` (lazy) is not part of the initial load.
  for (const m of text.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+\.js)["']/g)) {
    const spec = m[1];
    if (/^https?:/.test(spec)) continue; // reported by check 3
    const target = spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(rel), spec);
    queue.push(posix.normalize(target));
  }
}
for (const [rel, gz] of sizes) console.log(`  ${rel}: ${(gz / 1024).toFixed(1)} KB gzipped`);
console.log(`test:budget: initial JS ${(total / 1024).toFixed(1)} KB gzipped (limit ${LIMIT_BYTES / 1024} KB)`);
if (total > LIMIT_BYTES) failures.push(`initial JS is ${(total / 1024).toFixed(1)} KB gzipped, over ${LIMIT_BYTES / 1024} KB`);

// --- 3. other origins
function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}
for (const file of walk(dist)) {
  if (!/\.(html|js|mjs|css)$/.test(file)) continue;
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/https?:\/\/([A-Za-z0-9.-]+)[^\s"'`)<>]*/g)) {
    if (NAMESPACE_HOSTS.includes(m[1].toLowerCase())) continue;
    failures.push(`URL to another origin in ${file.slice(dist.length + 1)}: ${m[0]}`);
  }
}

if (failures.length) {
  for (const f of failures) console.error('FAIL ' + f);
  console.log(`0 passed, ${failures.length} failed`);
  process.exit(1);
}
console.log('test:budget: no inline scripts or styles, no other origins');
console.log('3 passed, 0 failed');
