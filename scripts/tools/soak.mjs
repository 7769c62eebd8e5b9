#!/usr/bin/env node
// Soak: a long generated film through the whole app (decode, CNN, NA, face/pose, fusion, saving),
// printing memory as it runs, whether it stays flat after warm-up, frames the browser had to
// garbage-collect unclosed, and the storage one film-hour of results takes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, log, openApp, ROOT, runMain, UsageError } from '../cli/headless-app.mjs';

const USAGE = 'usage: npm run soak -- [--minutes 32] [--every 15] [--no-vision] [--json <path>] [--no-build | --dist <dir>] [--verbose]';
const CLIPS_DIR = join(ROOT, 'e2e', '.generated');

/**
 * A long film with content that changes (four generated sources in turn, a minute each, with
 * black between), small enough to encode in a minute.
 * @param {number} minutes
 */
function makeFilm(minutes) {
  mkdirSync(CLIPS_DIR, { recursive: true });
  const out = join(CLIPS_DIR, `soak-${minutes}min-320x180.mp4`);
  if (existsSync(out) && statSync(out).size > 0) return out;
  log(`generating a ${minutes}-minute film…`);
  const sources = ['testsrc2=size=320x180:rate=24', 'mandelbrot=size=320x180:rate=24', 'life=size=320x180:rate=24:mold=10:ratio=0.5', 'smptebars=size=320x180:rate=24'];
  const segments = minutes;
  const inputs = [];
  const labels = [];
  for (let i = 0; i < segments; i++) {
    inputs.push('-f', 'lavfi', '-t', '58', '-i', sources[i % sources.length]);
    inputs.push('-f', 'lavfi', '-t', '2', '-i', 'color=black:size=320x180:rate=24');
    labels.push(`[${2 * i}:v]setsar=1[a${i}];[${2 * i + 1}:v]setsar=1[b${i}]`);
  }
  const concat = Array.from({ length: segments }, (_, i) => `[a${i}][b${i}]`).join('') + `concat=n=${2 * segments}:v=1[v]`;
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', `${labels.join(';')};${concat}`, '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '48', out], { stdio: 'inherit' });
  return out;
}

/**
 * Resident memory (MiB) of this process's descendants (the browser and all its processes), in all
 * and by Chromium process type (browser, renderer, gpu-process, utility…).
 */
function descendantsRss() {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => {
      const [pid, ppid, kb, ...args] = l.trim().split(/\s+/);
      const type = args.join(' ').match(/--type=([\w-]+)/)?.[1] ?? (/chrom/i.test(args[0] ?? '') ? 'browser' : 'other');
      return { pid: Number(pid), ppid: Number(ppid), kb: Number(kb), type };
    });
  const children = new Map();
  for (const r of rows) children.set(r.ppid, [...(children.get(r.ppid) ?? []), r]);
  let total = 0;
  /** @type {Record<string, number>} */
  const byType = {};
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const r = stack.pop();
    total += r.kb / 1024;
    byType[r.type] = (byType[r.type] ?? 0) + r.kb / 1024;
    stack.push(...(children.get(r.pid) ?? []));
  }
  return { total, byType };
}

/**
 * JS and wasm memory (MiB) by context (the page and each worker, by its name), from
 * performance.measureUserAgentSpecificMemory (cross-origin isolated pages only; it waits for a
 * garbage collection, so it is given 30 s); null where it is unavailable.
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<Record<string, number> | null>}
 */
async function contextMemory(page) {
  return page.evaluate(async () => {
    const perf = /** @type {any} */ (performance);
    if (typeof perf.measureUserAgentSpecificMemory !== 'function') return null;
    const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 30_000));
    const result = /** @type {any} */ (await Promise.race([perf.measureUserAgentSpecificMemory(), timeout]));
    if (!result) return null;
    /** @type {Record<string, number>} */
    const out = {};
    for (const b of result.breakdown) {
      const a = b.attribution[0];
      const where = !a ? (b.types.join('+') || 'shared') : a.scope === 'Window' ? 'page' : (a.url.match(/\/(\w+)\.worker|workers\/(\w+)|([\w-]+)\.js/)?.slice(1).find(Boolean) ?? a.scope);
      out[where] = (out[where] ?? 0) + b.bytes / 2 ** 20;
    }
    return out;
  });
}

/** Least-squares slope of y against x. @param {number[]} x @param {number[]} y */
function slope(x, y) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (x[i] - mx) * (y[i] - my);
    den += (x[i] - mx) ** 2;
  }
  return den ? num / den : 0;
}

runMain(async () => {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '32' }, every: { type: 'string', default: '15' }, 'no-vision': { type: 'boolean', default: false }, json: { type: 'string' }, ...COMMON_OPTIONS } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const minutes = Number(values.minutes);
  const everySec = Number(values.every);
  if (!Number.isInteger(minutes) || minutes < 2) throw new UsageError(`--minutes must be a whole number ≥ 2\n${USAGE}`);
  const film = makeFilm(minutes);
  // Memory by context is measured at once, not at the next garbage collection (which can take minutes).
  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose, chromiumArgs: ['--enable-blink-features=ForceEagerMeasureMemory'] });
  const unclosed = [];
  const watch = (/** @type {{ on: Function }} */ target) =>
    target.on('console', (/** @type {import('@playwright/test').ConsoleMessage} */ m) => {
      if (/garbage collected without being closed|without being closed/i.test(m.text())) unclosed.push(m.text());
    });
  try {
    const { page } = app;
    watch(page);
    page.on('worker', watch);
    page.workers().forEach(watch);
    if (values['no-vision']) await page.evaluate(() => window.shotscale.setVision(false));
    const usageBefore = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(film);
    /** @type {{ tSec: number, done: number, total: number, rssMiB: number, heapMiB: number | null }[]} */
    const samples = [];
    for (;;) {
      await page.waitForTimeout(everySec * 1000);
      const state = await page.evaluate(() => {
        const f = window.shotscale.films()[0];
        const mem = /** @type {any} */ (performance).memory;
        return { status: f?.status ?? 'none', done: f?.progress.done ?? 0, total: f?.progress.total ?? 0, heap: mem ? mem.usedJSHeapSize : null };
      });
      const rss = descendantsRss();
      const contexts = await contextMemory(page);
      const s = { tSec: (Date.now() - t0) / 1000, done: state.done, total: state.total, rssMiB: rss.total, rssByTypeMiB: rss.byType, heapMiB: state.heap == null ? null : state.heap / 2 ** 20, contextsMiB: contexts };
      samples.push(s);
      const parts = Object.entries(rss.byType)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ');
      const ctx = contexts ? Object.entries(contexts).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ') : '–';
      log(`${s.tSec.toFixed(0).padStart(5)} s  ${String(s.done).padStart(5)}/${s.total} frames  browser RSS ${s.rssMiB.toFixed(0)} MiB (${parts})  page heap ${s.heapMiB?.toFixed(1) ?? '–'} MiB  JS+wasm by context: ${ctx}`);
      if (!['running', 'probing', 'queued'].includes(state.status)) break;
    }
    const end = await page.evaluate(() => {
      const f = window.shotscale.films()[0];
      return { status: f.status, seconds: f.results.length, durationSec: f.info?.durationSec ?? 0, error: f.error };
    });
    const usageAfter = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const wallSec = (Date.now() - t0) / 1000;
    // Memory after warm-up: the samples past the first fifth of the film.
    const warm = samples.filter((s) => s.total && s.done >= 0.2 * s.total);
    const growthMiBPerFilmHour = warm.length >= 3 ? slope(warm.map((s) => s.done / 3600), warm.map((s) => s.rssMiB)) : NaN;
    const late = samples.filter((s) => s.total && s.done >= 0.5 * s.total);
    const lateGrowthMiBPerFilmHour = late.length >= 3 ? slope(late.map((s) => s.done / 3600), late.map((s) => s.rssMiB)) : NaN;
    const result = {
      film: { minutes, path: film },
      status: end.status,
      error: end.error ?? null,
      seconds: end.seconds,
      wallSec,
      framesPerSec: end.seconds / wallSec,
      rssMiB: { afterWarmup: warm[0]?.rssMiB ?? null, peak: Math.max(...samples.map((s) => s.rssMiB)), end: samples.at(-1)?.rssMiB ?? null },
      rssGrowthMiBPerFilmHour: growthMiBPerFilmHour,
      rssGrowthSecondHalfMiBPerFilmHour: lateGrowthMiBPerFilmHour,
      unclosedFrames: unclosed.length,
      storageMiBPerFilmHour: (usageAfter - usageBefore) / 2 ** 20 / (end.durationSec / 3600),
      samples,
    };
    console.log(`\nsoak: ${minutes}-minute film${values['no-vision'] ? ' (face/pose detection off)' : ''}, ${end.status}, ${end.seconds} seconds analysed in ${(wallSec / 60).toFixed(1)} min (${result.framesPerSec.toFixed(1)} frames/s)`);
    console.log(`memory (browser, all processes): ${result.rssMiB.afterWarmup?.toFixed(0)} MiB after warm-up, peak ${result.rssMiB.peak.toFixed(0)}, end ${result.rssMiB.end?.toFixed(0)}; trend after warm-up ${growthMiBPerFilmHour.toFixed(1)} MiB per film-hour, over the second half ${lateGrowthMiBPerFilmHour.toFixed(1)}`);
    console.log(`frames or bitmaps garbage-collected unclosed: ${unclosed.length}`);
    console.log(`storage: ${result.storageMiBPerFilmHour.toFixed(1)} MiB per film-hour (IndexedDB: results, thumbnails, heatmaps)`);
    if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 1));
    return end.status === 'done' ? 0 : 1;
  } finally {
    await app.close();
  }
});
