#!/usr/bin/env node
// npm run bench -- [clip…] [--backend wasm|webgpu|auto] [--seconds 60] [--json <path>] [--variant-model <card.json>] [--no-build | --dist <dir>] [--verbose]
//
// Throughput benchmark, all measured in one run so the figures compare as ratios on the same
// machine: the whole pipeline (file input → window.shotscale.idle()) with its time per stage,
// without cut detection, stage overlap, the vision gate, with the CNN on the other WASM thread count
// (and with another model, --variant-model), decode only (one decoder, and two at once on the two
// halves of the film), model only, and the ways of making a cut signature, on generated clips
// (720p and 1080p H.264, 360p VP9); then, outside the browser, the native peer (ffmpeg + onnxruntime-node
// on the same ONNX and letterboxed samples) and ffmpeg's full decode (the floor). Prints figures;
// asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addUserModel, COMMON_OPTIONS, log, openApp, ROOT, runMain, UsageError, userModelFiles } from '../cli/headless-app.mjs';
import { browserCpu, measureCpu, ownCpu } from './bench-cpu-time.mjs';
import { decodeFloor, nativeModelOnly, nativePeer } from './bench-native-peer.mjs';

const USAGE = 'usage: npm run bench -- [extra clip…] [--film-source <dir>] [--quick] [--backend wasm|webgpu|auto] [--seconds 60] [--json <path>] [--variant-model <card.json>] [--no-build | --dist <dir>] [--verbose]';
/** The real film footage the film-like encodes are made from, where it is (git-ignored data, not committed). */
const FILM_SOURCES = ['tears-of-steel-a-640x360.mp4', 'tears-of-steel-b-640x360.mp4'];

/** Sampling rate of the whole-pipeline and decode-only runs (the app's default). */
const SAMPLE_FPS = 1;
/** Timed batches of the model-only runs (after one untimed warm-up batch). */
const MODEL_BATCHES = { 1: 24, 8: 6 };
/** Film length of the two-hour estimate, in seconds. */
const TWO_HOURS_SEC = 2 * 3600;
/** Frames timed per clip by the cut-signature comparison. */
const SIGNATURE_FRAMES = 96;
/** Size of a cut signature's picture, for the printout (src/shared/cuts.ts). */
const SIGNATURE_WIDTH_NOTE = '64×36';
/** Where generated clips are kept (git-ignored, shared with the e2e fixtures). */
const CLIPS_DIR = join(ROOT, 'e2e', '.generated');

/** @param {string[]} args */
function ffmpeg(args) {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'inherit' });
}

/**
 * The clips, generated with ffmpeg on first use.
 * @param {number} sec
 * @returns {{ name: string, resolution: string, codec: string, path: string }[]}
 */
function makeClips(sec) {
  mkdirSync(CLIPS_DIR, { recursive: true });
  const h264 = (/** @type {string} */ size) => (/** @type {string} */ out) =>
    ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=24:duration=${sec}`, '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '48', out]);
  const specs = [
    { name: `bench-720p-h264-${sec}s.mp4`, resolution: '1280x720', codec: 'H.264', make: h264('1280x720') },
    { name: `bench-1080p-h264-${sec}s.mp4`, resolution: '1920x1080', codec: 'H.264', make: h264('1920x1080') },
    {
      name: `bench-360p-vp9-${sec}s.webm`,
      resolution: '640x360',
      codec: 'VP9',
      make: (/** @type {string} */ out) =>
        ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=24:duration=${sec}`, '-c:v', 'libvpx-vp9', '-b:v', '800k', '-g', '48', '-deadline', 'realtime', '-cpu-used', '8', out]),
    },
  ];
  return generate(specs);
}

/**
 * Encodes made the way films and trailers are (issue 24): real film footage (the Tears of Steel
 * excerpts, one after the other and looped to `sec`) scaled to 1080p and 720p and encoded by x264
 * at its default preset (three B-frames, B-pyramid, scene-cut I-frames: nearly half the frames are
 * referenced by none), and by libvpx VP9 at its "good" deadline. None when the footage is absent.
 * @param {number} sec @param {string} sourceDir
 */
function makeFilmLikeClips(sec, sourceDir) {
  const sources = FILM_SOURCES.map((f) => join(sourceDir, f));
  if (!sources.every((f) => existsSync(f))) {
    log(`no film footage at ${sourceDir}: the film-like encodes are left out`);
    return [];
  }
  mkdirSync(CLIPS_DIR, { recursive: true });
  /** @param {string} size @param {string[]} codec */
  const encode = (size, codec) => (/** @type {string} */ out) =>
    ffmpeg([
      ...sources.flatMap((f) => ['-i', f]),
      '-filter_complex',
      `[0:v][1:v]concat=n=2:v=1:a=0,loop=loop=-1:size=32767,scale=${size.replace('x', ':')}:flags=lanczos,setsar=1,fps=24[v]`,
      '-map',
      '[v]',
      '-t',
      String(sec),
      ...codec,
      '-an',
      out,
    ]);
  const x264 = ['-c:v', 'libx264', '-preset', 'medium', '-crf', '20', '-pix_fmt', 'yuv420p'];
  const vp9 = ['-c:v', 'libvpx-vp9', '-b:v', '2500k', '-deadline', 'good', '-cpu-used', '4', '-row-mt', '1', '-pix_fmt', 'yuv420p'];
  return generate([
    { name: `film-1080p-h264-${sec}s.mp4`, resolution: '1920x1080', codec: 'H.264', filmLike: true, make: encode('1920x1080', x264) },
    { name: `film-720p-h264-${sec}s.mp4`, resolution: '1280x720', codec: 'H.264', filmLike: true, make: encode('1280x720', x264) },
    { name: `film-720p-vp9-${sec}s.webm`, resolution: '1280x720', codec: 'VP9', filmLike: true, make: encode('1280x720', vp9) },
  ]);
}

/**
 * The clips of `specs`, each generated with its `make` unless already there.
 * @template {{ name: string, make: (out: string) => void }} S
 * @param {S[]} specs
 */
function generate(specs) {
  return specs.map(({ make, ...spec }) => {
    const path = join(CLIPS_DIR, spec.name);
    if (!existsSync(path) || statSync(path).size === 0) {
      log(`generating ${spec.name}…`);
      make(path);
    }
    return { ...spec, path };
  });
}

/**
 * Resolution and codec of a user's clip, from ffprobe.
 * @param {string} path
 * @returns {{ resolution: string, codec: string }}
 */
function probe(path) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,codec_name', '-of', 'csv=p=0', path], { encoding: 'utf8' }).trim();
  const [codec, width, height] = out.split(',');
  return { resolution: `${width}x${height}`, codec: codec === 'h264' ? 'H.264' : codec.toUpperCase() };
}

/** @param {number | null | undefined} x @param {number} [digits] */
const fmt = (x, digits = 1) => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(digits));

/** @param {string[][]} rows first row is the header */
function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (/** @type {string[]} */ r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seconds: { type: 'string', default: '60' },
      json: { type: 'string' },
      'variant-model': { type: 'string' },
      'film-source': { type: 'string', default: join(ROOT, '..', 'shared', 'data', 'clips') },
      quick: { type: 'boolean', default: false },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const extra = positionals.map((path) => {
    if (!existsSync(path)) throw new UsageError(`no such file: ${path}\n${USAGE}`);
    return { name: basename(path), path: resolve(path), ...probe(path) };
  });
  const seconds = Number(values.seconds);
  if (!Number.isInteger(seconds) || seconds < 1) throw new UsageError(`--seconds must be a whole number ≥ 1 (got "${values.seconds}")`);

  const variantModelFiles = values['variant-model'] ? userModelFiles(values['variant-model']) : null;
  const clips = [...makeClips(seconds), ...makeFilmLikeClips(seconds, resolve(values['film-source'])), ...extra];
  /** --quick: the whole pipeline, with and without skipping, and the native peer; no other lever or decoder study. */
  const quick = values.quick;
  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose });
  try {
    const { page, browser } = app;
    const env = {
      chromium: browser.version(),
      cpus: cpus().length,
      hardwareConcurrency: await page.evaluate(() => navigator.hardwareConcurrency),
      crossOriginIsolated: await page.evaluate(() => window.crossOriginIsolated),
      model: `${app.model.card.id}@${app.model.card.version}`,
      backend: app.model.backend,
      threads: app.model.threads,
      sampleFps: SAMPLE_FPS,
    };
    await page.getByTestId('rate').selectOption(String(SAMPLE_FPS));

    // Main-thread heap sampler (performance.memory is Chromium-only; workers are not included).
    const heapAvailable = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      if (!(/** @type {any} */ (performance).memory)) return false;
      w.__benchHeapPeak = 0;
      setInterval(() => {
        w.__benchHeapPeak = Math.max(w.__benchHeapPeak, /** @type {any} */ (performance).memory.usedJSHeapSize);
      }, 250);
      return true;
    });

    // 0. Warm-up, not timed: one analysis loads face/pose detection and warms every worker up, so
    // the first clip timed does not pay for it; its saved analysis is deleted afterwards.
    log('warm-up…');
    const warmId = await page.evaluate(() => window.shotscale.films().length);
    await page.getByTestId('file-input').setInputFiles(clips[2]?.path ?? clips[0].path);
    await page.evaluate(() => window.shotscale.idle());
    await page.evaluate(async (n) => {
      for (const f of window.shotscale.films().slice(n)) await window.shotscale.deleteSaved(f.id);
    }, warmId);

    /** Analyses a clip through the page's file input, to the end: its wall and CPU time. @param {string} path */
    const timedAnalysis = async (path) => {
      const { cpuMs, wallMs } = await measureCpu(async () => {
        await page.getByTestId('file-input').setInputFiles(path);
        await page.evaluate(() => window.shotscale.idle());
      }, browserCpu);
      return { cpuMs, wallSec: wallMs / 1000 };
    };

    // 1. Whole pipeline, one clip at a time.
    /** @type {Record<string, { id: string, samples: number, status: string, progressFps: number, wallFps: number, wallSec: number, cpuMs: number | null, peakHeapMB: number | null, stageMs: Record<string, number>, visionSkipped: number, skippedShare: number }>} */
    const whole = {};
    for (const clip of clips) {
      log(`pipeline: ${clip.name}…`);
      await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        if ('__benchHeapPeak' in w) w.__benchHeapPeak = /** @type {any} */ (performance).memory.usedJSHeapSize;
      });
      const before = await page.evaluate(() => window.shotscale.films().map((f) => f.id));
      const { cpuMs, wallSec } = await timedAnalysis(clip.path);
      const film = await page.evaluate(
        (ids) => window.shotscale.films().filter((f) => !ids.includes(f.id)).map((f) => ({ id: f.id, status: f.status, samples: f.results.length, fps: f.progress.fps, error: f.error, stageMs: window.shotscale.stageTimes(f.id), visionSkipped: window.shotscale.visionSkipped(f.id), skip: window.shotscale.skipCounts(f.id) })),
        before,
      );
      const peak = heapAvailable ? await page.evaluate(() => /** @type {any} */ (window).__benchHeapPeak) : null;
      const f = film[0];
      if (!f) throw new Error(`${clip.name}: no film entry appeared`);
      if (f.status !== 'done') log(`${clip.name}: ${f.status}${f.error ? ` — ${f.error.title}. ${f.error.detail}` : ''}`);
      whole[clip.name] = { id: f.id, samples: f.samples, status: f.status, progressFps: f.fps, wallFps: f.samples / wallSec, wallSec, cpuMs, peakHeapMB: peak == null ? null : peak / 2 ** 20, stageMs: f.stageMs, visionSkipped: f.visionSkipped, skippedShare: f.skip ? f.skip.skipped / Math.max(1, f.skip.skipped + f.skip.decoded) : 0 };
    }

    // 1b. The whole pipeline again with one part switched off or changed, on the generated clips: what each costs or pays, as a ratio.
    const defaultThreads = app.model.threads;
    const otherThreads = defaultThreads === 1 ? 2 : 1;
    /** @type {(fn: string, arg: boolean | number) => () => Promise<void>} */
    const call = (fn, arg) => async () => {
      await page.evaluate(([f, a]) => window.shotscale[f](a), /** @type {const} */ ([fn, arg]));
      // A restarted inference worker loads its model here, not inside the timed run.
      await page.evaluate(() => window.shotscale.model());
    };
    const VARIANTS = [
      { key: 'cuts', label: 'without cut detection', change: call('setCutDetection', false), restore: call('setCutDetection', true) },
      { key: 'overlap', label: 'without stage overlap', change: call('setOverlap', false), restore: call('setOverlap', true) },
      { key: 'gate', label: 'without the vision gate', change: call('setVisionGate', false), restore: call('setVisionGate', true) },
      { key: 'vision', label: 'without face/pose detection', change: call('setVision', false), restore: call('setVision', true) },
      { key: 'threads', label: `with the CNN on ${otherThreads} WASM thread(s)`, change: call('setCnnThreads', otherThreads), restore: call('setCnnThreads', 0) },
      // Every frame decoded for the cut scan, as before issue 24, on every clip (film-like ones too).
      { key: 'skip', label: 'decoding every frame (no non-reference frame left out)', change: call('setSkipNonReference', false), restore: call('setSkipNonReference', true), everyClip: true },
    ].filter((v) => !quick || v.key === 'skip');
    /** @type {Record<string, Record<string, number>>} */
    const variantWallSec = {};
    /** @type {Record<string, Record<string, number>>} */
    const variantFps = {};
    /** @type {Record<string, Record<string, number | null>>} */
    const variantCpuMs = {};
    /** The pipeline as it is, timed right before and right after each variant run (mean of the two). @type {Record<string, Record<string, number>>} */
    const variantBaseWallSec = {};
    /** @type {Record<string, { framesPerSec: number, msPerBatch: number, threads: number }>} */
    const variantModelOnly = {};
    /** One analysis of a clip afresh: its wall and CPU time and progress rate. @param {string} path */
    const analyseAgain = async (path) => {
      // Earlier passes saved this clip's analysis; drop every saved one so this pass analyses it again.
      await page.evaluate(async () => {
        for (const f of window.shotscale.films()) await window.shotscale.deleteSaved(f.id);
      });
      const { cpuMs, wallSec } = await timedAnalysis(path);
      const fps = await page.evaluate(() => window.shotscale.films().at(-1)?.progress.fps ?? NaN);
      return { wallSec, cpuMs, fps };
    };
    /**
     * The pipeline with one thing changed against the pipeline as it is, on each generated clip, as
     * base–changed–base (a later run of a clip in this page tends to be faster than an earlier
     * one: comparing with the first pass alone favoured whichever came second by about 6 %).
     * @param {string} key @param {string} label @param {() => Promise<void>} change @param {() => Promise<void>} restore @param {boolean} [everyClip] all clips, not the generated three
     */
    const runVariant = async (key, label, change, restore, everyClip = false) => {
      variantWallSec[key] = {};
      variantFps[key] = {};
      variantCpuMs[key] = {};
      variantBaseWallSec[key] = {};
      for (const clip of everyClip ? clips : clips.slice(0, 3)) {
        log(`pipeline ${label}, between two runs as it is: ${clip.name}…`);
        const before = await analyseAgain(clip.path);
        await change();
        const changed = await analyseAgain(clip.path);
        await restore();
        const after = await analyseAgain(clip.path);
        variantWallSec[key][clip.name] = changed.wallSec;
        variantCpuMs[key][clip.name] = changed.cpuMs;
        variantFps[key][clip.name] = changed.fps;
        variantBaseWallSec[key][clip.name] = (before.wallSec + after.wallSec) / 2;
      }
    };
    for (const { key, label, change, restore, everyClip } of VARIANTS) {
      await runVariant(key, label, change, restore, everyClip);
      if (key === 'threads') {
        await change();
        log(`model only on ${otherThreads} thread(s): batch 8 × ${MODEL_BATCHES[8]}…`);
        variantModelOnly.threads = await page.evaluate(([b, sz]) => window.shotscale.benchModel(b, sz), [MODEL_BATCHES[8], 8]);
        await restore();
      }
    }
    for (const key of ['cuts', 'overlap', 'gate', 'vision', 'threads', 'skip']) {
      variantWallSec[key] ??= {};
      variantFps[key] ??= {};
      variantCpuMs[key] ??= {};
    }
    const noCutsWallSec = variantWallSec.cuts;
    const serialWallSec = variantWallSec.overlap;
    const ungatedWallSec = variantWallSec.gate;
    /** The pipeline as it is around variant `key`'s run on a clip. @param {string} key @param {string} clip */
    const baseSec = (key, clip) => variantBaseWallSec[key]?.[clip] ?? NaN;

    // 2. Decode only, through a hidden file input of our own.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.hidden = true;
      input.id = 'shotscale-bench-input';
      document.body.append(input);
    });
    /** @type {Record<string, number>} */
    const decodeOnly = {};
    /** @type {Record<string, { cpuMs: number | null, wallMs: number }>} */
    const decodeOnlyCpu = {};
    /** @type {Record<string, { framesPerSec: number, frames: number | null, cpuMs: number | null, wallMs: number }>} */
    const decodeScan = {};
    for (const clip of clips) {
      log(`decode only, and decode with the cut scan: ${clip.name}…`);
      await page.locator('#shotscale-bench-input').setInputFiles(clip.path);
      const run = (/** @type {boolean} */ scan) =>
        measureCpu(
          () =>
            page.evaluate(
              async ([fps, sc]) => {
                const el = /** @type {HTMLInputElement} */ (document.getElementById('shotscale-bench-input'));
                const file = el.files?.[0];
                if (!file) throw new Error('no file in the bench input');
                return window.shotscale.benchDecode(file, fps, sc);
              },
              /** @type {const} */ ([SAMPLE_FPS, scan]),
            ),
          browserCpu,
        );
      const { result: r, cpuMs, wallMs } = await run(false);
      decodeOnly[clip.name] = r.framesPerSec;
      decodeOnlyCpu[clip.name] = { cpuMs, wallMs };
      const scanned = await run(true);
      decodeScan[clip.name] = { framesPerSec: scanned.result.framesPerSec, frames: scanned.result.frames, cpuMs: scanned.cpuMs, wallMs: scanned.wallMs };
    }

    // 2b. Two decoders at once, each on one half of the samples (split in time, each starting at the
    // keyframe before its first sample), against one fresh decoder on all of them; decode only, then
    // with the CNN run on every batch (decode and CNN sharing the cores, as in the pipeline).
    /** @type {Record<string, { one: number, two: number, oneCnn: number, twoCnn: number }>} */
    const decodeSplit = {};
    for (const clip of quick ? [] : clips.slice(0, 3)) {
      log(`decode only, one decoder and two on halves: ${clip.name}…`);
      await page.locator('#shotscale-bench-input').setInputFiles(clip.path);
      decodeSplit[clip.name] = await page.evaluate(async (fps) => {
        const file = /** @type {HTMLInputElement} */ (document.getElementById('shotscale-bench-input')).files?.[0];
        if (!file) throw new Error('no file in the bench input');
        const api = window.shotscale;
        const one = await api.benchDecodeSplit(file, fps, 1);
        const two = await api.benchDecodeSplit(file, fps, 2);
        const oneCnn = await api.benchDecodeSplit(file, fps, 1, true);
        const twoCnn = await api.benchDecodeSplit(file, fps, 2, true);
        return { one: one.framesPerSec, two: two.framesPerSec, oneCnn: oneCnn.framesPerSec, twoCnn: twoCnn.framesPerSec };
      }, SAMPLE_FPS);
    }

    // 2c. The ways of making a cut signature's tiny picture, on the same frames.
    /** @type {Record<string, import('../../workers/decode/signatureBench').SignatureBench>} */
    const signatures = {};
    for (const clip of quick ? [] : clips.slice(0, 3)) {
      log(`cut signatures: ${clip.name}…`);
      await page.locator('#shotscale-bench-input').setInputFiles(clip.path);
      signatures[clip.name] = await page.evaluate(async (n) => {
        const file = /** @type {HTMLInputElement} */ (document.getElementById('shotscale-bench-input')).files?.[0];
        if (!file) throw new Error('no file in the bench input');
        return window.shotscale.benchSignatures(file, n);
      }, SIGNATURE_FRAMES);
    }

    // 3. Model only, batch 1 and batch 8.
    /** @type {Record<string, { framesPerSec: number, msPerBatch: number, backend: string, threads: number, batches: number, cpuMsPerFrame: number | null }>} */
    const model = {};
    for (const [size, batches] of Object.entries(MODEL_BATCHES)) {
      log(`model only: batch ${size} × ${batches}…`);
      // CPU time per frame over the whole call (its untimed warm-up batch included).
      const { result: r, cpuMs } = await measureCpu(() => page.evaluate(([b, s]) => window.shotscale.benchModel(b, s), [batches, Number(size)]), browserCpu);
      model[size] = { ...r, batches, cpuMsPerFrame: cpuMs == null ? null : cpuMs / ((batches + 1) * Number(size)) };
    }

    // 3b. Another model (--variant-model, e.g. an int8 copy of the default), added through the
    // app's model picker: the pipeline on the generated clips and model only.
    let variantModel = null;
    if (variantModelFiles && !quick) {
      await addUserModel(page, variantModelFiles);
      const info = await page.evaluate(() => window.shotscale.model());
      const variantKey = `${info.card.id}@${info.card.version}`;
      variantModel = variantKey;
      /** @param {string} key */
      const pick = (key) => async () => {
        await page.locator(`[data-testid=model-option][data-key="${key}"] input`).check();
        await page.evaluate(() => window.shotscale.model());
      };
      log(`model only, ${variantModel}: batch 8 × ${MODEL_BATCHES[8]}…`);
      variantModelOnly.model = await page.evaluate(([b, sz]) => window.shotscale.benchModel(b, sz), [MODEL_BATCHES[8], 8]);
      await pick('default')();
      await runVariant('model', `with ${variantModel}`, pick(variantKey), pick('default'));
    }

    // 4. Outside the browser, same run: the native peer and ffmpeg's full decode (the floor).
    /** @type {Record<string, { nativeFps: number, nativeSec: number, nativeCpuMs: number | null, decodeFloorSec: number, floorFrames: number, floorCpuMs: number | null }>} */
    const native = {};
    const cardPath = join(ROOT, 'public', 'models', 'default.card.json');
    log(`native model only: batch 8 × ${MODEL_BATCHES[8]}…`);
    const nativeModel = await nativeModelOnly(cardPath, MODEL_BATCHES[8], 8);
    for (const clip of clips) {
      log(`native peer and decode floor: ${clip.name}…`);
      const [width, height] = clip.resolution.split('x').map(Number);
      // CPU time of this process (onnxruntime-node) and of ffmpeg, each run from start to end.
      const { result: peer, cpuMs: nativeCpuMs } = await measureCpu(() => nativePeer(clip.path, { width, height }, cardPath, SAMPLE_FPS), ownCpu);
      const { result: floor, cpuMs: floorCpuMs } = await measureCpu(() => decodeFloor(clip.path), ownCpu);
      native[clip.name] = { nativeFps: peer.nativeFps, nativeSec: peer.nativeSec, nativeCpuMs, decodeFloorSec: floor.decodeFloorSec, floorFrames: floor.frames, floorCpuMs };
    }

    const model8 = model['8'].framesPerSec;
    const rows = clips.map((clip) => {
      const w = whole[clip.name];
      const n = native[clip.name];
      const slowest = Math.min(decodeOnly[clip.name], model8);
      const perSample = Object.fromEntries(Object.entries(w.stageMs).map(([k, ms]) => [k, w.samples ? ms / w.samples : null]));
      const d = decodeOnlyCpu[clip.name];
      const perSampleOf = (/** @type {number | null} */ ms) => (ms == null || !w.samples ? null : ms / w.samples);
      return {
        clip: clip.name,
        resolution: clip.resolution,
        codec: clip.codec,
        samples: w.samples,
        status: w.status,
        pipelineFps: w.progressFps,
        pipelineWallFps: w.wallFps,
        pipelineWallSec: w.wallSec,
        decodeOnlyFps: decodeOnly[clip.name],
        modelOnlyFps: model8,
        modelOnlyFpsBatch8: model8,
        nativeFps: n.nativeFps,
        nativeSec: n.nativeSec,
        decodeFloorSec: n.decodeFloorSec,
        decodeFloorFramesPerSec: n.floorFrames / n.decodeFloorSec,
        appOverSlowestStage: w.progressFps / slowest,
        appOverNative: w.progressFps / n.nativeFps,
        appWallOverNative: w.wallFps / n.nativeFps,
        wholeOverModel: w.progressFps / model8,
        wallSecWithoutCuts: noCutsWallSec[clip.name] ?? null,
        cutDetectionCost: noCutsWallSec[clip.name] ? baseSec('cuts', clip.name) / noCutsWallSec[clip.name] : null,
        wallSecWithoutOverlap: serialWallSec[clip.name] ?? null,
        overlapSpeedup: serialWallSec[clip.name] ? serialWallSec[clip.name] / baseSec('overlap', clip.name) : null,
        wallSecWithoutVisionGate: ungatedWallSec[clip.name] ?? null,
        visionGateSpeedup: ungatedWallSec[clip.name] ? ungatedWallSec[clip.name] / baseSec('gate', clip.name) : null,
        visionSkipped: w.visionSkipped,
        // Issue 24: the share of frames the cut scan left undecoded, and the pipeline decoding every frame against it.
        skippedShare: w.skippedShare,
        wallSecWithoutSkipping: variantWallSec.skip[clip.name] ?? null,
        skippingSpeedup: variantWallSec.skip[clip.name] ? variantWallSec.skip[clip.name] / baseSec('skip', clip.name) : null,
        pipelineFpsWithoutSkipping: variantFps.skip[clip.name] ?? null,
        appWithoutSkippingOverNative: variantFps.skip[clip.name] ? variantFps.skip[clip.name] / n.nativeFps : null,
        appWithoutSkippingWallOverNative: variantWallSec.skip[clip.name] ? w.samples / variantWallSec.skip[clip.name] / n.nativeFps : null,
        // The pipeline as it is, wall time, in the two runs around the one decoding every frame (the fair comparison with it).
        appBaseWallOverNative: variantWallSec.skip[clip.name] ? w.samples / baseSec('skip', clip.name) / n.nativeFps : null,
        otherThreads,
        wallSecOtherThreads: variantWallSec.threads[clip.name] ?? null,
        otherThreadsSpeedup: variantWallSec.threads[clip.name] ? baseSec('threads', clip.name) / variantWallSec.threads[clip.name] : null,
        pipelineFpsOtherThreads: variantFps.threads[clip.name] ?? null,
        variantModel,
        wallSecVariantModel: variantWallSec.model?.[clip.name] ?? null,
        variantModelSpeedup: variantWallSec.model?.[clip.name] ? baseSec('model', clip.name) / variantWallSec.model[clip.name] : null,
        pipelineFpsVariantModel: variantFps.model?.[clip.name] ?? null,
        decodeOneFreshFps: decodeSplit[clip.name]?.one ?? null,
        decodeTwoHalvesFps: decodeSplit[clip.name]?.two ?? null,
        twoDecodersSpeedup: decodeSplit[clip.name] ? decodeSplit[clip.name].two / decodeSplit[clip.name].one : null,
        decodeCnnOneFps: decodeSplit[clip.name]?.oneCnn ?? null,
        decodeCnnTwoHalvesFps: decodeSplit[clip.name]?.twoCnn ?? null,
        twoDecodersWithCnnSpeedup: decodeSplit[clip.name] ? decodeSplit[clip.name].twoCnn / decodeSplit[clip.name].oneCnn : null,
        signatureMsPerFrame: signatures[clip.name] ?? null,
        stageMs: w.stageMs,
        stageMsPerSample: perSample,
        peakMainThreadHeapMB: w.peakHeapMB,
        // CPU time in core-ms per sample (all of Chromium's processes; the native peer's own process
        // and its ffmpeg), and the cores each kept busy on average (CPU time ÷ wall time).
        pipelineCpuMsPerSample: perSampleOf(w.cpuMs),
        pipelineCores: w.cpuMs == null ? null : w.cpuMs / (w.wallSec * 1000),
        decodeOnlyCpuMsPerSample: perSampleOf(d.cpuMs),
        decodeOnlyCores: d.cpuMs == null ? null : d.cpuMs / d.wallMs,
        // Every frame decoded and scanned for cuts (the app's decode stage), no CNN or face/pose.
        decodeScanFps: decodeScan[clip.name].framesPerSec,
        decodeScanCpuMsPerSample: perSampleOf(decodeScan[clip.name].cpuMs),
        decodeScanCores: decodeScan[clip.name].cpuMs == null ? null : /** @type {number} */ (decodeScan[clip.name].cpuMs) / decodeScan[clip.name].wallMs,
        appOverDecodeScan: w.progressFps / decodeScan[clip.name].framesPerSec,
        decodeScanFramesPerSec: decodeScan[clip.name].frames == null ? null : /** @type {number} */ (decodeScan[clip.name].frames) / (decodeScan[clip.name].wallMs / 1000),
        modelOnlyCpuMsPerFrame: model['8'].cpuMsPerFrame,
        nativeCpuMsPerSample: perSampleOf(n.nativeCpuMs),
        nativeCores: n.nativeCpuMs == null ? null : n.nativeCpuMs / (n.nativeSec * 1000),
        decodeFloorCpuMsPerSample: perSampleOf(n.floorCpuMs),
        decodeFloorCores: n.floorCpuMs == null ? null : n.floorCpuMs / (n.decodeFloorSec * 1000),
        // The pipeline's CPU time without cut detection, without face/pose (variants above, same clip).
        pipelineCpuMsPerSampleWithoutCuts: perSampleOf(variantCpuMs.cuts[clip.name] ?? null),
        pipelineCpuMsPerSampleWithoutVision: perSampleOf(variantCpuMs.vision[clip.name] ?? null),
        wallSecWithoutVision: variantWallSec.vision[clip.name] ?? null,
        visionCost: variantWallSec.vision[clip.name] ? baseSec('vision', clip.name) / variantWallSec.vision[clip.name] : null,
        nativeModelOnlyFps: nativeModel.framesPerSec,
        nativeModelOnlyCpuMsPerFrame: nativeModel.cpuMsPerFrame,
        // The fastest the app's work could go if it kept every core busy: cores ÷ CPU time per sample.
        pipelineCpuBoundFps: w.cpuMs == null ? null : (cpus().length * 1000) / (w.cpuMs / w.samples),
      };
    });

    const header = ['clip', 'resolution', 'codec', 'samples', 'pipeline f/s', 'pipeline f/s (wall)', 'decode-only f/s', 'model-only f/s (b8)', 'native f/s', 'ffmpeg full decode s', 'app/slowest stage', 'app/native', 'with/without cuts', 'without/with overlap', 'without/with gate', 'vision skipped', 'peak main-thread heap MB'];
    console.log(
      table([
        header,
        ...rows.map((r) => [
          r.clip,
          r.resolution,
          r.codec,
          String(r.samples) + (r.status === 'done' ? '' : ` (${r.status})`),
          fmt(r.pipelineFps),
          fmt(r.pipelineWallFps),
          fmt(r.decodeOnlyFps),
          fmt(r.modelOnlyFpsBatch8),
          fmt(r.nativeFps),
          fmt(r.decodeFloorSec, 2),
          fmt(r.appOverSlowestStage, 2),
          fmt(r.appOverNative, 2),
          fmt(r.cutDetectionCost, 2),
          fmt(r.overlapSpeedup, 2),
          fmt(r.visionGateSpeedup, 2),
          String(r.visionSkipped),
          fmt(r.peakMainThreadHeapMB),
        ]),
      ]),
    );
    console.log('');
    console.log('time per sample by stage (ms; the stages overlap, so they add up to more than the wall time):');
    const stages = ['decode', 'cuts', 'render', 'cnn', 'vision', 'fusion', 'storage', 'decodeWait'];
    console.log(table([['clip', '', '', ...stages], ...rows.map((r) => [r.clip, '', '', ...stages.map((k) => fmt(r.stageMsPerSample[k]))])]));
    console.log('');
    console.log(`CPU time per sample (core-ms; in brackets the cores kept busy on average = CPU time ÷ wall time; ${cpus().length} cores here). "app if every core were busy" = ${cpus().length} × 1000 ÷ the app's core-ms per sample:`);
    console.log(
      table([
        ['clip', '', '', 'app pipeline', 'without cuts', 'without face/pose', 'decode only', 'decode + cut scan', 'CNN only (per frame, b8)', 'native CNN only', 'native peer', 'ffmpeg full decode', 'app if every core were busy f/s', 'app f/s (wall)'],
        ...rows.map((r) => [
          r.clip,
          '',
          '',
          `${fmt(r.pipelineCpuMsPerSample, 0)} (${fmt(r.pipelineCores, 2)})`,
          fmt(r.pipelineCpuMsPerSampleWithoutCuts, 0),
          fmt(r.pipelineCpuMsPerSampleWithoutVision, 0),
          `${fmt(r.decodeOnlyCpuMsPerSample, 0)} (${fmt(r.decodeOnlyCores, 2)})`,
          `${fmt(r.decodeScanCpuMsPerSample, 0)} (${fmt(r.decodeScanCores, 2)})`,
          fmt(r.modelOnlyCpuMsPerFrame, 0),
          fmt(r.nativeModelOnlyCpuMsPerFrame, 0),
          `${fmt(r.nativeCpuMsPerSample, 0)} (${fmt(r.nativeCores, 2)})`,
          `${fmt(r.decodeFloorCpuMsPerSample, 0)} (${fmt(r.decodeFloorCores, 2)})`,
          fmt(r.pipelineCpuBoundFps),
          fmt(r.pipelineWallFps),
        ]),
      ]),
    );
    console.log('decoders, frames per second: the browser\'s cut scan (every frame decoded, or left out where no other frame needs it, and scanned for cuts; no CNN) against ffmpeg decoding every frame and nothing else; samples per second of the app\'s two decode paths:');
    console.log(
      table([
        ['clip', '', '', 'browser cut scan', 'ffmpeg, every frame', 'ratio', 'decode + cut scan samples/s', 'decode only (sparse) samples/s', 'app ÷ decode + cut scan'],
        ...rows.map((r) => [r.clip, '', '', fmt(r.decodeScanFramesPerSec, 0), fmt(r.decodeFloorFramesPerSec, 0), fmt(r.decodeScanFramesPerSec == null ? null : r.decodeScanFramesPerSec / r.decodeFloorFramesPerSec, 2), fmt(r.decodeScanFps), fmt(r.decodeOnlyFps), fmt(r.appOverDecodeScan, 2)]),
      ]),
    );
    console.log('');
    console.log('leaving out the frames no other frame needs (issue 24): the pipeline as it is (skipping) and decoding every frame, each against the native peer; wall time without ÷ with, between two runs as it is:');
    console.log(
      table([
        ['clip', 'resolution', 'codec', 'frames left undecoded', 'app f/s, skipping', 'app f/s, every frame', 'native f/s', 'app ÷ native, skipping (wall, runs around the other)', 'app ÷ native, every frame (wall)', 'every frame ÷ skipping (wall)'],
        ...rows.map((r) => [r.clip, r.resolution, r.codec, `${fmt(100 * r.skippedShare, 0)} %`, fmt(r.pipelineFps), fmt(r.pipelineFpsWithoutSkipping), fmt(r.nativeFps), `${fmt(r.appOverNative, 2)} (${fmt(r.appBaseWallOverNative ?? r.appWallOverNative, 2)})`, `${fmt(r.appWithoutSkippingOverNative, 2)} (${fmt(r.appWithoutSkippingWallOverNative, 2)})`, fmt(r.skippingSpeedup, 2)]),
      ]),
    );
    console.log('');
    const gen = rows.slice(0, 3);
    if (!quick) console.log(`levers (generated clips; wall time of the pipeline as it is ÷ changed, so > 1 means the change is faster; decode only for the decoders):`);
    if (!quick) console.log(
      table([
        ['clip', '', '', 'face/pose (with ÷ without)', `CNN ${otherThreads} thread(s) vs ${defaultThreads}`, variantModel ? `model ${variantModel}` : 'other model', 'two decoders on halves vs one', 'the same, each batch through the CNN'],
        ...gen.map((r) => [
          r.clip,
          '',
          '',
          fmt(r.visionCost, 2),
          fmt(r.otherThreadsSpeedup, 2),
          fmt(r.variantModelSpeedup, 2),
          `${fmt(r.twoDecodersSpeedup, 2)} (${fmt(r.decodeTwoHalvesFps)} vs ${fmt(r.decodeOneFreshFps)} f/s)`,
          `${fmt(r.twoDecodersWithCnnSpeedup, 2)} (${fmt(r.decodeCnnTwoHalvesFps)} vs ${fmt(r.decodeCnnOneFps)} f/s)`,
        ]),
      ]),
    );
    if (variantModelOnly.threads) console.log(`model-only on ${otherThreads} thread(s): batch 8 ${fmt(variantModelOnly.threads.framesPerSec)} f/s (${fmt(variantModelOnly.threads.msPerBatch)} ms/batch)`);
    if (variantModelOnly.model) console.log(`model-only, ${variantModel}: batch 8 ${fmt(variantModelOnly.model.framesPerSec)} f/s (${fmt(variantModelOnly.model.msPerBatch)} ms/batch)`);
    console.log('');
    if (!quick) console.log(`cut signature's ${SIGNATURE_WIDTH_NOTE} picture, ms per frame (first ${SIGNATURE_FRAMES} frames): whole frame's planes copied + taps (the app), the copy alone, only the tapped rows copied + taps, canvas draw + read, createImageBitmap resize + read`);
    if (!quick) console.log(
      table([
        ['clip', 'format', '', 'planes', 'copy only', 'rows', 'rows max diff', 'canvas', 'bitmap'],
        ...gen.map((r) => {
          const g = r.signatureMsPerFrame;
          return [r.clip, g?.format ?? '–', '', fmt(g?.planesMs, 2), fmt(g?.copyOnlyMs, 2), fmt(g?.rowsMs, 2), String(g?.rowsMaxDiff ?? '–'), fmt(g?.canvasMs, 2), fmt(g?.bitmapMs, 2)];
        }),
      ]),
    );
    console.log('');
    for (const hd of rows.filter((r) => r.resolution === '1920x1080')) {
      const filmSamples = TWO_HOURS_SEC * SAMPLE_FPS;
      const clipSec = seconds;
      const appMin = filmSamples / hd.pipelineFps / 60;
      const everyFrameMin = hd.pipelineFpsWithoutSkipping ? filmSamples / hd.pipelineFpsWithoutSkipping / 60 : null;
      const nativeMin = filmSamples / hd.nativeFps / 60;
      const floorMin = (hd.decodeFloorSec * TWO_HOURS_SEC) / clipSec / 60;
      console.log(`two-hour 1080p film here, from ${hd.clip}: app ${fmt(appMin, 0)} min (${fmt(everyFrameMin, 0)} decoding every frame), native peer ${fmt(nativeMin, 0)} min, ffmpeg decoding every frame and nothing else (the floor) ${fmt(floorMin, 0)} min`);
    }
    console.log(`model-only: batch 1 ${fmt(model['1'].framesPerSec)} f/s (${fmt(model['1'].msPerBatch)} ms/batch), batch 8 ${fmt(model['8'].framesPerSec)} f/s (${fmt(model['8'].msPerBatch)} ms/batch)`);
    console.log(`backend ${env.backend}${env.backend === 'wasm' ? `, ${env.threads} thread${env.threads === 1 ? '' : 's'}` : ''}; model ${env.model}; Chromium ${env.chromium}; ${env.cpus} CPUs (navigator.hardwareConcurrency ${env.hardwareConcurrency}); cross-origin isolated: ${env.crossOriginIsolated}`);
    console.log('"decode only" = the app\'s decode loop on its sparse path (cut detection off: frames after the last sample of a keyframe interval are not decoded); "decode + cut scan" = every frame decoded and scanned for cuts, as in the app; "app/slowest stage" = pipeline f/s ÷ the slower of decode only and model only; "app/native" = pipeline f/s ÷ the native peer (ffmpeg decoding and letterboxing the same samples, piped into onnxruntime-node running the same ONNX at batch 8 on all cores)');
    console.log('"with/without cuts" = wall time of the whole pipeline with cut detection (every frame decoded once, signature, detector, shot samples) ÷ without it; "without/with overlap" = wall time with the stages in turn ÷ overlapped; "without/with gate" = wall time with face/pose on every frame where it can matter ÷ gated (skipped on frames of a shot already seen empty: "vision skipped" frames); same run');
    console.log(`sampling ${SAMPLE_FPS} frame/s of video; "pipeline f/s" = film progress.fps (timed from decode open), "(wall)" = samples / wall time from file input to idle(); heap = performance.memory.usedJSHeapSize of the main thread only (workers excluded), sampled every 250 ms${heapAvailable ? '' : ' — not available here'}`);

    if (values.json) {
      const out = resolve(values.json);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify({ env, seconds, clips: rows, modelOnly: model, variantModelOnly, nativeModelOnly: nativeModel }, null, 2) + '\n');
      log(`wrote ${out}`);
    }
    return 0;
  } finally {
    await app.close();
  }
});
