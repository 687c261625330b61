// Summarises a Chromium trace written by `node bench/web-scroll.mjs --trace <file>`: where the page's renderer
// main thread, its compositor thread, its raster workers and the viz/GPU process spend the traced scroll.
// Time is self time (an event's duration less the events nested in it on the same thread), so a thread's
// buckets add up to its busy time; "per frame" divides by the animation frames the scroll ran.
// The window is the bench's user-timing marks kith-scroll-start … kith-scroll-end (else the whole trace).
// Usage: node bench/trace-summary.mjs /tmp/scroll.json [--top 15]
import fs from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/trace-summary.mjs <trace.json> [--top N]');
  process.exit(2);
}
const topIdx = process.argv.indexOf('--top');
const TOP = topIdx > 0 ? Number(process.argv[topIdx + 1]) : 15;
const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;

// ── threads and processes ──
const threadName = new Map();
const processName = new Map();
for (const e of events) {
  if (e.ph !== 'M') continue;
  if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  if (e.name === 'process_name') processName.set(e.pid, e.args.name);
}

// ── the window: the bench's marks (the renderer that made them is the page's) ──
const marks = events.filter((e) => e.name === 'kith-scroll-start' || e.name === 'kith-scroll-end');
const start = marks.find((e) => e.name === 'kith-scroll-start');
const end = marks.find((e) => e.name === 'kith-scroll-end');
const timed = events.filter((e) => typeof e.ts === 'number' && e.ts > 0);
const t0 = start ? start.ts : Math.min(...timed.map((e) => e.ts));
const t1 = end ? end.ts : Math.max(...timed.map((e) => e.ts + (e.dur ?? 0)));
const windowMs = (t1 - t0) / 1000;
let rendererPid = start?.pid;
if (rendererPid === undefined) {
  // No marks: the renderer with the most FireAnimationFrame events.
  const n = new Map();
  for (const e of events) if (e.name === 'FireAnimationFrame') n.set(e.pid, (n.get(e.pid) ?? 0) + 1);
  rendererPid = [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
}
const gpuPid = [...processName].find(([, n]) => /gpu/i.test(n))?.[0];

// ── per thread: intervals from complete (X) and begin/end (B/E) events, clipped to the window ──
const byThread = new Map();
const open = new Map();
const push = (key, iv) => {
  if (!byThread.has(key)) byThread.set(key, []);
  byThread.get(key).push(iv);
};
for (const e of events) {
  const key = `${e.pid}:${e.tid}`;
  if (e.ph === 'X' && typeof e.dur === 'number') push(key, { name: e.name, s: e.ts, e: e.ts + e.dur, cpu: e.tdur, args: e.args });
  else if (e.ph === 'B') {
    if (!open.has(key)) open.set(key, []);
    open.get(key).push(e);
  } else if (e.ph === 'E') {
    const b = open.get(key)?.pop();
    if (b) push(key, { name: b.name, s: b.ts, e: e.ts, cpu: typeof b.tts === 'number' && typeof e.tts === 'number' ? e.tts - b.tts : undefined, args: b.args });
  }
}

/** Self time by event name on one thread, within [a, b] (default: the window); plus busy time and counts. */
function selfTimes(ivs, a = t0, b = t1) {
  const list = ivs.filter((v) => v.e > a && v.s < b).map((v) => ({ ...v, s: Math.max(v.s, a), e: Math.min(v.e, b) }));
  list.sort((a, b) => a.s - b.s || b.e - a.e);
  const self = new Map();
  const count = new Map();
  const stack = [];
  let busy = 0;
  const close = (v) => {
    self.set(v.name, (self.get(v.name) ?? 0) + Math.max(0, v.self));
  };
  for (const v of list) {
    while (stack.length && stack[stack.length - 1].e <= v.s) close(stack.pop());
    const iv = { ...v, self: v.e - v.s };
    const parent = stack[stack.length - 1];
    if (parent) {
      // A child that overruns its parent (clock skew between B/E and X events) is cut at the parent's end.
      iv.e = Math.min(iv.e, parent.e);
      iv.self = iv.e - iv.s;
      parent.self -= iv.self;
    } else busy += iv.e - iv.s;
    count.set(v.name, (count.get(v.name) ?? 0) + 1);
    stack.push(iv);
  }
  while (stack.length) close(stack.pop());
  return { self, count, busy };
}

// Buckets by event name, first match wins. Self time of a task wrapper (RunTask, ThreadControllerImpl::…)
// is scheduler overhead or work without its own trace event.
const BUCKETS = [
  ['GC', /GC|Scavenge|MarkCompact|Sweep/i],
  ['script', /^(FunctionCall|EvaluateScript|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|RunMicrotask|V8\.|v8\.|v8::|CompileScript|CompileCode|ScriptCompile|V8Console|FireIdleCallback|XHR|HandlePostMessage|ResizeObserver|IntersectionObserver)/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|Document::(updateStyle|recalcStyle|rebuildLayoutTree|UpdateStyle)|StyleEngine|ParseAuthorStyleSheet|ScheduleStyleRecalculation|Blink\.Style)/i],
  ['layout', /^(Layout$|LayoutView|LocalFrameView::(performLayout|layout)|UpdateLayout|LayoutShift|InlineNode|Blink\.Layout|LayoutBlock|LayoutNG)/],
  ['pre-paint', /PrePaint|CullRectUpdate/],
  ['layerize (PaintArtifactCompositor)', /Layerize|PaintArtifactCompositor|CompositingInputs|pushPaintArtifactToCompositor|Blink\.CompositingCommit/],
  ['paint', /^(Paint$|PaintImage|PaintSetup|LocalFrameView::RunPaintLifecyclePhase|PaintController|Blink\.Paint)/],
  ['commit / layer tree update', /Commit|PushProperties|PushLayerProperties|TreeSynchronizer|ActivateSyncTree|ActivateLayerTree|Activation|UpdateLayers|UpdateLayer$|PullProperties|PushPropertyTrees/],
  ['raster (tiles)', /Raster|TileManager|Tile|ImageDecode|PictureLayerImpl|DisplayItemList|RecordingSource|PrepareTiles|SolidColorAnalysis|ClientSharedImage/],
  ['draw / submit', /DrawFrame|ScheduledActionDraw|DrawLayers|SubmitCompositorFrame|CompositorFrame|Display::DrawAndSwap|DirectRenderer|SoftwareRenderer|SoftwareOutputDevice|SwapBuffers|Surface|Aggregat|OnSwap|Draw|CalculateRenderPasses|draw_property_utils|UpdateDrawProperties|Occlusion/],
  ['hit test / input / scroll', /HitTest|Scroll|Input|Gesture|handleMouse/],
  ['frame scheduling', /BeginFrame|BeginMainFrame|BeginImplFrame|Scheduler|Animate|ProxyMain|ProxyImpl|WillBeginImplFrame|UpdateAnimations|Graphics\.Pipeline|UpdateLifecycle/i],
  ['tasks (no own event)', /RunTask|ThreadController|ThreadPool|TaskQueue|MessageLoop|SequenceManager|Mojo|mojo|IPC|Receive|Task|EpollEvent|SimpleWatcher/],
];
const bucketOf = (name) => BUCKETS.find(([, re]) => re.test(name))?.[0] ?? 'other';

const frames = (() => {
  const main = [...byThread].find(([k]) => k.startsWith(`${rendererPid}:`) && threadName.get(k) === 'CrRendererMain');
  const n = main ? main[1].filter((v) => v.name === 'FireAnimationFrame' && v.s >= t0 && v.s <= t1).length : 0;
  return n || 1;
})();

// Compositor frames of the page's renderer (Graphics.Pipeline steps): produced, and why others were not.
const pipeline = events.filter((e) => e.name === 'Graphics.Pipeline' && e.pid === rendererPid && e.ts >= t0 && e.ts <= t1);
const submitted = pipeline.filter((e) => e.args?.chrome_graphics_pipeline?.step === 'STEP_SUBMIT_COMPOSITOR_FRAME').length;
const skipped = new Map();
for (const e of pipeline) {
  const r = e.args?.chrome_graphics_pipeline?.frame_skipped_reason;
  if (r) skipped.set(r, (skipped.get(r) ?? 0) + 1);
}

// cc layers of the page: how many the main thread updates per commit, and how many it creates per frame.
const inWindow = (e) => e.pid === rendererPid && e.ts >= t0 && e.ts <= t1;
const nameCount = (n) => events.filter((e) => e.name === n && inWindow(e)).length;
const commits = nameCount('LayerTreeHost::DoUpdateLayers') || 1;
// Script by function (FunctionCall's own data: name and source position), inclusive time.
const scriptBy = new Map();
for (const e of events) {
  if (e.name !== 'FunctionCall' || !e.dur || !inWindow(e)) continue;
  const d = e.args?.data ?? {};
  const k = `${d.functionName || '(anonymous)'} ${(d.url ?? '').replace(/^.*\//, '')}:${d.lineNumber ?? '?'}`;
  scriptBy.set(k, (scriptBy.get(k) ?? 0) + e.dur);
}

const fmt = (us) => (us / 1000).toFixed(1);
const threads = [...byThread.keys()]
  .map((k) => ({ key: k, pid: Number(k.split(':')[0]), name: threadName.get(k) ?? k }))
  .filter((th) => th.pid === rendererPid || th.pid === gpuPid);
const order = (n) => (n === 'CrRendererMain' ? 0 : n === 'Compositor' ? 1 : /TileWorker|Raster/.test(n) ? 2 : 3);
threads.sort((a, b) => a.pid - b.pid || order(a.name) - order(b.name) || a.name.localeCompare(b.name));

console.log(`trace ${file}: window ${windowMs.toFixed(0)} ms (${start ? 'bench marks' : 'whole trace'}), ${frames} animation frames (FireAnimationFrame on the renderer main thread), ${(windowMs / frames).toFixed(1)} ms per frame`);
if (pipeline.length) console.log(`renderer compositor frames submitted: ${submitted} in ${(windowMs / (1000 / 60)).toFixed(0)} vsyncs; not produced: ${[...skipped].map(([r, n]) => `${r.replace('SKIPPED_REASON_', '').toLowerCase()} ${n}`).join(', ') || 'none'}`);
console.log(`cc layers: ${(nameCount('UpdateLayer') / commits).toFixed(0)} updated per commit, ${(nameCount('Layer:created') / frames).toFixed(1)} created and ${(nameCount('Layer:deleted') / frames).toFixed(1)} deleted per frame`);
console.log(`script by function (inclusive, ms per frame): ${[...scriptBy].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, us]) => `${k} ${fmt(us / frames)}`).join(' · ')}`);
console.log('times are ms per animation frame (self time; buckets add up to the thread\'s busy time)\n');
for (const th of threads) {
  const { self, count, busy } = selfTimes(byThread.get(th.key));
  if (busy / frames < 100) continue; // under 0.1 ms a frame
  const proc = th.pid === rendererPid ? 'renderer' : 'gpu/viz';
  const buckets = new Map();
  for (const [name, us] of self) buckets.set(bucketOf(name), (buckets.get(bucketOf(name)) ?? 0) + us);
  const split = [...buckets].sort((a, b) => b[1] - a[1]).filter(([, us]) => us / frames >= 50).map(([b, us]) => `${b} ${fmt(us / frames)}`).join(' · ');
  console.log(`${proc} ${th.name}: busy ${fmt(busy / frames)} ms/frame (${((busy / (t1 - t0)) * 100).toFixed(0)} % of the window)`);
  console.log(`  ${split}`);
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP).filter(([, us]) => us / frames >= 50);
  for (const [name, us] of top) console.log(`    ${fmt(us / frames).padStart(6)}  ${name} (${count.get(name)}×, ${bucketOf(name)})`);
}

// ── the late frames: what the renderer's main thread ran between a late frame and the one before it ──
// The bench marks each animation frame that came more than 1.5 vsyncs after the previous one
// (`kith-drop frame <n> <interval> ms`, at the start of the late frame's callback).
const drops = events.filter((e) => typeof e.name === 'string' && e.name.startsWith('kith-drop') && e.pid === rendererPid).sort((a, b) => a.ts - b.ts);
const mainKey = [...byThread.keys()].find((k) => k.startsWith(`${rendererPid}:`) && threadName.get(k) === 'CrRendererMain');
if (drops.length && mainKey) {
  console.log(`\nlate frames: ${drops.length} (main thread between the late frame and the one before, tasks ≥ 0.5 ms: start ms after the previous frame, duration, heaviest parts by self time)`);
  const main = byThread.get(mainKey);
  const sorted = [...main].sort((x, y) => x.s - y.s || y.e - x.e);
  for (const d of drops) {
    const interval = Number(/ ([\d.]+) ms$/.exec(d.name)?.[1] ?? 33.3);
    const a = d.ts - interval * 1000;
    const b = d.ts;
    // Top-level events on the main thread (not nested in another) that overlap [a, b].
    const tops = [];
    let end = -Infinity;
    for (const v of sorted) {
      if (v.s >= end) {
        if (v.e > a && v.s < b) tops.push(v);
        end = v.e;
      } else end = Math.max(end, v.e);
      if (v.s > b) break;
    }
    const { busy } = selfTimes(main, a, b);
    console.log(`${d.name.replace('kith-drop ', '')}: main thread busy ${fmt(busy)} of ${interval.toFixed(1)} ms`);
    for (const v of tops) {
      if (v.e - v.s < 500) continue;
      const { self } = selfTimes(main, v.s, v.e);
      const parts = [...self].sort((x, y) => y[1] - x[1]).slice(0, 5).filter(([, us]) => us >= 100).map(([n, us]) => `${n} ${fmt(us)}`).join(' · ');
      const fn = v.args?.data?.functionName ? ` ${v.args.data.functionName}` : '';
      // Thread time (CPU) well below the wall time: the thread was waiting or descheduled, not working.
      const cpu = typeof v.cpu === 'number' ? ` (cpu ${fmt(v.cpu)})` : '';
      console.log(`  +${fmt(v.s - a).padStart(5)}  ${fmt(v.e - v.s).padStart(5)} ms${cpu}  ${v.name}${fn}: ${parts}`);
    }
  }
}
