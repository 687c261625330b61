// Web list scrolling (issue 3): "the web contact list scrolls 10,000 loaded rows without dropped frames".
// Seeds N contacts, starts Kith, signs in through the UI in headless Chromium (1366×850), opens /contacts in
// table view, scrolls until ≥ --rows rows are loaded (keyset pages of 200 fetched as the end comes near),
// then scrolls through the loaded rows from a requestAnimationFrame loop (--step rows a frame) and records
// every frame's interval, long tasks and CDP metrics. A dropped frame is an interval > 1.5 × the median
// interval (a missed vsync). Headless Chromium with --disable-gpu rasterises and composites in software.
// It also reads the CPU time of every Chromium and Kith thread (/proc) and the machine's busy, idle and steal time
// over the scroll, and then (unless --no-control) runs a control in the same browser for as many frames: an empty
// animation-frame loop, and a static page of as many rows of plain text scrolled the same way — what this machine
// drops with no work of Kith's in the frame.
// With --trace <file>, a second, shorter scroll (--trace-frames, from row 2,000) runs after the measured one
// under a Chromium trace (CDP Tracing: main thread, compositor, raster, viz), written as JSON for
// `node bench/trace-summary.mjs <file>`; the measured figures come from the untraced scroll. --trace-frames 0
// traces a second scroll as long as the measured one (from the top through every loaded row); with --trace-lean
// the trace leaves out the compositor, raster and viz events (cc, viz, gpu), which keeps such a trace to a size
// trace-summary can read. Every frame of a traced scroll that comes later than 1.5 vsyncs leaves a user-timing
// mark `kith-drop frame <n> <interval> ms`, so trace-summary can show what ran in it.
// With --profile <file>, a V8 CPU profile of the page during a 600-frame scroll from row 2,000 is written as a
// .cpuprofile and the functions with the most self time a frame are printed (build the web unminified to read them).
// Usage: node bench/web-scroll.mjs [--contacts 12000] [--rows 10000] [--step 3] [--no-control] [--trace /tmp/scroll.json [--trace-frames 200] [--trace-lean]] [--profile /tmp/scroll.cpuprofile]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { v7 } from 'uuid';
import { cpuDelta, fmt, freePort, machineCpu, numberArg as arg, root, startChild, tempDir, threadCpu } from './lib.mjs';

const nContacts = arg('contacts', 12000);
const wantRows = arg('rows', 10000);
const step = arg('step', 3);
const traceIdx = process.argv.indexOf('--trace');
const traceFile = traceIdx > 0 ? path.resolve(process.argv[traceIdx + 1]) : null;
const traceFrames = arg('trace-frames', 200);
const traceLean = process.argv.includes('--trace-lean');
const profIdx = process.argv.indexOf('--profile');
const profileFile = profIdx > 0 ? path.resolve(process.argv[profIdx + 1]) : null;
const noControl = process.argv.includes('--no-control');
const TRACE_FROM_ROW = traceFrames ? 2000 : 0;
// What the trace records: the DevTools timeline events (tasks, script, style, layout, pre-paint, paint,
// layerize, commit), the compositor (cc: commit, tiles, raster tasks, draw), viz (frame submission and the
// software output device), the benchmark frame reporter and the bench's own user-timing marks.
const TRACE_CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'toplevel', 'blink', 'blink.user_timing', 'cc', 'viz', 'gpu', 'benchmark', 'v8.execute', 'latencyInfo',
];
// The renderer main thread only, with garbage collection (V8 and Oilpan): for traces as long as the measured scroll.
const TRACE_CATEGORIES_LEAN = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'toplevel', 'blink.user_timing', 'v8.execute',
  'disabled-by-default-v8.gc', 'blink_gc', 'loading', 'benchmark',
];
const ROW_PX = 44; // VirtualTable's desktop row height
// The list asks for the next page when its last rendered row (overscan 6) is within 40 rows of the end:
// the measured scroll stops this many rows before the end so it measures scrolling, not a page fetch.
const END_MARGIN = 60;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ADMIN = { email: 'admin@bench.test', password: 'violet harbour quokka 47 lantern' };

const fail = (msg) => {
  throw new Error(msg);
};

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const dataDir = tempDir('kith-web-scroll-');
const env = { KITH_DATA_DIR: dataDir, KITH_ADMIN_EMAIL: ADMIN.email, KITH_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn', KITH_RATE_LIMIT_PER_MINUTE: '100000000' };
execFileSync(process.execPath, ['dist/server/main.js', 'migrate'], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });

// ───────────── seed: owners, companies, contacts (with their e-mail, phone and tag side tables) ─────────────
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thu', 'Đức', 'Thanh', 'Hữu', 'Quang', 'Kim'];
const GIVEN_VI = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phong', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Việt', 'Yến'];
const GIVEN_EN = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Emma', 'Oliver', 'Sophie', 'Daniel', 'Grace', 'Thomas', 'Chloe'];
const FAMILY_EN = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clarke', 'Walker', 'Wright'];
const CO_A = ['Sao Mai', 'Hòa Phát', 'Minh Long', 'Phú Thái', 'Việt Tiến', 'Đại Dương', 'Bình Minh', 'Trường Sơn', 'Northwind', 'Blue River', 'Lotus', 'Mekong'];
const CO_B = ['Trading', 'Logistics', 'Software', 'Foods', 'Textiles', 'Consulting', 'Pharma', 'Construction', 'Retail', 'Media'];
const JOBS = ['Giám đốc', 'Trưởng phòng kinh doanh', 'Kế toán trưởng', 'Sales Manager', 'CTO', 'Purchasing Officer', 'Marketing Lead', 'Chuyên viên nhân sự', null];
const STAGES = ['lead', 'lead', 'lead', 'opportunity', 'opportunity', 'customer', 'customer', 'customer', 'churned'];
const TAGS = [[], [], ['vip'], ['newsletter'], ['vip', 'partner'], ['event-2026'], []];
const ascii = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const pick = (xs, i) => xs[i % xs.length];

const seedT0 = performance.now();
const db = new Database(path.join(dataDir, 'kith.db'));
const now = new Date().toISOString();
const roleId = v7();
db.prepare(`insert into roles (id, name, permissions, created_at, updated_at) values (?, 'Bench sales', ?, ?, ?)`)
  .run(roleId, JSON.stringify({ contacts: { actions: ['read', 'update'], scope: 'all' } }), now, now);
const owners = ['Nguyễn Thu Hà', 'Trần Minh Quân', 'Lê Thanh Tâm', 'Emma Walker', 'Phạm Đức Long'].map((name, i) => {
  const id = v7();
  db.prepare(`insert into users (id, email, name, role_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`).run(id, `owner${i}@bench.test`, name, roleId, now, now);
  return id;
});
const insCompany = db.prepare(`insert into companies (id, name, name_key, domain, industry, search_text, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)`);
const insContact = db.prepare(`insert into contacts (id, given_name, family_name, display_name, name_key, primary_email, primary_phone, emails, phones,
  job_title, company_id, owner_id, tags, lifecycle_stage, search_text, created_at, updated_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insEmail = db.prepare(`insert into contact_emails (contact_id, email) values (?, ?)`);
const insPhone = db.prepare(`insert into contact_phones (contact_id, phone_e164) values (?, ?)`);
const insTag = db.prepare(`insert into contact_tags (contact_id, tag) values (?, ?)`);
db.transaction(() => {
  const companies = [];
  for (let i = 0; i < Math.max(1, Math.floor(nContacts / 12)); i++) {
    const name = `${pick(CO_A, i)} ${pick(CO_B, Math.floor(i / CO_A.length))}${i >= CO_A.length * CO_B.length ? ` ${Math.floor(i / (CO_A.length * CO_B.length)) + 1}` : ''}`;
    const key = ascii(name).toLowerCase();
    const id = v7();
    insCompany.run(id, name, key, `${key.replace(/[^a-z0-9]+/g, '')}.vn`, pick(CO_B, i), key, now, now);
    companies.push(id);
  }
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < nContacts; i++) {
    const vi = i % 5 !== 4; // four in five Vietnamese names
    const family = vi ? pick(FAMILY, i * 7) : pick(FAMILY_EN, i);
    const given = vi ? `${pick(MIDDLE, i * 3)} ${pick(GIVEN_VI, i * 11)}` : pick(GIVEN_EN, i * 5);
    const display = vi ? `${family} ${given}` : `${given} ${family}`;
    const key = ascii(display).toLowerCase();
    const email = `${ascii(given).toLowerCase().replace(/ /g, '.')}.${ascii(family).toLowerCase()}${i}@example.vn`;
    const phone = `+849${String(10000000 + ((i * 7919) % 89999999)).padStart(8, '0')}`;
    const tags = pick(TAGS, i);
    const id = v7();
    const at = new Date(t0 + i * 60_000).toISOString();
    insContact.run(id, given, family, display, key, email, phone,
      JSON.stringify([{ address: email, label: 'work', primary: true }]),
      JSON.stringify([{ number: phone, raw: phone, label: 'mobile', primary: true }]),
      pick(JOBS, i), i % 4 === 3 ? null : pick(companies, i * 13), pick(owners, i), JSON.stringify(tags), pick(STAGES, i),
      `${key} ${display.toLowerCase()} ${email} ${phone}`, at, at);
    insEmail.run(id, email);
    insPhone.run(id, phone);
    for (const t of tags) insTag.run(id, t);
  }
})();
// Planner statistics, as a running Kith keeps them (housekeeping, every 15 minutes; see foundation.mjs).
db.pragma('analysis_limit = 1000');
db.pragma('optimize = 0x10002');
db.close();
const seedMs = performance.now() - seedT0;

// ───────────── server, browser, sign-in ─────────────
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const kith = await startChild([process.execPath, 'dist/server/main.js', 'start'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', KITH_BASE_URL: base }, healthUrl: `${base}/api/health` });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
let exitCode = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${base}/contacts`);
  await page.waitForURL((u) => u.pathname.startsWith('/sign-in'));
  await page.getByTestId('signin-email').fill(ADMIN.email);
  await page.getByTestId('signin-password').fill(ADMIN.password);
  await page.getByTestId('signin-submit').click();
  await page.waitForURL((u) => u.pathname === '/contacts');
  if (new URL(page.url()).searchParams.get('view') === 'kanban') fail('the list opened in kanban view');
  const scroller = page.getByTestId('list-scroller');
  await scroller.waitFor({ state: 'visible' });
  await page.getByTestId('list-row').first().waitFor({ state: 'visible' });

  // ───────────── load ≥ wantRows + END_MARGIN rows by scrolling to the end, page after page ─────────────
  // aria-rowcount is the loaded rows plus one loader row while more pages exist.
  const rowCount = () => scroller.evaluate((el) => Number(el.getAttribute('aria-rowcount')));
  const loadT0 = performance.now();
  let count = await rowCount();
  while (count < wantRows + END_MARGIN + 1) {
    await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const before = count;
    if (before % 2000 < 200) console.log(`loading… ${before - 1} rows`);
    const t0 = performance.now();
    while (count === before) {
      if (performance.now() - t0 > 30_000) fail(`loading stopped at ${count - 1} rows (no new page within 30 s)`);
      await page.waitForTimeout(50);
      count = await rowCount();
    }
  }
  const loadMs = performance.now() - loadT0;
  // Back to the top, then wait until no page is in flight: the count stays the same for 2 s.
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  for (let stable = 0, last = -1; stable < 20; ) {
    await page.waitForTimeout(100);
    const c = await rowCount();
    stable = c === last ? stable + 1 : 0;
    last = c;
    count = c;
  }
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  await page.waitForTimeout(1000);
  count = await rowCount();
  // While more pages exist the count includes the loader row (pages are 200 rows, so `count - 1` is a whole
  // number of pages); once every contact is loaded it is the contacts alone.
  const loaded = count === nContacts ? nContacts : count - 1;
  if (loaded < wantRows + END_MARGIN) fail(`only ${loaded} rows loaded, expected ≥ ${wantRows + END_MARGIN}`);

  // ───────────── measure: one scroll from the top through the loaded rows, driven per animation frame ─────────────
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const m0 = await metrics();
  // The display's frame interval: 2 s of animation frames with nothing to do (headless Chromium ticks at 60 Hz).
  const idle = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const ds = [];
        let prev = 0;
        const tick = (ts) => {
          if (prev) ds.push(ts - prev);
          prev = ts;
          if (ds.length < 120) requestAnimationFrame(tick);
          else resolve(ds.sort((a, b) => a - b)[60]);
        };
        requestAnimationFrame(tick);
      }),
  );
  console.log(`loaded ${count - 1} rows; idle frame interval ${idle.toFixed(2)} ms; measuring the scroll…`);
  // One scroll driven per animation frame: from `from` px, `step` rows a frame, until the end of the loaded rows
  // (less `margin`) or after `maxFrames` frames (0: no limit).
  const scroll = (opts) => scroller.evaluate(
    (el, { step, rowPx, loaded, margin, from, maxFrames, mark, dropAt }) =>
      new Promise((resolve) => {
        const longTasks = [];
        let observer = null;
        if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
          observer = new PerformanceObserver((list) => {
            for (const e of list.getEntries()) longTasks.push(e.duration);
          });
          observer.observe({ type: 'longtask' });
        }
        const end = Math.max(0, (loaded - margin) * rowPx - el.clientHeight);
        const deltas = [];
        const domRows = [];
        let blank = 0;
        let blankBottom = 0;
        let prev = 0;
        let frame = 0;
        el.scrollTop = from;
        if (mark) performance.mark('kith-scroll-start');
        const tick = (ts) => {
          if (prev) {
            deltas.push(ts - prev);
            if (mark && ts - prev > dropAt) performance.mark(`kith-drop frame ${frame} ${(ts - prev).toFixed(1)} ms`);
          }
          prev = ts;
          // Every 10th frame: how many rows are in the DOM, and are the viewport's top and bottom rows among them?
          // (The bottom one is where rows enter when scrolling down; the sticky header is ignored, so the row
          // checked is at or just below the last visible one: a stricter check.)
          if (frame % 10 === 0) {
            const rows = el.querySelectorAll('[data-testid="list-row"]');
            domRows.push(rows.length);
            const top = Math.floor(el.scrollTop / rowPx) + 1;
            if (!el.querySelector(`[aria-rowindex="${top}"]`)) blank++;
            const bottom = Math.floor((el.scrollTop + el.clientHeight - 1) / rowPx) + 1;
            if (!el.querySelector(`[aria-rowindex="${bottom}"]`)) blankBottom++;
          }
          frame++;
          if (el.scrollTop >= end || (maxFrames && frame > maxFrames)) {
            // Let the last frame paint and long-task entries arrive, then report.
            requestAnimationFrame(() =>
              setTimeout(() => {
                if (mark) performance.mark('kith-scroll-end');
                observer?.disconnect();
                resolve({ deltas, domRows, blank, blankBottom, longTasks, scrolledPx: el.scrollTop, heap: performance.memory?.usedJSHeapSize ?? null, hasLongTask: !!observer });
              }, 200),
            );
            return;
          }
          el.scrollTop = Math.min(end, el.scrollTop + step * rowPx);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { step, rowPx: ROW_PX, loaded, margin: END_MARGIN, from: 0, maxFrames: 0, mark: false, dropAt: 1.5 * idle, ...opts },
  );
  const cpu0 = threadCpu(process.pid);
  const machine0 = machineCpu();
  const result = await scroll({});
  const machine1 = machineCpu();
  const cpu1 = threadCpu(process.pid);
  const m1 = await metrics();
  const after = await rowCount();
  if (after !== count) fail(`the measured scroll fetched more rows (${count} → ${after}); raise END_MARGIN`);

  // ───────────── figures ─────────────
  const sorted = [...result.deltas].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const median = pct(50);
  // A dropped frame: an interval longer than 1.5 × the idle frame interval, i.e. at least one vsync passed
  // with no new frame. Missed vsyncs: a 33 ms interval at 60 Hz is one, 50 ms two, …
  const dropped = result.deltas.filter((d) => d > 1.5 * idle);
  const missed = dropped.reduce((s, d) => s + Math.max(1, Math.round(d / idle) - 1), 0);
  const droppedVsMedian = result.deltas.filter((d) => d > 1.5 * median).length;
  const rowsScrolled = Math.round((result.scrolledPx + 0) / ROW_PX);
  const maxDom = Math.max(...result.domRows);
  const ltTotal = result.longTasks.reduce((s, d) => s + d, 0);
  const d = (k) => (m1[k] ?? 0) - (m0[k] ?? 0);
  const load1 = os.loadavg().map((x) => x.toFixed(2)).join(', ');
  const chromiumVersion = browser.version();

  console.log(`\nWeb list scrolling — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Chromium ${chromiumVersion} headless, --disable-gpu (software raster and compositing), viewport 1366×850, ${os.cpus().length} CPUs, load average ${load1}`);
  console.log(`seeded ${nContacts} contacts in ${fmt(seedMs / 1000)} s; loaded ${loaded} rows (${loaded / 200} pages of 200) by scrolling in ${fmt(loadMs / 1000)} s`);
  console.log(`scroll: rows 1 → ${rowsScrolled + Math.round(850 / ROW_PX)} of ${loaded} loaded, ${step} rows (${step * ROW_PX} px) a frame, ${result.deltas.length} frames measured, ${fmt(result.deltas.reduce((s, x) => s + x, 0) / 1000)} s`);
  console.log(`DOM rows rendered at once: ${maxDom} max, ${result.domRows[result.domRows.length - 1]} at the end, of ${loaded} loaded (virtualised); viewport top row missing in ${result.blank}, bottom row in ${result.blankBottom} of ${result.domRows.length} sampled frames`);
  console.log(`frame interval ms: p50 ${fmt(median, 2)} / p95 ${fmt(pct(95), 2)} / p99 ${fmt(pct(99), 2)} / max ${fmt(sorted[sorted.length - 1], 2)}`);
  console.log(`dropped frames (interval > 1.5 × idle frame interval ${fmt(idle, 2)} ms = ${fmt(1.5 * idle, 1)} ms): ${dropped.length} of ${result.deltas.length} (${fmt((dropped.length / result.deltas.length) * 100, 2)} %), ${missed} vsyncs missed (target 0); intervals > 1.5 × the scroll's own median: ${droppedVsMedian}`);
  console.log(`long tasks (> 50 ms): ${result.hasLongTask ? `${result.longTasks.length}, ${fmt(ltTotal, 0)} ms in total${result.longTasks.length ? `, longest ${fmt(Math.max(...result.longTasks), 0)} ms` : ''}` : 'not supported'}`);
  console.log(`renderer main thread during the scroll (CDP): script ${fmt(d('ScriptDuration') * 1000, 0)} ms, layout ${fmt(d('LayoutDuration') * 1000, 0)} ms (${d('LayoutCount')} layouts), style ${fmt(d('RecalcStyleDuration') * 1000, 0)} ms, tasks ${fmt(d('TaskDuration') * 1000, 0)} ms`);
  // Where the CPU went (all threads of Chromium and Kith, from /proc): steadier than dropped frames on a shared host.
  const perFrame = (ms) => fmt(ms / result.deltas.length, 2);
  const threads = cpuDelta(cpu0, cpu1);
  const total = threads.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`CPU ms a frame (threads of Chromium and Kith, /proc): ${perFrame(total)} in all; ${threads.filter(([, ms]) => ms / result.deltas.length >= 0.1).map(([k, ms]) => `${k} ${perFrame(ms)}`).join(' · ')}`);
  console.log(`machine CPU ms a frame (/proc/stat, 2 cores = ${fmt((2 * 1000) / 60, 1)} ms at 60 Hz): busy ${perFrame(machine1.busy - machine0.busy)} (other processes ${perFrame(Math.max(0, machine1.busy - machine0.busy - total))}), idle ${perFrame(machine1.idle - machine0.idle)}, steal ${perFrame(machine1.steal - machine0.steal)}`);
  console.log(`JS heap used: ${fmt((m1.JSHeapUsedSize ?? result.heap) / 1048576)} MB (total ${fmt((m1.JSHeapTotalSize ?? 0) / 1048576)} MB); DOM nodes ${m1.Nodes}`);
  if (pageErrors.length) fail(`page errors: ${pageErrors.join(' | ')}`);
  if (maxDom > 200) fail(`${maxDom} rows in the DOM at once: the list is not virtualised`);
  if (result.deltas.length < rowsScrolled / step / 2) fail('too few frames measured');

  // ───────────── control: the same frames with no page work, and the same scroll of a page without Kith ─────────────
  // What this machine drops with nothing of Kith's in the frame: an empty animation-frame loop, and a static page of as
  // many rows of plain text (one element each, all in the DOM, no script) scrolled the same way.
  let controlFigures = null;
  if (!noControl) {
    const height = await scroller.evaluate((el) => el.clientHeight);
    const staticPage = `<style>body{margin:0;font:14px sans-serif}#s{height:${height}px;overflow:auto;contain:strict}
      .r{height:${ROW_PX - 1}px;line-height:${ROW_PX - 1}px;border-bottom:1px solid #ddd;white-space:nowrap;overflow:hidden}</style>
      <div id="s">${Array.from({ length: loaded }, (_, i) => `<div class="r">${i + 1} · Nguyễn Văn An · an.nguyen${i}@example.vn · +8490${String(i).padStart(7, '0')} · Sao Mai Trading · Giám đốc · customer · vip · 2026-01-01 07:00</div>`).join('')}</div>`;
    const control = await context.newPage();
    await control.bringToFront();
    const run = async (html, scrolling) => {
      await control.setContent(html);
      await control.waitForTimeout(1000);
      const c0 = threadCpu(process.pid);
      const late = await control.evaluate(
        ({ scrolling, frames, px, dropAt }) => new Promise((resolve) => {
          const el = document.getElementById('s');
          if (el) el.scrollTop = 0;
          const drops = [];
          let prev = 0;
          let n = 0;
          const tick = (ts) => {
            if (prev && ts - prev > dropAt) drops.push(ts - prev);
            prev = ts;
            if (scrolling) el.scrollTop += px;
            if (n++ < frames) requestAnimationFrame(tick);
            else resolve(drops);
          };
          requestAnimationFrame(tick);
        }),
        { scrolling, frames: result.deltas.length, px: step * ROW_PX, dropAt: 1.5 * idle },
      );
      const cpu = cpuDelta(c0, threadCpu(process.pid)).reduce((sum, [, ms]) => sum + ms, 0) / result.deltas.length;
      return { dropped: late.length, late, cpuPerFrame: cpu };
    };
    controlFigures = { empty: await run('<p>idle</p>', false), static: await run(staticPage, true) };
    const list = (xs) => (xs.length ? ` (${xs.slice(0, 12).map((x) => fmt(x, 1)).join(', ')}${xs.length > 12 ? ', …' : ''} ms)` : '');
    const say = (label, r) => `${label} dropped ${r.dropped}${list(r.late)}, ${fmt(r.cpuPerFrame, 2)} CPU ms a frame`;
    console.log(`control, the same ${result.deltas.length} frames in the same browser: ${say('an empty animation-frame loop', controlFigures.empty)}; ${say(`a static page of ${loaded} rows of plain text (no script), scrolled the same way,`, controlFigures.static)}`);
    await control.close();
    await page.bringToFront();
  }

  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results', `web-scroll-${Date.now()}.json`), JSON.stringify({ nContacts, loaded, step, maxDom, median, p95: pct(95), p99: pct(99), max: sorted[sorted.length - 1], idle, dropped: dropped.length, missed, frames: result.deltas.length, cpuPerFrame: total / result.deltas.length, control: controlFigures, longTasks: result.longTasks, heap: m1.JSHeapUsedSize, deltas: result.deltas }, null, 1));

  // ───────────── optional: a traced scroll of --trace-frames frames from row 2,000 ─────────────
  if (traceFile) {
    await scroller.evaluate((el, px) => {
      el.scrollTop = px;
    }, TRACE_FROM_ROW * ROW_PX);
    await page.waitForTimeout(1000);
    await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: traceLean ? TRACE_CATEGORIES_LEAN : TRACE_CATEGORIES } });
    await page.waitForTimeout(300);
    const traced = await scroll({ from: TRACE_FROM_ROW * ROW_PX, maxFrames: traceFrames, mark: true });
    await page.waitForTimeout(300);
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await done;
    const out = fs.createWriteStream(traceFile);
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      out.write(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64') : chunk.data);
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    await new Promise((resolve) => out.end(resolve));
    const ts = [...traced.deltas].sort((a, b) => a - b);
    const tdropped = traced.deltas.filter((x) => x > 1.5 * idle).length;
    console.log(`trace: ${traced.deltas.length} frames from row ${TRACE_FROM_ROW}, interval p50 ${fmt(ts[Math.floor(ts.length / 2)], 2)} ms, ${tdropped} dropped, written to ${traceFile} (${fmt(fs.statSync(traceFile).size / 1048576)} MB); summary: node bench/trace-summary.mjs ${traceFile}`);
  }

  // ───────────── optional: a V8 CPU profile of the renderer during a 600-frame scroll from row 2,000 ─────────────
  if (profileFile) {
    await scroller.evaluate((el, px) => {
      el.scrollTop = px;
    }, 2000 * ROW_PX);
    await page.waitForTimeout(1000);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const profiled = await scroll({ from: 2000 * ROW_PX, maxFrames: 600 });
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(profileFile, JSON.stringify(profile));
    // Self time per function (file:line), from the samples.
    const dt = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const self = new Map();
    for (const [id, us] of dt) {
      const f = byId.get(id).callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + us);
    }
    const frames = profiled.deltas.length;
    const top = [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log(`profile: ${frames} frames from row 2000, written to ${profileFile}; self time µs a frame (program ${fmt((self.get('(program) :0') ?? 0) / frames, 0)}, GC ${fmt((self.get('(garbage collector) :0') ?? 0) / frames, 0)}):`);
    for (const [k, us] of top) console.log(`  ${fmt(us / frames, 0).padStart(5)}  ${k}`);
  }
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await browser.close().catch(() => undefined);
  await kith.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
