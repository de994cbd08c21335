// Every screen on a phone (390 × 844) and a portrait tablet (820 × 1180), as a specialist, a
// chief and an administrator (issue 16): no sideways scrolling, no table cell squeezed below 3em
// holding text, 44 × 44 touch targets on the phone, axe with no serious/critical violation, and a
// screenshot of each for review. Reflow at 320 px (= 1280 px at 400 %, 640 px at 200 %). Then
// Japanese input: Enter during an IME composition submits nothing (login form, a record form, the
// search); the search runs only on committed text; full-width digits are normalised or refused
// with a message. And the visit flow on a phone: ホーム → the person → the thumb button → the form.
// One server, one browser; a context per user and viewport.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectAccessible, launchBrowser, newPage, PASSWORD, startServer, todayJst } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };
const NARROW = { width: 320, height: 640 }; // = 640 px at 200 %, 1280 px at 400 % zoom

// Screenshots for review: $TSUNAGU_SCREENS, else build/e2e-screens when run from the tree, else a temp dir.
const SCREENS = process.env.TSUNAGU_SCREENS
  ? resolve(process.env.TSUNAGU_SCREENS)
  : (() => {
      try {
        const d = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', 'build', 'e2e-screens');
        mkdirSync(d, { recursive: true });
        return d;
      } catch {
        return mkdtempSync(join(tmpdir(), 'tsunagu-screens-'));
      }
    })();

async function loginAs(page, who) {
  await page.goto('/');
  await page.getByLabel('ログインID').fill(who);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.locator('header.app-header').waitFor();
}

/**
 * The screen has rendered: an <h1>, nothing is still loading, and no API call is in flight (parts
 * that load their own data after the screen, e.g. the directory in the consent's scope picker).
 */
async function settled(page) {
  await page.locator('h1').first().waitFor();
  await page.evaluate(() => {
    if (window.__pendingApi !== undefined) return;
    window.__pendingApi = 0;
    const f = window.fetch;
    window.fetch = (...a) => {
      window.__pendingApi++;
      return f(...a).finally(() => window.__pendingApi--);
    };
  });
  await page.waitForFunction(() => !document.querySelector('.loading') && window.__pendingApi === 0, null, { timeout: 30_000 });
}

/**
 * Goes to a route the way a link does (history.pushState + popstate; lib/router.ts), so the app,
 * its session and axe stay loaded: far quicker than a page load for ~40 screens × 2 widths.
 */
async function goInApp(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  // two frames: Preact renders the new route, which may start loading its data
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await settled(page);
}

/** Waits (polling) until `f()` holds or `ms` pass: requests come late on a busy machine. */
async function until(page, f, ms = 15_000) {
  for (const t0 = Date.now(); !f() && Date.now() - t0 < ms; ) await page.waitForTimeout(50);
}

/** In-page API call with the session's cookie and CSRF token. */
async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const r = await fetch('/api/v1' + path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/** The layout checks of one screen; returns a list of problems (empty when fine). */
async function layoutProblems(page, { touch }) {
  return page.evaluate(
    ({ touch }) => {
      const out = [];
      const de = document.documentElement;
      const hidden = (el) => {
        for (let e = el; e && e !== document.body; e = e.parentElement) {
          const cs = getComputedStyle(e);
          if (cs.display === 'none' || cs.visibility === 'hidden') return true;
          if (e.classList.contains('sr-only')) return true;
          if (cs.position === 'absolute' && cs.overflow === 'hidden' && e.getBoundingClientRect().width <= 1) return true;
        }
        return false;
      };
      const name = (el) => (el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '')) + ` "${(el.innerText || el.value || '').trim().slice(0, 30)}"`;
      if (de.scrollWidth > window.innerWidth) {
        // name the innermost elements that stick out on the right (what to fix)
        const wide = [...document.body.querySelectorAll('*')].filter((e) => !hidden(e) && e.getBoundingClientRect().right > window.innerWidth + 1);
        const leaves = wide.filter((e) => !wide.some((c) => c !== e && e.contains(c))).slice(0, 3);
        out.push(`page scrolls sideways: scrollWidth ${de.scrollWidth} > ${window.innerWidth}: ${leaves.map(name).join(', ')}`);
      }
      // the keyboard fits the field: numbers numeric (never type=number), phones tel
      for (const el of document.querySelectorAll('input')) {
        const n = el.name || '';
        if (el.type === 'number') out.push(`type=number: ${name(el)}`);
        // 受給者証番号 (the person's and the decision's; a training certificate's number may hold letters)
        const jukyusha = /certificate_number$/.test(n) && el.closest('[data-testid="person-form"], [data-testid="decision-form"]');
        if ((jukyusha || /(copay_cap|minutes|interval_months|priority|person_id|within_hours)$/.test(n)) && el.inputMode !== 'numeric') out.push(`inputmode ${el.inputMode || 'none'} (not numeric): #${el.id}`);
        if (/phone$/.test(n) && el.type !== 'tel') out.push(`type ${el.type} (not tel): #${el.id}`);
        if (/(^date|_date|_on|valid_until|^from|^to)$/.test(n) && el.type !== 'date') out.push(`type ${el.type} (not date): #${el.id}`);
      }
      // Japanese headings, labels, headers and names never break inside a word (issue 16)
      for (const el of document.querySelectorAll('h1, h2, h3, th, label, legend, .tabs a, .name, .badge')) {
        if (hidden(el) || !el.innerText.trim()) continue;
        const cs = getComputedStyle(el);
        if (cs.wordBreak !== 'keep-all') out.push(`word-break ${cs.wordBreak} (not keep-all): ${name(el)}`);
        // one character per line: two or more lines, each no wider than about one character
        const r = el.getBoundingClientRect();
        const fs = parseFloat(cs.fontSize);
        const lh = parseFloat(cs.lineHeight) || fs * 1.6;
        if (el.innerText.trim().length > 2 && r.width < 1.6 * fs && r.height > 1.9 * lh) out.push(`one character per line (${r.width.toFixed(0)}×${r.height.toFixed(0)}): ${name(el)}`);
      }
      for (const cell of document.querySelectorAll('td, th')) {
        if (!cell.innerText.trim() || hidden(cell)) continue;
        const w = cell.getBoundingClientRect().width;
        const em = parseFloat(getComputedStyle(cell).fontSize);
        if (w < 3 * em - 0.5) out.push(`table cell ${w.toFixed(0)}px < 3em: ${name(cell)}`);
      }
      if (touch) {
        const targets = document.querySelectorAll(
          'button, .btn, select, textarea, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), nav a, .tabs a, .list a, .data-table a, label.choice, .field.checkbox',
        );
        for (const el of targets) {
          if (hidden(el) || el.closest('.week, .skip-link') || el.classList.contains('skip-link')) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          if (r.height < 43.5 || r.width < 43.5) out.push(`touch target ${r.width.toFixed(0)}×${r.height.toFixed(0)} < 44×44: ${name(el)}`);
        }
      }
      return out;
    },
    { touch },
  );
}

describe('every screen on a phone and a tablet', { concurrency: false }, () => {
  let server, browser;
  const ids = {};
  const shots = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    console.log('# screenshots: ' + SCREENS);
    // The demo office's data: a person with an issued plan, a monitoring and consents; an
    // assessment and a revised draft plan are added so that every form has something to show.
    const { context, page } = await newPage(browser, server.url);
    await loginAs(page, 'sato');
    const caseload = (await api(page, 'GET', '/caseload')).body.items;
    const withPlan = caseload.filter((c) => c.current_plan_id);
    let person = null;
    for (const c of withPlan) {
      const m = (await api(page, 'GET', `/persons/${c.person_id}/monitorings`)).body.items;
      const cs = (await api(page, 'GET', `/persons/${c.person_id}/consents`)).body.items;
      if (m.length && cs.length && !c.open_plan_id) {
        person = c;
        ids.monitoring = m[0].id;
        break;
      }
    }
    assert.ok(person, 'the demo has a person with an issued plan, a monitoring and a consent');
    ids.person = person.person_id;
    ids.plan = person.current_plan_id;
    const a = await api(page, 'POST', `/persons/${ids.person}/assessments`, { date: todayJst(), own_words: '家で暮らしつづけたい。' });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    ids.assessment = a.body.id;
    const tr = await api(page, 'POST', `/persons/${ids.person}/transitions`, { kind: 'settlement', start: todayJst(), end: todayJst(), emergency_contact: '当番携帯' }); // #17
    ids.transition = tr.body.id;
    // a second person gets a revised draft plan (the plan editor and the diff)
    const other = withPlan.find((c) => c.person_id !== ids.person && !c.open_plan_id);
    const r = await api(page, 'POST', `/persons/${other.person_id}/plans/${other.current_plan_id}/revise`, {});
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids.draftPerson = other.person_id;
    ids.draftPlan = r.body.id;
    ids.noPlanPerson = caseload.find((c) => !c.current_plan_id)?.person_id ?? ids.person;
    // the newer screens' data: a record (note), a care conference, a directory entry
    const notes = (await api(page, 'GET', `/persons/${ids.person}/notes`)).body.items;
    assert.ok(notes.length, 'the demo person has records');
    ids.note = notes[0].id;
    for (const c of caseload) {
      const ms = (await api(page, 'GET', `/persons/${c.person_id}/meetings`)).body.items;
      if (ms.length) {
        ids.meetingPerson = c.person_id;
        ids.meeting = ms[0].id;
        ids.meetingDraft = ms.find((m) => m.status === 'draft')?.id;
        break;
      }
    }
    assert.ok(ids.meeting, 'the demo has a care conference');
    const dir = (await api(page, 'GET', '/directory')).body.items;
    assert.ok(dir.length, 'the demo has a directory');
    ids.directory = dir[0].id;
    ids.caseReport = (await api(page, 'GET', '/case-reports')).body.items[0]?.id; // #15: the demo's reports
    assert.ok(ids.caseReport, 'the demo has a case report');
    await context.close();
    const tanaka = await newPage(browser, server.url);
    await loginAs(tanaka.page, 'tanaka');
    ids.user = (await api(tanaka.page, 'GET', '/users')).body.items.find((u) => u.login === 'sato').id;
    await tanaka.context.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  function personRoutes() {
    const p = `/persons/${ids.person}`;
    const d = `/persons/${ids.draftPerson}`;
    return [
      ['home', '/'],
      ['persons', '/persons'],
      ['persons-search', '/persons?q=' + encodeURIComponent('さ')],
      ['person-new', '/persons/new'],
      ['person-basic', p],
      ['person-consents', `${p}/consents`],
      ['person-assessments', `${p}/assessments`],
      ['person-plans', `${p}/plans`],
      ['person-monitorings', `${p}/monitorings`],
      ['person-records', `${p}/records`],
      ['person-edit', `${p}/edit`],
      ['consent-new', `${p}/consents/new`],
      ['assessment-new', `${p}/assessments/new`],
      ['assessment', `${p}/assessments/${ids.assessment}`],
      ['plan-view', `${p}/plans/${ids.plan}`],
      ['plan-new-none', `/persons/${ids.noPlanPerson}/plans/new`],
      ['plan-draft', `${d}/plans/${ids.draftPlan}`],
      ['plan-edit', `${d}/plans/${ids.draftPlan}/edit`],
      ['decision-new', `${d}/decisions/new?plan=${ids.draftPlan}`],
      ['monitoring-new', `${p}/monitorings/new`],
      ['monitoring-view', `${p}/monitorings/${ids.monitoring}`],
      ['transition-new', `${p}/transitions/new`],
      ['transition', `${p}/transitions/${ids.transition}`],
      ['password', '/account/password'],
      ['two-factor', '/account/two-factor'],
      ['quality', '/quality'],
      ['approvals', '/approvals'],
      ['supervisions', '/supervisions'],
      ['dashboard', '/dashboard'],
      ['not-found', '/no-such-screen'],
      // screens added after the mobile foundation (records, meetings, rights, directory, search)
      ['person-disclosures', `${p}/disclosures`],
      ['person-meetings', `${p}/meetings`],
      ['person-rights', `${p}/rights`],
      ['person-records-visit', `${p}/records?visit=1`],
      ['note-view', `${p}/records/${ids.note}`],
      ['meeting-new', `${p}/meetings/new`],
      ['meeting-view', `/persons/${ids.meetingPerson}/meetings/${ids.meeting}`],
      ...(ids.meetingDraft ? [['meeting-edit', `/persons/${ids.meetingPerson}/meetings/${ids.meetingDraft}/edit`]] : []),
      ['tasks', '/tasks'],
      ['compliance', '/compliance'],
      ['directory', '/directory'],
      ['directory-search', '/directory?q=' + encodeURIComponent('相談')],
      ['directory-new', '/directory/new'],
      ['directory-entry', `/directory/${ids.directory}`],
      ['directory-edit', `/directory/${ids.directory}/edit`],
      ['weak-ties', '/account/weak-ties'],
      ['oncall', '/oncall'],
      ['search', '/search'],
      ['search-results', '/search?q=' + encodeURIComponent('訪問')],
      // #15: case reports, case review and internal audit forms, closed persons
      ['case-reviews', '/case-reviews'],
      ['internal-audits', '/internal-audits'],
      ['case-reports', '/case-reports'],
      ['case-report', `/case-reports/${ids.caseReport}`],
      ['persons-closed', '/persons?status=closed'],
    ];
  }
  const chiefRoutes = () => [
    ['users', '/users'],
    ['user-new', '/users/new'],
    ['user', `/users/${ids.user}`],
    ['audit', '/audit'],
    ['decision-support', '/decision-support'],
    ['chief-oncall', '/oncall'],
    ['chief-tasks', '/tasks'],
    ['transfers', '/transfers'],
    ['chief-internal-audits', '/internal-audits'], // #15: the checklist form
    ['chief-case-report', `/case-reports/${ids.caseReport}`],
    // the chief's own views of the shared screens: the office dashboard, approvals, quality, compliance
    ['chief-dashboard', '/dashboard'],
    ['chief-approvals', '/approvals'],
    ['chief-quality', '/quality'],
    ['chief-compliance', '/compliance'],
    ['chief-supervisions', '/supervisions'],
  ];
  const adminRoutes = () => [
    ['admin-home', '/'],
    ['admin-users', '/users'],
    ['admin-user-new', '/users/new'],
  ];

  /**
   * One page per user: each screen is loaded once and checked at 390 px (a phone: touch targets
   * too), 820 px (a tablet) and 320 px (reflow; layout only), with axe and a screenshot at the
   * first two. The phone also checks the folded header menu.
   */
  async function sweep(who, routes) {
    const { context, page } = await newPage(browser, server.url, PHONE);
    const problems = [];
    try {
      await loginAs(page, who);
      for (const [name, path] of routes) {
        const t0 = Date.now();
        await page.setViewportSize(PHONE);
        await goInApp(page, path);
        for (const vp of [PHONE, TABLET, NARROW]) {
          if (vp !== PHONE) await page.setViewportSize(vp);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
          const t1 = Date.now();
          for (const p of await layoutProblems(page, { touch: vp === PHONE })) problems.push(`${vp.width}px ${name} (${path}): ${p}`);
          if (vp === NARROW) continue;
          const t2 = Date.now();
          await expectAccessible(page, `${who} ${vp.width}px ${name}`);
          const t3 = Date.now();
          const file = join(SCREENS, `${vp.width}-${who}-${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          shots.push(file);
          if (process.env.TSUNAGU_E2E_TIMING) console.log(`#   ${vp.width}: layout ${t2 - t1} axe ${t3 - t2} shot ${Date.now() - t3} ms`);
        }
        if (process.env.TSUNAGU_E2E_TIMING) console.log(`# ${who} ${name} ${Date.now() - t0} ms`);
      }
      // the header folded into a menu button; open, it lists every destination
      await page.setViewportSize(PHONE);
      await page.goto('/');
      await settled(page);
      const menu = page.getByTestId('menu-button');
      assert.equal(await menu.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.getByRole('button', { name: 'ログアウト' }).isVisible(), false, 'the account buttons are folded away');
      await menu.click();
      await page.getByRole('button', { name: 'ログアウト' }).waitFor();
      for (const p of await layoutProblems(page, { touch: true })) problems.push(`menu open: ${p}`);
      await expectAccessible(page, `${who} menu open`);
      await page.screenshot({ path: join(SCREENS, `390-${who}-menu.png`) });
      await page.keyboard.press('Escape');
      assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'Escape closes the menu');
      // on a tablet in landscape and a desktop the header is not folded
      await page.setViewportSize({ width: 1280, height: 800 });
      assert.equal(await menu.isVisible(), false);
      await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, [], `${who}:\n` + problems.join('\n'));
  }

  test('specialist: every screen at 390, 820 and 320 px', () => sweep('sato', personRoutes()));
  // a chief's person screens differ only on 基本情報 (担当者の設定) and ホーム (filter, assignees)
  test('chief: staff, access log, home and a person at 390, 820 and 320 px', () =>
    sweep('tanaka', [...chiefRoutes(), ...personRoutes().filter(([n]) => ['home', 'persons', 'person-basic'].includes(n))]));
  test('administrator: offices and staff at 390, 820 and 320 px', () => sweep('admin', adminRoutes()));
  test('region: the region dashboard at 390, 820 and 320 px', () => sweep('kikan', [['region', '/']]));

  /**
   * WCAG 1.4.4 (resize text to 200 %) and the system font size: the browser's default font size
   * set to 32 px (what a user's "text size 200 %" does; the UI's sizes are rem/em and the
   * breakpoints em, so they follow). Every specialist screen at a desktop width (1280 px: 200 %
   * text with no loss of content) and on a phone (390 px with the large text): no sideways
   * scrolling, no squeezed cells, no word broken in a Japanese heading or name.
   */
  test('text at 200 % (system font size): every screen reflows at 1280 and 390 px', async () => {
    const problems = [];
    for (const vp of [{ width: 1280, height: 800 }, PHONE]) {
      const { context, page } = await newPage(browser, server.url, vp);
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
        await loginAs(page, 'sato');
        assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '32px', 'the root follows the default font size');
        for (const [name, path] of personRoutes()) {
          await goInApp(page, path);
          for (const p of await layoutProblems(page, { touch: false })) problems.push(`${vp.width}px 200% ${name} (${path}): ${p}`);
          if (['home', 'person-basic', 'person-records-visit', 'monitoring-new'].includes(name)) await page.screenshot({ path: join(SCREENS, `${vp.width}-text200-${name}.png`), fullPage: true });
        }
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('prefers-reduced-motion: no transitions or smooth scrolling for those who ask for less', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    try {
      await loginAs(page, 'sato');
      const motion = () =>
        page.evaluate(() => {
          const btn = document.querySelector('.btn');
          const cs = getComputedStyle(btn);
          return { transition: parseFloat(cs.transitionDuration) * (cs.transitionDuration.endsWith('ms') ? 1 : 1000), scroll: getComputedStyle(document.documentElement).scrollBehavior };
        });
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      assert.ok((await motion()).transition >= 100, 'a short transition by default');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const m = await motion();
      assert.ok(m.transition < 1, 'no transition when reduced motion is asked for: ' + JSON.stringify(m));
      assert.equal(m.scroll, 'auto');
    } finally {
      await context.close();
    }
  });

  /**
   * The rules that hold for the source as a whole: every key handler goes through the IME guard
   * (lib/ime.ts), no font size is fixed in px outside the SVG charts (the system font size is
   * followed: rem/em), and no number field is a `type="number"`.
   */
  test('source: key handlers IME-guarded, font sizes in rem/em, no type=number', () => {
    const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'src');
    const files = [];
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (/\.(tsx?|css)$/.test(e.name)) files.push(join(d, e.name));
      }
    };
    walk(root);
    const problems = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const rel = f.slice(root.length + 1);
      if (f.endsWith('.css')) {
        text.split('\n').forEach((line, i) => {
          if (/font(-size)?\s*:[^;]*\b\d+(\.\d+)?px/.test(line) && !/\.bar-chart/.test(line)) problems.push(`${rel}:${i + 1}: font size in px: ${line.trim()}`);
        });
        continue;
      }
      if (rel === 'lib/ime.ts') continue;
      const code = text.split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n'); // not the comments that warn against it
      if (/type=["']number["']/.test(code)) problems.push(`${rel}: type="number"`);
      const handlers = text.match(/on(KeyDown|KeyUp|KeyPress)=|addEventListener\(\s*['"]key(down|up|press)['"]/g) ?? [];
      if (handlers.length && !/isComposing|onEnter|guardImeEnter/.test(text)) problems.push(`${rel}: ${handlers.length} key handler(s) without the IME guard (lib/ime.ts)`);
    }
    assert.ok(files.length > 50, files.length + ' files');
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('the login screen at 390, 820 and 320 px', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    const problems = [];
    try {
      await page.goto('/');
      await page.getByLabel('ログインID').waitFor();
      for (const vp of [PHONE, TABLET, NARROW]) {
        await page.setViewportSize(vp);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
        for (const p of await layoutProblems(page, { touch: vp !== TABLET })) problems.push(`${vp.width}px login: ${p}`);
        if (vp === NARROW) continue;
        await expectAccessible(page, `${vp.width}px login`);
        await page.screenshot({ path: join(SCREENS, `${vp.width}-login.png`), fullPage: true });
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('person tabs scroll as one row with the current tab in view', async () => {
    const { context, page } = await newPage(browser, server.url, NARROW);
    try {
      await loginAs(page, 'sato');
      await page.goto(`/persons/${ids.person}/records`);
      await settled(page);
      const tabs = page.locator('ul.tabs');
      const box = await tabs.evaluate((ul) => ({ sw: ul.scrollWidth, cw: ul.clientWidth, rows: new Set([...ul.querySelectorAll('a')].map((a) => a.getBoundingClientRect().top)).size }));
      assert.equal(box.rows, 1, 'the tabs are one row');
      assert.ok(box.sw > box.cw, 'at 320 px the tab bar scrolls');
      const cur = await page.locator('ul.tabs [aria-current="page"]').boundingBox();
      assert.ok(cur.x >= 0 && cur.x + cur.width <= NARROW.width + 1, 'the current tab is scrolled into view');
    } finally {
      await context.close();
    }
  });

  test('IME: Enter during a composition does not submit the login form', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    try {
      await page.goto('/');
      await page.getByLabel('パスワード').fill(PASSWORD);
      const id = page.getByLabel('ログインID');
      await id.fill('sato');
      let posts = 0;
      page.on('request', (r) => r.method() === 'POST' && r.url().includes('/auth/login') && posts++);
      await id.focus();
      await id.dispatchEvent('compositionstart', { data: '' });
      // the synthetic keydown (isComposing, keyCode 229) and a real Enter key while composing
      await id.evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true })));
      await page.keyboard.press('Enter');
      await id.dispatchEvent('compositionend', { data: 'sato' });
      await page.waitForTimeout(400);
      assert.equal(posts, 0, 'Enter while composing did not submit');
      await page.keyboard.press('Enter');
      await page.locator('header.app-header').waitFor();
      assert.equal(posts, 1, 'Enter after the composition submits');
    } finally {
      await context.close();
    }
  });

  test('IME: Enter during a composition does not save a record form', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    try {
      await loginAs(page, 'sato');
      await page.goto(`/persons/${ids.person}/consents/new`);
      await settled(page);
      let posts = 0;
      page.on('request', (r) => r.method() === 'POST' && /\/consents$/.test(r.url()) && posts++);
      const purpose = page.locator('#f-purpose');
      await purpose.focus();
      await purpose.dispatchEvent('compositionstart', { data: '' });
      await purpose.evaluate((el) => {
        el.value = 'さーびすたんとうしゃかいぎ';
        el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: 'さーびす' }));
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
      });
      await page.keyboard.press('Enter');
      await purpose.dispatchEvent('compositionend', { data: 'サービス担当者会議' });
      await page.waitForTimeout(400);
      assert.equal(posts, 0, 'no POST while composing');
      assert.match(page.url(), /\/consents\/new$/, 'still on the form');
    } finally {
      await context.close();
    }
  });

  test('IME: the search runs on committed text only, debounced', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    try {
      await loginAs(page, 'sato');
      await page.goto('/persons');
      await settled(page);
      const searches = [];
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname === '/api/v1/persons' && u.searchParams.get('q')) searches.push(u.searchParams.get('q'));
      });
      const box = page.getByRole('searchbox');
      await box.focus();
      await box.dispatchEvent('compositionstart', { data: '' });
      for (const partial of ['さ', 'さと', 'さとう']) {
        await box.evaluate((el, v) => {
          el.value = v;
          el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: v }));
        }, partial);
      }
      await box.evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true })));
      await page.keyboard.press('Enter');
      await page.waitForTimeout(800);
      assert.deepEqual(searches, [], 'nothing is searched while composing, not even on Enter');
      assert.equal(new URL(page.url()).search, '');
      await box.evaluate((el) => {
        el.value = '佐藤';
        el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '佐藤' }));
      });
      await page.waitForURL((u) => u.searchParams.get('q') === '佐藤');
      await until(page, () => searches.length > 0);
      await page.waitForTimeout(200);
      assert.deepEqual(searches, ['佐藤'], 'one search, for the committed text');
      // typing (no IME) searches once after a pause, not per keystroke
      await box.fill('');
      await box.pressSequentially('kana', { delay: 30 });
      await page.waitForURL((u) => u.searchParams.get('q') === 'kana');
      await page.waitForTimeout(200);
      assert.ok(!searches.includes('k') && !searches.includes('ka') && !searches.includes('kan'), 'debounced: ' + searches.join(','));
    } finally {
      await context.close();
    }
  });

  /**
   * Composition on every form and search that reacts to Enter, the newer screens included:
   * compositionstart, input while composing, Enter (the IME's keyCode 229 keydown and a real
   * Enter key), compositionend. Nothing is saved or searched while composing and the page stays;
   * a debounced search runs once, for the committed text, after compositionend.
   */
  test('IME: Enter during a composition submits no form and runs no search (every screen with Enter)', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    const p = `/persons/${ids.person}`;
    const cases = [
      // submit-only: the header's search (it leaves the screen, so only on Enter/検索), the on-call search (each search is logged for the chief)
      { name: 'header search', path: `${p}/records`, field: '#header-q', api: '/api/v1/search', wide: true },
      { name: 'on-call person search', path: '/oncall', field: '#f-oncall_q', api: '/api/v1/oncall/persons' },
      // debounced searches: nothing while composing, one search for the committed text
      { name: 'records search page', path: '/search', field: '#f-search-q', api: '/api/v1/search', debounced: true },
      { name: 'directory search', path: '/directory', field: '#f-q', api: '/api/v1/directory', debounced: true },
      { name: 'persons search', path: '/persons', field: '#f-q', api: '/api/v1/persons', debounced: true },
      // forms: no POST
      { name: 'record (note) form', path: `${p}/records?visit=1`, field: '#f-next_step', api: `/api/v1/persons/${ids.person}/notes` },
      { name: 'disclosure form', path: `${p}/disclosures`, field: '#f-purpose', api: `/api/v1/persons/${ids.person}/disclosures` },
      { name: 'meeting form', path: `${p}/meetings/new`, field: '#f-place', api: `/api/v1/persons/${ids.person}/meetings` },
      { name: 'on-call call form', path: '/oncall', field: '#f-caller', api: '/api/v1/oncall/calls' },
      { name: 'directory entry form', path: '/directory/new', field: '#f-name', api: '/api/v1/directory' },
      { name: 'consent form', path: `${p}/consents/new`, field: '#f-purpose', api: `/api/v1/persons/${ids.person}/consents` },
    ];
    const problems = [];
    try {
      await loginAs(page, 'sato');
      for (const c of cases) {
        await page.setViewportSize(c.wide ? { width: 1280, height: 800 } : PHONE);
        await goInApp(page, c.path);
        const before = page.url();
        const seen = [];
        const watch = (r) => {
          const u = new URL(r.url());
          if (u.pathname !== c.api) return;
          if (r.method() !== 'GET' || u.searchParams.get('q')) seen.push(r.method() + ' ' + (u.searchParams.get('q') ?? ''));
        };
        page.on('request', watch);
        const field = page.locator(c.field);
        await field.focus();
        await field.dispatchEvent('compositionstart', { data: '' });
        await field.evaluate((el) => {
          for (const v of ['そう', 'そうだん']) {
            el.value = v;
            el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: v }));
          }
          el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
        });
        await page.keyboard.press('Enter');
        await page.waitForTimeout(500);
        if (seen.length) problems.push(`${c.name}: while composing: ${seen.join(', ')}`);
        if (page.url() !== before) problems.push(`${c.name}: left the page while composing: ${page.url()}`);
        seen.length = 0;
        await field.evaluate((el) => {
          el.value = '相談';
          el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '相談' }));
        });
        if (c.debounced) await until(page, () => seen.length > 0);
        await page.waitForTimeout(800);
        const expect = c.debounced ? ['GET 相談'] : [];
        if (JSON.stringify(seen) !== JSON.stringify(expect)) problems.push(`${c.name}: after compositionend: [${seen.join(', ')}], expected [${expect.join(', ')}]`);
        page.off('request', watch);
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('full-width digits are normalised; other characters are refused with a message', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    try {
      await loginAs(page, 'sato');
      await page.goto(`/persons/${ids.person}/edit`);
      await settled(page);
      const cert = page.locator('#f-certificate_number');
      assert.equal(await cert.getAttribute('inputmode'), 'numeric');
      assert.equal(await cert.getAttribute('type'), 'text', 'never type=number (it drops what it cannot parse)');
      await cert.fill('１２３４５６７８９０');
      assert.equal(await cert.inputValue(), '1234567890');
      await cert.fill('12345abc');
      assert.equal(await cert.inputValue(), '12345abc', 'kept, not dropped');
      await page.getByText('半角の数字だけで入力してください').waitFor();
      assert.equal(await cert.getAttribute('aria-invalid'), 'true');
      // the form is not sent while a number field holds something else; the field gets the focus
      let writes = 0;
      const count = (r) => r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/v1/persons/') && writes++;
      page.on('request', count);
      await page.locator('.form-actions .btn-primary').click();
      await page.waitForTimeout(400);
      page.off('request', count);
      assert.equal(writes, 0, 'not saved with letters in 受給者証番号 (neither dropped nor sent)');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-certificate_number');
      assert.equal(await cert.inputValue(), '12345abc');
      // composition: the text stays as typed until it is committed, then it is normalised
      await cert.fill('');
      await cert.evaluate((el) => {
        el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
        el.value = '９９';
        el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: '９９' }));
      });
      assert.equal(await cert.inputValue(), '９９');
      await cert.evaluate((el) => el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '９９' })));
      assert.equal(await cert.inputValue(), '99');
      const phone = page.locator('#f-phone');
      assert.equal(await phone.getAttribute('type'), 'tel');
      await phone.fill('０９０－１２３４－５６７８');
      assert.equal(await phone.inputValue(), '090-1234-5678');
      for (const date of ['#f-birth_date', '#f-support_level_valid_until']) assert.equal(await page.locator(date).getAttribute('type'), 'date');
    } finally {
      await context.close();
    }
  });

  test('a decimal number field (研修の時間数): ６．５ becomes 6.5; letters are refused with a message, not sent as nothing', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    try {
      await loginAs(page, 'sato');
      await page.goto('/quality');
      await settled(page);
      const hours = page.locator('#f-hours');
      assert.equal(await hours.getAttribute('inputmode'), 'decimal');
      assert.equal(await hours.getAttribute('type'), 'text');
      await hours.fill('６．５');
      assert.equal(await hours.inputValue(), '6.5');
      await hours.fill('6時間');
      await page.getByText('数字で入力してください').waitFor();
      assert.equal(await hours.getAttribute('aria-invalid'), 'true');
      await page.locator('#f-kind').selectOption({ index: 1 });
      await page.locator('#f-title').fill('強度行動障害支援者養成研修');
      await page.locator('#f-completed_on').fill(todayJst());
      let posts = 0;
      const count = (r) => r.method() === 'POST' && /\/trainings$/.test(new URL(r.url()).pathname) && posts++;
      page.on('request', count);
      await page.getByTestId('training-save').click();
      await page.waitForTimeout(400);
      assert.equal(posts, 0, 'not saved while 時間数 holds letters (before: sent as null, the hours silently lost)');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-hours');
      await hours.fill('６．５');
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && /\/trainings$/.test(new URL(r.url()).pathname));
      await page.getByTestId('training-save').click();
      const res = await created;
      page.off('request', count);
      assert.equal(res.status(), 201, await res.text());
      assert.equal(JSON.parse(res.request().postData()).hours, 6.5);
    } finally {
      await context.close();
    }
  });

  test('visit flow on a phone: ホーム → the person → 記録する → the record form, saved with one thumb', async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    try {
      await loginAs(page, 'sato');
      await settled(page);
      // today's visits and due monitorings come first on the phone
      const order = await page.evaluate(() => ['.home-today', '.home-alerts', '.home-caseload'].map((s) => document.querySelector(s).getBoundingClientRect().top));
      assert.ok(order[0] < order[1] && order[1] < order[2], 'today, then alerts, then caseload: ' + order);
      await page.locator(`[data-testid="caseload"] tr[data-person-id="${ids.person}"] a.name`).click();
      await page.waitForURL(new RegExp(`/persons/${ids.person}$`));
      await settled(page);
      const bar = page.getByTestId('thumb-bar');
      const thumb = bar.getByRole('link').first();
      assert.equal(await thumb.innerText(), '記録する', 'the first visit action is 記録する (lib/visit.ts)');
      assert.match(await thumb.getAttribute('class'), /btn-primary/);
      assert.deepEqual(await bar.getByRole('link').evaluateAll((as) => as.map((a) => a.dataset.visitAction)), ['note', 'monitoring']);
      const box = await thumb.boundingBox();
      assert.ok(box.y + box.height <= PHONE.height && box.y > PHONE.height / 2, 'the record button is at the bottom of the screen, in reach of a thumb: ' + JSON.stringify(box));
      assert.ok(box.height >= 44);
      await page.screenshot({ path: join(SCREENS, '390-sato-visit-person.png') });
      await thumb.click();
      await page.waitForURL(new RegExp(`/persons/${ids.person}/records\\?visit=1$`));
      await settled(page);
      const form = page.getByTestId('note-form');
      await form.waitFor();
      // own words first, with the keyboard up; date, time, kind and place already set
      assert.equal(await form.locator('textarea, input, select').first().getAttribute('id'), 'f-own_words');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-own_words', 'the own words field has the focus');
      assert.equal(await page.locator('#f-date').inputValue(), todayJst(), 'the date is today');
      assert.match(await page.locator('#f-time').inputValue(), /^\d\d:\d[05]$/, 'the time is now, in 5-minute steps');
      assert.equal(await page.locator('#f-contact_kind').inputValue(), 'visit');
      assert.equal(await page.locator('#f-place').inputValue(), 'home');
      assert.equal(await bar.isVisible(), false, 'the visit bar steps aside while the form is open');
      await page.locator('#f-own_words').fill('今日は調子がいい。散歩に行きたい。');
      await page.locator('#f-next_step').fill('来週、散歩の付き添いを相談する');
      // Save is on screen without scrolling (sticky at the bottom), not covered, and big enough for a thumb
      const save = form.locator('.form-actions .btn-primary');
      const sbox = await save.boundingBox();
      assert.ok(sbox.y + sbox.height <= PHONE.height && sbox.y > PHONE.height / 2, 'save is at the bottom of the screen (sticky): ' + JSON.stringify(sbox));
      assert.ok(sbox.height >= 44 && sbox.width >= PHONE.width / 2, 'save is a wide target: ' + JSON.stringify(sbox));
      const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.textContent, { x: sbox.x + sbox.width / 2, y: sbox.y + sbox.height / 2 });
      assert.equal(onTop, '保存する', 'nothing covers the save button');
      await page.screenshot({ path: join(SCREENS, '390-sato-visit-form.png') });
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/persons/${ids.person}/notes`);
      await page.mouse.click(sbox.x + sbox.width / 2, sbox.y + sbox.height / 2); // one tap where the thumb is
      const res = await created;
      assert.equal(res.status(), 201);
      const note = await res.json();
      assert.equal(note.contact_kind, 'visit');
      assert.equal(note.place, 'home');
      assert.equal(note.date, todayJst());
      assert.ok(note.time, 'the time was saved');
      await form.waitFor({ state: 'detached' });
      await page.getByTestId('note').first().getByText('「今日は調子がいい。散歩に行きたい。」').waitFor();
      assert.equal(new URL(page.url()).search, '', 'the visit query is dropped once saved (a reload does not open a new form)');
      await expectAccessible(page, 'sato 390px visit record saved');
      // the monitoring form is the second visit action, with today's date
      await page.goto(`/persons/${ids.person}`);
      await settled(page);
      await bar.locator('[data-visit-action="monitoring"]').click();
      await page.waitForURL(/\/monitorings\/new/);
      await settled(page);
      assert.equal(await page.locator('#f-date').inputValue(), todayJst(), 'the date is today');
    } finally {
      await context.close();
    }
  });

  test('screenshots were saved', () => {
    assert.ok(shots.length > 40, `${shots.length} screenshots in ${SCREENS}`);
  });
});
