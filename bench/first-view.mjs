// First view of the sign-in and home pages over a throttled connection (issue 18), in headless Chromium with
// DevTools network emulation (CDP Network.emulateNetworkConditions), a fresh browser context (empty cache) per
// visit. Profile "fast 3G" as Lighthouse simulated it: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; no CPU
// throttling (this machine). "First view" = navigation start → the page's meaningful content is in the DOM
// (sign-in: the submit button; home: the greeting title), read as performance.now() in the page.
// Floor: a static page of the same transferred bytes (one HTML file + one script of incompressible bytes,
// served by a bare node:http server through the same throttling), which renders one element when its script ran.
// Then a second, warm visit (cache kept): what a later visit downloads.
//   node scripts/build.mjs && node bench/first-view.mjs [--runs 5]
import crypto from 'node:crypto';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { freePort, numberArg, startChild, tempDir } from './lib.mjs';

const runs = numberArg('runs', 5);
const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const ADMIN = { email: 'bench@example.com', password: 'violet harbour quokka 47 lantern' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const kith = await startChild([process.execPath, 'dist/server/main.js', 'start'], {
  env: { PORT: String(port), HOST: '127.0.0.1', KITH_DATA_DIR: tempDir(), KITH_ADMIN_EMAIL: ADMIN.email, KITH_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' },
  healthUrl: `${base}/api/health`,
});
const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
const cookies = login.headers.getSetCookie().map((c) => { const [pair] = c.split(';'); const i = pair.indexOf('='); return { name: pair.slice(0, i), value: pair.slice(i + 1), url: base }; });

// The floor: serves /floor (HTML) and /floor.js of a given size, no compression, like any static server.
let floorBytes = 0;
const floorPort = await freePort();
const floor = http.createServer((req, res) => {
  if (req.url.startsWith('/floor.js')) {
    const filler = crypto.randomBytes(Math.max(0, floorBytes - 600)).toString('base64').slice(0, Math.max(0, floorBytes - 600));
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(`/*${filler}*/document.getElementById('root').innerHTML='<button data-testid="floor-ready">Sign in</button>';`);
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><html><head><script type="module" src="/floor.js"></script></head><body><div id="root"></div></body></html>');
});
await new Promise((r) => floor.listen(floorPort, '127.0.0.1', r));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });

/** One visit: ms to `selector`, bytes transferred (encoded), requests. `context` kept for a warm visit. */
async function visit(context, url, selector) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  let bytes = 0, requests = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; requests++; });
  await page.goto(url, { waitUntil: 'commit' });
  const ms = await page.waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : 0), selector, { polling: 'raf', timeout: 60_000 }).then((h) => h.jsonValue());
  await page.waitForLoadState('networkidle');
  await page.close();
  return { ms, bytes, requests };
}

const pages = [
  { name: 'sign-in', url: '/sign-in', selector: '[data-testid="signin-submit"]', signedIn: false },
  { name: 'home', url: '/', selector: '[data-testid="page-title"]', signedIn: true },
];
console.log(`## First view, fast 3G (150 ms RTT, 1.6 Mbit/s down), ${new Date().toISOString()}, ${runs} cold visits each, median`);
console.log('\n| Page | First view, ms | Floor (same bytes, static), ms | Ratio | Bytes (cold) | Requests | Warm visit: bytes, ms |');
console.log('|---|---|---|---|---|---|---|');
for (const p of pages) {
  const cold = [], warm = [], floors = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    if (p.signedIn) await context.addCookies(cookies);
    cold.push(await visit(context, base + p.url, p.selector));
    warm.push(await visit(context, base + p.url, p.selector));
    await context.close();
  }
  floorBytes = median(cold.map((c) => c.bytes));
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    floors.push((await visit(context, `http://127.0.0.1:${floorPort}/floor`, '[data-testid="floor-ready"]')).ms);
    await context.close();
  }
  const ms = median(cold.map((c) => c.ms));
  const f = median(floors);
  console.log(`| ${p.name} | **${ms.toFixed(0)}** [${cold.map((c) => c.ms.toFixed(0)).join(', ')}] | ${f.toFixed(0)} | ${(ms / f).toFixed(2)}× | ${(floorBytes / 1024).toFixed(0)} KiB | ${median(cold.map((c) => c.requests))} | ${(median(warm.map((w) => w.bytes)) / 1024).toFixed(1)} KiB, ${median(warm.map((w) => w.ms)).toFixed(0)} |`);
}
await browser.close();
floor.close();
await kith.stop();
