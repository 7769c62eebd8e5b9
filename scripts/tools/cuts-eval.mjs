#!/usr/bin/env node
// npm run cuts:eval -- [--clips ../shared/data/clips] [--work e2e/.generated/cuts] [--set tune|test|fresh|foreign|all] [--foreign id=<video>]...
//                      [--json out.json] [--only name,name] [--params '{"cutMin":0.05}'] [--no-peers]
//                      [--cache <dir>] [--dump <dir>] [--scaler area|bilinear|neighbor] [--verbose]
// --cache keeps each edit's 64×36 frames and the peers' per-frame scores for the next run (tuning);
// --dump writes each edit's signatures (float32) and truth for analysis elsewhere; --scaler picks how
// ffmpeg shrinks frames to the signature size (default area).
//
// Measures the shot boundary detector (src/shared/cuts.ts) on the edits scripts/tools/cuts-fixtures.mjs
// builds (and on the two clips themselves, with their by-eye truth), next to two peers on the same
// frames: ffmpeg's scene score (select … scene, at the best threshold of a grid and at the common
// 0.3 and 0.4) and a content detector of the PySceneDetect kind (mean absolute HSV difference of
// consecutive frames downscaled to 320 px wide, threshold 27, at least 15 frames between cuts).
// Scoring, like TransNet V2's tables: a hard cut is found when a detection of at most 3 frames lies
// within ±1 frame of it; a gradual transition when a detection overlaps its span widened by 2 frames;
// each truth matches one detection; the rest are false positives, except those on spans the truth
// marks optional. For the peers, detections on consecutive frames are first merged into one span.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildFixtures, readClipTruth, sceneScores } from './cuts-fixtures.mjs';
import { loadAppModules } from './ssr-modules.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const USAGE = 'usage: npm run cuts:eval -- [--clips <dir>] [--work <dir>] [--set tune|test|fresh|foreign|all] [--foreign id=<video>]... [--json <out.json>] [--only a,b] [--params <json>] [--no-peers] [--cache <dir>] [--dump <dir>] [--scaler area|bilinear|neighbor] [--verbose]';
/** Clip files and which set each one's own truth belongs to. */
const CLIP_SETS = { 'tears-of-steel-a-640x360.mp4': 'tune', 'tears-of-steel-b-640x360.mp4': 'test' };
const SCENE_THRESHOLDS = [0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];
const CONTENT_THRESHOLDS = [15, 20, 27, 35];
const CONTENT_MIN_SCENE_FRAMES = 15;
const CONTENT_WIDTH_PX = 320;
const CUT_TOLERANCE_FRAMES = 1;
const CUT_MAX_SPAN_FRAMES = 3;
const GRADUAL_TOLERANCE_FRAMES = 2;
/** A false positive this close to a flash, occluder, pan or zoom is counted against it. */
const EVENT_MARGIN_FRAMES = 12;

/**
 * Loads src/shared/cuts.ts through Vite's SSR module loader.
 * @returns {Promise<{ mod: typeof import('../../src/shared/cuts.ts'), close: () => Promise<void> }>}
 */
async function loadCuts() {
  const { mods, close } = await loadAppModules(['/src/shared/cuts.ts']);
  return { mod: mods[0], close };
}

/**
 * Streams a video's frames from ffmpeg at width×height, `bytesPerPixel` 4 (rgba) or 3 (rgb24).
 * @param {string} file
 * @param {{ width: number, height: number, bytesPerPixel: 3 | 4, flags: string }} o
 * @param {(frame: Uint8Array) => void} onFrame
 * @returns {Promise<number>} frames read
 */
function decodeFrames(file, o, onFrame) {
  const frameBytes = o.width * o.height * o.bytesPerPixel;
  return new Promise((ok, fail) => {
    const p = spawn('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-fps_mode', 'passthrough',
      '-vf', `scale=${o.width}:${o.height}:flags=${o.flags}`, '-pix_fmt', o.bytesPerPixel === 4 ? 'rgba' : 'rgb24', '-f', 'rawvideo', 'pipe:1'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
    const frame = new Uint8Array(frameBytes);
    let filled = 0;
    let frames = 0;
    let err = '';
    p.stdout.on('data', (/** @type {Buffer} */ chunk) => {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - at);
        frame.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === frameBytes) {
          onFrame(frame);
          frames++;
          filled = 0;
        }
      }
    });
    p.stderr.on('data', (d) => (err += d));
    p.on('error', fail);
    p.on('close', (code) => (code === 0 ? ok(frames) : fail(new Error(`ffmpeg decoding ${file} exited ${code}: ${err.slice(-1000)}`))));
  });
}


/**
 * Mean absolute difference of HSV (OpenCV's 8-bit scales: H 0–179, S and V 0–255) between consecutive
 * frames, the PySceneDetect ContentDetector's content_val with its default weights (1, 1, 1, 0).
 * @param {string} file
 * @param {number} sourceWidthPx
 * @param {number} sourceHeightPx
 * @returns {Promise<number[]>} content_val per frame (0 for the first)
 */
async function contentValues(file, sourceWidthPx, sourceHeightPx) {
  const factor = Math.max(1, Math.floor(sourceWidthPx / 256));
  const width = Math.max(2, Math.round(sourceWidthPx / factor));
  const height = Math.max(2, Math.round(sourceHeightPx / factor));
  const n = width * height;
  let prev = /** @type {Uint8Array | null} */ (null);
  let cur = new Uint8Array(n * 3);
  /** @type {number[]} */
  const values = [];
  await decodeFrames(file, { width, height, bytesPerPixel: 3, flags: 'bilinear' }, (rgb) => {
    for (let i = 0; i < n; i++) {
      const r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
      const v = Math.max(r, g, b);
      const diff = v - Math.min(r, g, b);
      const s = v === 0 ? 0 : Math.round((255 * diff) / v);
      let h = 0;
      if (diff > 0) {
        if (v === r) h = (60 * (g - b)) / diff;
        else if (v === g) h = 120 + (60 * (b - r)) / diff;
        else h = 240 + (60 * (r - g)) / diff;
        if (h < 0) h += 360;
      }
      cur[3 * i] = Math.round(h / 2) % 180;
      cur[3 * i + 1] = s;
      cur[3 * i + 2] = v;
    }
    if (!prev) {
      values.push(0);
      prev = cur;
      cur = new Uint8Array(n * 3);
      return;
    }
    let dh = 0, ds = 0, dv = 0;
    for (let i = 0; i < n; i++) {
      dh += Math.abs(cur[3 * i] - prev[3 * i]);
      ds += Math.abs(cur[3 * i + 1] - prev[3 * i + 1]);
      dv += Math.abs(cur[3 * i + 2] - prev[3 * i + 2]);
    }
    values.push((dh + ds + dv) / (3 * n));
    const t = prev;
    prev = cur;
    cur = t;
  });
  return values;
}

/**
 * Reads `compute()`'s JSON result from cacheDir when it was computed for this very file, else computes and stores it.
 * @template T
 * @param {string | undefined} cacheDir
 * @param {string} key
 * @param {string} file
 * @param {() => Promise<T>} compute
 * @returns {Promise<T>}
 */
async function cached(cacheDir, key, file, compute) {
  if (!cacheDir) return compute();
  const st = statSync(file);
  const stamp = `${file}:${st.size}:${st.mtimeMs}`;
  const path = join(cacheDir, `${key}.json`);
  if (existsSync(path)) {
    const hit = JSON.parse(readFileSync(path, 'utf8'));
    if (hit.stamp === stamp) return hit.value;
  }
  const value = await compute();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path, JSON.stringify({ stamp, value }));
  return value;
}

/**
 * Every frame of `file` at width×height RGBA, from ffmpeg or from cacheDir (which keeps them when given).
 * @param {string} file
 * @param {string} name
 * @param {string | undefined} cacheDir
 * @param {number} width
 * @param {number} height
 * @param {string} flags ffmpeg scaler (area: like a browser drawing with smoothing; neighbor: the worst case)
 * @param {(rgba: Uint8Array) => void} onFrame
 * @returns {Promise<number>} frames
 */
async function smallFrames(file, name, cacheDir, width, height, flags, onFrame) {
  const frameBytes = width * height * 4;
  const key = `${name}.${width}x${height}.${flags}`;
  const raw = await cached(cacheDir, key, file, async () => {
    if (!cacheDir) return null;
    /** @type {Uint8Array[]} */
    const frames = [];
    await decodeFrames(file, { width, height, bytesPerPixel: 4, flags }, (f) => frames.push(f.slice()));
    writeFileSync(join(cacheDir, `${key}.rgba`), Buffer.concat(frames));
    return frames.length;
  });
  if (raw === null) return decodeFrames(file, { width, height, bytesPerPixel: 4, flags }, onFrame);
  const all = readFileSync(join(/** @type {string} */ (cacheDir), `${key}.rgba`));
  for (let i = 0; i < raw; i++) onFrame(new Uint8Array(all.buffer, all.byteOffset + i * frameBytes, frameBytes));
  return raw;
}

/**
 * Cuts of the content detector: content_val ≥ threshold, at least minFrames after the last cut (or the start).
 * @param {number[]} values
 * @param {number} threshold
 */
function contentCuts(values, threshold) {
  const cuts = [];
  let last = 0;
  for (let f = 1; f < values.length; f++) {
    if (values[f] >= threshold && f - last >= CONTENT_MIN_SCENE_FRAMES) {
      cuts.push(f);
      last = f;
    }
  }
  return cuts;
}

/**
 * Frames flagged by a peer, merged into spans where they touch.
 * @param {number[]} frames sorted
 * @returns {{ kind: string, startFrame: number, endFrame: number, shotStartFrame: number }[]}
 */
function peerSpans(frames) {
  const spans = [];
  for (const f of frames) {
    const last = spans[spans.length - 1];
    if (last && f <= last.endFrame + 1) last.endFrame = f;
    else spans.push({ kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f });
  }
  return spans;
}

/**
 * Matches detections to the truth.
 * @param {import('./cuts-fixtures.mjs').Truth} truth
 * @param {{ kind: string, startFrame: number, endFrame: number }[]} detections
 */
function score(truth, detections) {
  const used = new Set();
  let cutTp = 0, cutFn = 0, gradTp = 0, gradFn = 0, kindOk = 0;
  const misses = [];
  const cuts = truth.transitions.filter((t) => t.kind === 'cut');
  const graduals = truth.transitions.filter((t) => t.kind !== 'cut');
  for (const t of cuts) {
    let best = -1;
    let bestGap = Infinity;
    detections.forEach((d, i) => {
      if (used.has(i) || d.endFrame - d.startFrame + 1 > CUT_MAX_SPAN_FRAMES) return;
      const gap = d.startFrame > t.startFrame ? d.startFrame - t.startFrame : Math.max(0, t.startFrame - d.endFrame);
      if (gap <= CUT_TOLERANCE_FRAMES && gap < bestGap) {
        best = i;
        bestGap = gap;
      }
    });
    if (best >= 0) {
      used.add(best);
      cutTp++;
      if (detections[best].kind === 'cut') kindOk++;
    } else {
      cutFn++;
      misses.push(`cut@${t.startFrame}`);
    }
  }
  for (const t of graduals) {
    let best = -1;
    let bestOverlap = -Infinity;
    detections.forEach((d, i) => {
      if (used.has(i)) return;
      const lo = Math.max(d.startFrame, t.startFrame - GRADUAL_TOLERANCE_FRAMES);
      const hi = Math.min(d.endFrame, t.endFrame + GRADUAL_TOLERANCE_FRAMES);
      if (hi >= lo && hi - lo > bestOverlap) {
        best = i;
        bestOverlap = hi - lo;
      }
    });
    if (best >= 0) {
      used.add(best);
      gradTp++;
      const k = detections[best].kind;
      if (k === t.kind || (k.startsWith('fade') && t.kind.startsWith('fade'))) kindOk++;
    } else {
      gradFn++;
      misses.push(`${t.kind}@${t.startFrame}-${t.endFrame}`);
    }
  }
  const fps = [];
  let eventFp = 0;
  let ignored = 0;
  detections.forEach((d, i) => {
    if (used.has(i)) return;
    const optional = truth.optional.some((o) => d.startFrame <= o.endFrame + GRADUAL_TOLERANCE_FRAMES && d.endFrame >= o.startFrame - GRADUAL_TOLERANCE_FRAMES);
    if (optional) ignored++;
    else {
      fps.push(`${d.kind}@${d.startFrame}${d.endFrame > d.startFrame ? `-${d.endFrame}` : ''}`);
      if (truth.events.some((e) => d.startFrame <= e.endFrame + EVENT_MARGIN_FRAMES && d.endFrame >= e.startFrame - EVENT_MARGIN_FRAMES)) eventFp++;
    }
  });
  return { cutTp, cutFn, gradTp, gradFn, fp: fps.length, eventFp, ignored, kindOk, misses, fps };
}

/** @param {ReturnType<typeof score>[]} rows */
function total(rows) {
  const s = { cutTp: 0, cutFn: 0, gradTp: 0, gradFn: 0, fp: 0, eventFp: 0, ignored: 0, kindOk: 0 };
  for (const r of rows) for (const k of Object.keys(s)) s[/** @type {keyof typeof s} */ (k)] += r[/** @type {keyof typeof s} */ (k)];
  const tp = s.cutTp + s.gradTp;
  const precision = tp + s.fp ? tp / (tp + s.fp) : 1;
  const recall = tp + s.cutFn + s.gradFn ? tp / (tp + s.cutFn + s.gradFn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    ...s, precision, recall, f1,
    cutRecall: s.cutTp + s.cutFn ? s.cutTp / (s.cutTp + s.cutFn) : 1,
    gradRecall: s.gradTp + s.gradFn ? s.gradTp / (s.gradTp + s.gradFn) : 1,
  };
}

const pct = (x) => (x === undefined ? '—' : `${(100 * x).toFixed(1)}`);
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);

async function main() {
  const { values } = parseArgs({
    options: {
      clips: { type: 'string' }, work: { type: 'string' }, set: { type: 'string', default: 'all' }, json: { type: 'string' },
      only: { type: 'string' }, foreign: { type: 'string', multiple: true }, params: { type: 'string' }, 'no-peers': { type: 'boolean', default: false }, dump: { type: 'string' }, cache: { type: 'string' }, scaler: { type: 'string' },
      verbose: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!['tune', 'test', 'fresh', 'foreign', 'all'].includes(values.set ?? '')) throw new Error(`--set must be tune, test, fresh, foreign or all\n${USAGE}`);
  /** @type {Record<string, string>} */
  const foreign = {};
  for (const f of values.foreign ?? []) {
    const [id, path] = [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)];
    if (!id || !path || !existsSync(path)) throw new Error(`--foreign wants id=<video file> of an existing file (got ${f})`);
    foreign[id] = resolve(path);
  }
  const clipsDir = values.clips ? resolve(values.clips) : null;
  if (clipsDir && !existsSync(clipsDir)) throw new Error(`--clips ${clipsDir} not found`);
  const workDir = resolve(values.work ?? join(ROOT, 'e2e/.generated/cuts'));
  const only = values.only?.split(',');
  const params = values.params ? JSON.parse(values.params) : undefined;
  const log = (/** @type {string} */ m) => console.error(m);

  /** @type {import('./cuts-fixtures.mjs').Truth[]} */
  const truths = await buildFixtures({ workDir, clipsDir, only, foreign, log });
  if (clipsDir) {
    const clipTruth = readClipTruth();
    for (const [file, t] of Object.entries(clipTruth.clips)) {
      const name = `clip-${basename(file, '.mp4').replace('tears-of-steel-', '').replace('-640x360', '')}`;
      if (only && !only.includes(name)) continue;
      const path = join(clipsDir, file);
      if (!existsSync(path)) continue;
      truths.push({
        name, set: /** @type {'tune'|'test'} */ (CLIP_SETS[/** @type {keyof typeof CLIP_SETS} */ (file)] ?? 'test'), source: 'clip', file: path, fps: 24, frames: t.frames,
        transitions: t.cuts.map((f) => ({ kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f })),
        optional: t.optional, events: [],
      });
    }
  }
  const selected = truths.filter((t) => values.set === 'all' || t.set === values.set);
  const { mod, close } = await loadCuts();
  /** @type {any[]} */
  const results = [];
  let detectorMs = 0;
  let detectorFrames = 0;
  try {
    for (const truth of selected) {
      const cacheDir = values.cache ? resolve(values.cache) : undefined;
      const { scores, timesSec } = await cached(cacheDir, `${truth.name}.scene`, truth.file, () => sceneScores(truth.file));
      const detector = new mod.CutDetector({ framesPerSec: truth.fps, params });
      /** @type {any[]} */
      const found = [];
      let index = 0;
      let ms = 0;
      /** @type {Float32Array[]} */
      const dumped = [];
      const frames = await smallFrames(truth.file, truth.name, cacheDir, mod.SIGNATURE_WIDTH, mod.SIGNATURE_HEIGHT, values.scaler ?? 'area', (rgba) => {
        const t0 = performance.now();
        const sig = mod.frameSignature(rgba, mod.SIGNATURE_WIDTH, mod.SIGNATURE_HEIGHT, 4);
        if (values.dump) dumped.push(sig);
        found.push(...detector.push(index, timesSec[index] ?? index / truth.fps, sig));
        ms += performance.now() - t0;
        index++;
      });
      const t0 = performance.now();
      found.push(...detector.finish());
      ms += performance.now() - t0;
      detectorMs += ms;
      detectorFrames += frames;
      if (values.dump) {
        mkdirSync(values.dump, { recursive: true });
        const all = new Float32Array(dumped.length * mod.SIGNATURE_LENGTH);
        dumped.forEach((sig, i) => all.set(sig, i * mod.SIGNATURE_LENGTH));
        writeFileSync(join(values.dump, `${truth.name}.f32`), all);
        writeFileSync(join(values.dump, `${truth.name}.json`), JSON.stringify(truth));
      }
      if (frames !== truth.frames) log(`warning: ${truth.name}: decoded ${frames} frames, truth says ${truth.frames}`);
      const row = { name: truth.name, set: truth.set, source: truth.source, frames, truth, ours: score(truth, found), found };
      if (!values['no-peers']) {
        const sceneBy = Object.fromEntries(SCENE_THRESHOLDS.map((th) => [th, score(truth, peerSpans(scores.flatMap((s, f) => (f > 0 && s > th ? [f] : []))))]));
        const content = await cached(cacheDir, `${truth.name}.content`, truth.file, () => contentValues(truth.file, 640, 360));
        const contentBy = Object.fromEntries(CONTENT_THRESHOLDS.map((th) => [th, score(truth, peerSpans(contentCuts(content, th)))]));
        Object.assign(row, { sceneBy, contentBy });
      }
      results.push(row);
      const o = row.ours;
      log(`${truth.name}: cuts ${o.cutTp}/${o.cutTp + o.cutFn}, gradual ${o.gradTp}/${o.gradTp + o.gradFn}, fp ${o.fp}${o.misses.length ? `, missed ${o.misses.join(' ')}` : ''}${o.fps.length ? `, false ${o.fps.join(' ')}` : ''}`);
      if (values.verbose) log(`  found: ${found.map((d) => `${d.kind}@${d.startFrame}${d.endFrame > d.startFrame ? `-${d.endFrame}` : ''}→${d.shotStartFrame} (${d.score.toFixed(2)})`).join(', ')}`);
    }
  } finally {
    await close();
  }
  const peers = !values['no-peers'];
  let bestScene = 0.3;
  if (peers) {
    let bestF1 = -1;
    for (const th of SCENE_THRESHOLDS) {
      const f1 = total(results.map((r) => r.sceneBy[th])).f1;
      if (f1 > bestF1) {
        bestF1 = f1;
        bestScene = th;
      }
    }
  }
  let bestContent = 27;
  if (peers) {
    let bestF1 = -1;
    for (const th of CONTENT_THRESHOLDS) {
      const f1 = total(results.map((r) => r.contentBy[th])).f1;
      if (f1 > bestF1) {
        bestF1 = f1;
        bestContent = th;
      }
    }
  }
  const columns = peers
    ? [['ours', (r) => r.ours], [`ffbest>${bestScene}`, (r) => r.sceneBy[bestScene]], ['ff>0.3', (r) => r.sceneBy[0.3]], ['ff>0.4', (r) => r.sceneBy[0.4]],
      ['psd27', (r) => r.contentBy[27]], [`psdbest${bestContent}`, (r) => r.contentBy[bestContent]]]
    : [['ours', (r) => r.ours]];
  console.log(`\nPer edit: cuts found/true (±${CUT_TOLERANCE_FRAMES} frame), gradual found/true, false positives; F1 for each detector`);
  console.log(`${pad('edit', 18)}${pad('set', 5)}${padl('frames', 7)}  ${pad('cuts', 6)}${pad('grad', 6)}${padl('fp', 3)}  ${columns.map(([n]) => padl(`F1 ${n}`, 15)).join('')}`);
  for (const r of results) {
    const o = r.ours;
    const f1s = columns.map(([, get]) => padl(pct(total([get(r)]).f1), 15)).join('');
    console.log(`${pad(r.name, 18)}${pad(r.set, 5)}${padl(r.frames, 7)}  ${pad(`${o.cutTp}/${o.cutTp + o.cutFn}`, 6)}${pad(`${o.gradTp}/${o.gradTp + o.gradFn}`, 6)}${padl(o.fp, 3)}  ${f1s}`);
  }
  const groups = [...['tune', 'test', 'fresh', 'foreign'].map((set) => [set, results.filter((r) => r.set === set)]), ['all', results]].filter(([, g]) => g.length);
  /** @type {Record<string, any>} */
  const summary = {};
  console.log(`\nOverall: hard-cut recall (±${CUT_TOLERANCE_FRAMES}), gradual found, precision, recall, F1, false positives (all; within ${EVENT_MARGIN_FRAMES} frames of a flash, occluder, pan or zoom), transition kinds right`);
  console.log(`${pad('detector', 14)}${pad('set', 6)}${padl('cutR', 7)}${padl('gradR', 7)}${padl('P', 7)}${padl('R', 7)}${padl('F1', 7)}${padl('FP', 5)}${padl('evFP', 6)}${padl('kind', 7)}`);
  for (const [name, get] of columns) {
    for (const [set, g] of groups) {
      const t = total(g.map(get));
      summary[`${name}/${set}`] = t;
      const tp = t.cutTp + t.gradTp;
      console.log(`${pad(name, 14)}${pad(set, 6)}${padl(pct(t.cutRecall), 7)}${padl(pct(t.gradRecall), 7)}${padl(pct(t.precision), 7)}${padl(pct(t.recall), 7)}${padl(pct(t.f1), 7)}${padl(t.fp, 5)}${padl(t.eventFp, 6)}${padl(name === 'ours' && tp ? pct(t.kindOk / tp) : '', 7)}`);
    }
  }
  const msPerFrame = detectorMs / Math.max(1, detectorFrames);
  console.log(`\nDetector cost (frameSignature + push, Node ${process.version}): ${msPerFrame.toFixed(4)} ms per frame over ${detectorFrames} frames`);
  if (values.json) {
    mkdirSync(resolve(values.json, '..'), { recursive: true });
    writeFileSync(values.json, JSON.stringify({
      params: params ?? null, sceneBestThreshold: bestScene, contentBestThreshold: bestContent, msPerFrame, summary,
      edits: results.map((r) => ({ name: r.name, set: r.set, frames: r.frames, ours: r.ours, found: r.found })),
    }, null, 1));
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
