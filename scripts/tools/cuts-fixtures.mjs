#!/usr/bin/env node
// node scripts/tools/cuts-fixtures.mjs --work <dir> [--clips ../shared/data/clips] [--only name,name]
//
// Builds the edits the cut detector is measured on (scripts/tools/cuts-eval.mjs) with ffmpeg: excerpts of
// the Tears of Steel clips (when --clips holds them) and of ffmpeg's generated sources, joined with
// hard cuts, xfade dissolves and wipes, and fades through black at frames chosen here, plus
// negatives (flashes, fast camera moves, a dark shape passing the lens) that hold no boundary.
// Writes <name>.mp4 and <name>.json (ground truth) per edit under --work; nothing of it belongs in git.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The by-eye annotation of the clips' own boundaries (frame numbers only). */
export const CLIP_TRUTH_PATH = fileURLToPath(new URL('./cuts-truth-tears-of-steel.json', import.meta.url));
const CLIP_FILES = { a: 'tears-of-steel-a-640x360.mp4', b: 'tears-of-steel-b-640x360.mp4' };
const WIDTH_PX = 640;
const HEIGHT_PX = 360;
/** Canvas a camera move crops from (2.5× the frame). */
const PAN_WIDTH_PX = 1600;
const PAN_HEIGHT_PX = 900;

/** ffmpeg's generated sources (lavfi), `{fps}` filled in per edit; all deterministic (ffmpeg 5.1's `gradients` is not, even seeded). */
const GENERATED = {
  testsrc2: 'testsrc2=s=640x360:r={fps}',
  mandelbrot: 'mandelbrot=s=640x360:r={fps}',
  life: 'life=s=320x180:r={fps}:seed=5:mold=10:ratio=0.1:death_color=#203060:life_color=#e0c040,scale=640:360:flags=neighbor',
  cellauto: 'cellauto=s=640x360:r={fps}:rule=110:seed=3',
  gradients: "color=c=black:s=320x180:r={fps},format=gbrp,geq=r='128+90*sin(X/60+T*0.7)':g='128+90*sin(Y/45-T*0.5)':b='128+80*sin((X+Y)/80+T*0.4)',scale=640:360",
  bars: 'smptehdbars=s=640x360:r={fps}',
  plasma: "color=c=black:s=320x180:r={fps},format=gbrp,geq=r='128+120*sin(hypot(X-160-90*sin(T*1.3),Y-90-40*cos(T))/14)':g='128+110*sin(X/23+T*2)':b='128+100*cos(Y/17-T*1.7)',scale=640:360",
  mandelbrotHue: 'mandelbrot=s=640x360:r={fps}:start_scale=1.5:end_scale=0.05:outer=normalized_iteration_count,hue=h=140',
  mandelbrotBig: 'mandelbrot=s=1600x900:r={fps}:start_scale=2:end_scale=0.3',
};

/**
 * @typedef {{ kind: 'flash', at: number, frames: number[] }
 *   | { kind: 'occluder', at: number, frames: number, widthPx: number, light?: boolean }
 *   | { kind: 'pan', at: number, frames: number, toX: number, toY: number, blur?: boolean }
 *   | { kind: 'zoom', at: number, frames: number, toZoom: number }} Effect
 * `flash.frames`: brightness boost (−1…1) of each frame from `at`. `pan`: the crop window of the
 * 2.5× canvas moves from where it is to (toX, toY) px in `frames` frames, with motion blur if `blur`.
 * @typedef {{ src: string, from: number, len: number, fx?: Effect[] }} Segment  frames [from, from+len) of src
 * @typedef {{ kind: 'cut' }
 *   | { kind: 'dissolve' | 'wipeleft' | 'wiperight' | 'wipeup' | 'wipedown' | 'fadeblack', frames: number }
 *   | { kind: 'fade', outFrames: number, blackFrames: number, inFrames: number }} Join
 * `fade`: the outgoing shot fades to black in outFrames (0: cut to black), blackFrames of black, then
 * the next shot fades in over inFrames (0: cut from black).
 * @typedef {{ name: string, set: 'tune' | 'test' | 'fresh' | 'foreign', fps?: number, segments: Segment[], joins: Join[] }} EditSpec
 * @typedef {{ kind: string, startFrame: number, endFrame: number, shotStartFrame: number }} TruthTransition
 * @typedef {{ kind: string, startFrame: number, endFrame: number }} Span
 * @typedef {{ name: string, set: 'tune' | 'test' | 'fresh' | 'foreign', source: string, file: string, fps: number, frames: number,
 *   transitions: TruthTransition[], optional: Span[], events: Span[] }} Truth
 */

const flash = (at) => ({ kind: 'flash', at, frames: [0.5] });
const flash2 = (at) => ({ kind: 'flash', at, frames: [0.45, 0.45] });
const flashDecay = (at) => ({ kind: 'flash', at, frames: [0.6, 0.35, 0.15] });
const cut = { kind: 'cut' };
const dis = (frames) => ({ kind: 'dissolve', frames });
const fade = (outFrames, blackFrames, inFrames) => ({ kind: 'fade', outFrames, blackFrames, inFrames });

/** Edits from the clips: those from clip a tune the detector, those with clip b test it. */
const CLIP_EDITS = /** @type {EditSpec[]} */ ([
  {
    name: 'a-cuts', set: 'tune',
    segments: [
      { src: 'a', from: 22, len: 30 }, { src: 'a', from: 160, len: 40 }, { src: 'a', from: 85, len: 36 },
      { src: 'a', from: 262, len: 40 }, { src: 'a', from: 0, len: 20 }, { src: 'a', from: 60, len: 45 },
      { src: 'a', from: 200, len: 44 }, { src: 'a', from: 24, len: 14 }, { src: 'a', from: 120, len: 32 },
      { src: 'a', from: 300, len: 39 }, { src: 'a', from: 30, len: 40 },
    ],
    joins: Array(10).fill(cut),
  },
  {
    name: 'a-dissolves', set: 'tune',
    segments: [
      { src: 'a', from: 22, len: 50 }, { src: 'a', from: 160, len: 90 }, { src: 'a', from: 85, len: 66 },
      { src: 'a', from: 215, len: 120 }, { src: 'a', from: 20, len: 60 }, { src: 'a', from: 160, len: 60 },
    ],
    joins: [dis(12), dis(48), dis(6), dis(36), dis(24)],
  },
  {
    name: 'a-fades', set: 'tune',
    segments: [
      { src: 'a', from: 22, len: 55 }, { src: 'a', from: 160, len: 70 }, { src: 'a', from: 85, len: 65 },
      { src: 'a', from: 240, len: 80 }, { src: 'a', from: 22, len: 56 }, { src: 'a', from: 90, len: 60 },
      { src: 'a', from: 180, len: 60 },
    ],
    joins: [fade(12, 6, 12), fade(24, 0, 24), fade(0, 12, 18), fade(18, 10, 0), { kind: 'fadeblack', frames: 24 }, fade(8, 0, 8)],
  },
  {
    name: 'a-wipes', set: 'tune',
    segments: [
      { src: 'a', from: 22, len: 55 }, { src: 'a', from: 160, len: 70 }, { src: 'a', from: 85, len: 65 },
      { src: 'a', from: 250, len: 80 },
    ],
    joins: [{ kind: 'wipeleft', frames: 12 }, { kind: 'wipeup', frames: 18 }, { kind: 'wiperight', frames: 8 }],
  },
  { name: 'a-flash', set: 'tune', segments: [{ src: 'a', from: 153, len: 186, fx: [flash(30), flash2(75), flashDecay(130), flash(170)] }], joins: [] },
  {
    name: 'a-occluder', set: 'tune',
    segments: [{ src: 'a', from: 153, len: 186, fx: [{ kind: 'occluder', at: 40, frames: 10, widthPx: 420 }, { kind: 'occluder', at: 120, frames: 8, widthPx: 560 }] }],
    joins: [],
  },
  {
    name: 'a-pan', set: 'tune',
    segments: [{
      src: 'a', from: 153, len: 186,
      fx: [
        { kind: 'pan', at: 30, frames: 8, toX: 960, toY: 300 },
        { kind: 'pan', at: 80, frames: 12, toX: 0, toY: 200, blur: true },
        { kind: 'pan', at: 130, frames: 10, toX: 700, toY: 540 },
      ],
    }],
    joins: [],
  },
  {
    name: 'a-zoom', set: 'tune',
    segments: [{ src: 'a', from: 81, len: 72, fx: [{ kind: 'zoom', at: 12, frames: 10, toZoom: 2.5 }, { kind: 'zoom', at: 45, frames: 8, toZoom: 1 }] }],
    joins: [],
  },
  {
    name: 'b-cuts', set: 'test',
    segments: [
      { src: 'b', from: 5, len: 40 }, { src: 'b', from: 85, len: 40 }, { src: 'b', from: 40, len: 40 },
      { src: 'a', from: 240, len: 30 }, { src: 'b', from: 60, len: 50 }, { src: 'a', from: 100, len: 40 },
      { src: 'b', from: 90, len: 40 }, { src: 'a', from: 170, len: 30 }, { src: 'b', from: 10, len: 16 },
      { src: 'a', from: 30, len: 45 }, { src: 'b', from: 100, len: 34 }, { src: 'b', from: 50, len: 30 },
      { src: 'a', from: 160, len: 30 },
    ],
    joins: Array(12).fill(cut),
  },
  {
    name: 'ab-dissolves', set: 'test',
    segments: [
      { src: 'b', from: 0, len: 60 }, { src: 'b', from: 81, len: 53 }, { src: 'a', from: 160, len: 80 },
      { src: 'b', from: 10, len: 70 }, { src: 'a', from: 215, len: 110 }, { src: 'b', from: 85, len: 49 },
      { src: 'a', from: 85, len: 60 },
    ],
    joins: [dis(12), dis(24), dis(8), dis(36), dis(18), dis(30)],
  },
  {
    name: 'ab-fades', set: 'test',
    segments: [
      { src: 'b', from: 0, len: 70 }, { src: 'b', from: 81, len: 53 }, { src: 'a', from: 160, len: 80 },
      { src: 'b', from: 10, len: 70 }, { src: 'a', from: 25, len: 55 }, { src: 'b', from: 85, len: 49 },
    ],
    joins: [fade(16, 8, 16), fade(0, 8, 24), fade(30, 4, 30), fade(12, 12, 0), { kind: 'fadeblack', frames: 18 }],
  },
  {
    name: 'ab-wipes', set: 'test',
    segments: [{ src: 'b', from: 0, len: 70 }, { src: 'a', from: 90, len: 60 }, { src: 'b', from: 81, len: 53 }, { src: 'a', from: 160, len: 80 }],
    joins: [{ kind: 'wiperight', frames: 14 }, { kind: 'wipedown', frames: 10 }, { kind: 'wipeleft', frames: 20 }],
  },
  { name: 'b-flash', set: 'test', segments: [{ src: 'b', from: 0, len: 81, fx: [flash(15), flashDecay(40), flash2(62)] }], joins: [] },
  {
    name: 'b-occluder', set: 'test',
    segments: [{ src: 'b', from: 0, len: 81, fx: [{ kind: 'occluder', at: 12, frames: 12, widthPx: 480 }, { kind: 'occluder', at: 50, frames: 9, widthPx: 600 }] }],
    joins: [],
  },
  {
    name: 'b-pan', set: 'test',
    segments: [{
      src: 'b', from: 0, len: 81,
      fx: [{ kind: 'pan', at: 10, frames: 9, toX: 900, toY: 100 }, { kind: 'pan', at: 45, frames: 10, toX: 100, toY: 500, blur: true }],
    }],
    joins: [],
  },
  {
    name: 'ab-occluder-zoom', set: 'test',
    segments: [{
      src: 'a', from: 81, len: 72,
      fx: [{ kind: 'occluder', at: 8, frames: 10, widthPx: 500 }, { kind: 'zoom', at: 35, frames: 9, toZoom: 2.2 }, flash(60)],
    }],
    joins: [],
  },
  {
    name: 'fresh-mixed-25fps', set: 'fresh', fps: 25,
    segments: [
      { src: 'b', from: 3, len: 50 }, { src: 'a', from: 95, len: 50 }, { src: 'a', from: 165, len: 60 },
      { src: 'b', from: 88, len: 44 }, { src: 'a', from: 26, len: 50 }, { src: 'b', from: 20, len: 55 },
      { src: 'a', from: 250, len: 80 }, { src: 'b', from: 84, len: 48 }, { src: 'a', from: 2, len: 16 },
      { src: 'a', from: 88, len: 60 }, { src: 'b', from: 30, len: 50 },
    ],
    joins: [dis(10), cut, fade(10, 4, 10), dis(20), fade(0, 12, 0), { kind: 'wipeleft', frames: 16 }, dis(40), cut, cut, fade(20, 0, 14)],
  },
  {
    name: 'fresh-negatives', set: 'fresh',
    segments: [
      {
        src: 'a', from: 153, len: 186,
        fx: [{ kind: 'occluder', at: 20, frames: 16, widthPx: 520 }, { kind: 'occluder', at: 60, frames: 6, widthPx: 380 },
          { kind: 'occluder', at: 100, frames: 10, widthPx: 480, light: true }, { kind: 'flash', at: 140, frames: [0.7, 0.7] },
          { kind: 'flash', at: 165, frames: [0.3, 0.5, 0.5, 0.3] }],
      },
      { src: 'b', from: 0, len: 80, fx: [{ kind: 'pan', at: 5, frames: 40, toX: 960, toY: 200 }, { kind: 'pan', at: 55, frames: 6, toX: 200, toY: 0, blur: true }] },
      { src: 'a', from: 85, len: 66, fx: [{ kind: 'zoom', at: 10, frames: 24, toZoom: 2 }, { kind: 'zoom', at: 45, frames: 5, toZoom: 1.2 }] },
    ],
    joins: [cut, cut],
  },
]);

/** Edits from generated sources (used whether or not the clips are there). */
const GENERATED_EDITS = /** @type {EditSpec[]} */ ([
  {
    name: 'gen-cuts', set: 'tune',
    segments: [
      { src: 'testsrc2', from: 0, len: 40 }, { src: 'mandelbrot', from: 0, len: 36 }, { src: 'life', from: 30, len: 40 },
      { src: 'cellauto', from: 50, len: 30 }, { src: 'gradients', from: 0, len: 45 }, { src: 'plasma', from: 0, len: 40 },
      { src: 'mandelbrotHue', from: 20, len: 30 }, { src: 'bars', from: 0, len: 24 }, { src: 'testsrc2', from: 60, len: 30 },
      { src: 'gradients', from: 100, len: 40 },
    ],
    joins: Array(9).fill(cut),
  },
  {
    name: 'gen-dissolves', set: 'tune',
    segments: [
      { src: 'testsrc2', from: 0, len: 60 }, { src: 'mandelbrot', from: 0, len: 80 }, { src: 'plasma', from: 10, len: 70 },
      { src: 'mandelbrotHue', from: 0, len: 90 }, { src: 'gradients', from: 0, len: 70 }, { src: 'cellauto', from: 40, len: 60 },
    ],
    joins: [dis(12), dis(36), dis(8), dis(48), dis(20)],
  },
  {
    name: 'gen-fades', set: 'tune',
    segments: [
      { src: 'testsrc2', from: 0, len: 60 }, { src: 'mandelbrotHue', from: 0, len: 70 }, { src: 'plasma', from: 10, len: 70 },
      { src: 'life', from: 40, len: 60 }, { src: 'gradients', from: 0, len: 60 },
    ],
    joins: [fade(12, 6, 12), fade(24, 0, 24), fade(0, 10, 16), fade(16, 8, 0)],
  },
  {
    name: 'gen-wipes', set: 'tune',
    segments: [{ src: 'mandelbrot', from: 0, len: 60 }, { src: 'testsrc2', from: 10, len: 60 }, { src: 'plasma', from: 0, len: 60 }],
    joins: [{ kind: 'wipeleft', frames: 12 }, { kind: 'wipedown', frames: 16 }],
  },
  {
    name: 'gen-negatives', set: 'tune',
    segments: [
      { src: 'testsrc2', from: 0, len: 70, fx: [flash(20), flashDecay(45)] },
      { src: 'gradients', from: 0, len: 70, fx: [{ kind: 'occluder', at: 20, frames: 10, widthPx: 460 }] },
      { src: 'mandelbrotBig', from: 0, len: 80, fx: [{ kind: 'pan', at: 20, frames: 9, toX: 900, toY: 400 }, { kind: 'pan', at: 50, frames: 10, toX: 100, toY: 100, blur: true }] },
      { src: 'plasma', from: 0, len: 60, fx: [{ kind: 'zoom', at: 20, frames: 8, toZoom: 2.5 }] },
    ],
    joins: [cut, cut, cut],
  },
  {
    name: 'gen-mixed-30fps', set: 'test', fps: 30,
    segments: [
      { src: 'plasma', from: 0, len: 60 }, { src: 'mandelbrotHue', from: 0, len: 75 }, { src: 'testsrc2', from: 0, len: 80, fx: [flash(40)] },
      { src: 'gradients', from: 30, len: 80 }, { src: 'life', from: 10, len: 70 }, { src: 'mandelbrot', from: 0, len: 90 },
      { src: 'cellauto', from: 0, len: 60 },
    ],
    joins: [cut, dis(30), fade(15, 6, 15), cut, dis(45), { kind: 'wipeleft', frames: 15 }],
  },
  {
    name: 'fresh-gen-25fps', set: 'fresh', fps: 25,
    segments: [
      { src: 'mandelbrot', from: 5, len: 60, fx: [flash(30)] }, { src: 'gradients', from: 0, len: 70 },
      { src: 'testsrc2', from: 20, len: 70, fx: [{ kind: 'occluder', at: 30, frames: 10, widthPx: 500 }] },
      { src: 'plasma', from: 30, len: 60 }, { src: 'cellauto', from: 0, len: 60 }, { src: 'mandelbrotHue', from: 40, len: 70 },
      { src: 'bars', from: 0, len: 40, fx: [flashDecay(15)] },
    ],
    joins: [dis(16), cut, fade(12, 10, 12), dis(24), { kind: 'wipeup', frames: 12 }, cut],
  },
]);

/**
 * The by-eye truth of the clips.
 * @returns {{ clips: Record<string, { frames: number, cuts: number[], optional: Span[] }> }}
 */
export function readClipTruth() {
  return JSON.parse(readFileSync(CLIP_TRUTH_PATH, 'utf8'));
}

/**
 * The ffmpeg expression of a value held at `from`, moved linearly to `to` over frames [at, at+k], then held.
 * @param {string} v variable (n, in)
 */
function ramp(v, at, k, from, to) {
  return `if(lt(${v},${at}),${from},if(gt(${v},${at + k}),${to},${from}+(${to - from})*(${v}-${at})/${k}))`;
}

/**
 * Filters of one segment: trim, camera moves, flashes, fades; and the extra source chains it needs.
 * @param {Segment} seg
 * @param {{ fadeIn: number, fadeOut: number, fps: number, label: string, input: string }} o
 * @returns {string[]} filtergraph chains
 */
function segmentChains(seg, o) {
  const f = [`trim=start_frame=${seg.from}:end_frame=${seg.from + seg.len}`, `settb=1/${o.fps}`, 'setpts=N'];
  const pans = (seg.fx ?? []).filter((e) => e.kind === 'pan');
  const zooms = (seg.fx ?? []).filter((e) => e.kind === 'zoom');
  if (pans.length) {
    f.push(`scale=${PAN_WIDTH_PX}:${PAN_HEIGHT_PX}`);
    let x = '0', y = '0', px = 0, py = 0;
    for (const p of pans) {
      x = `if(lt(n,${p.at}),${x},${ramp('n', p.at, p.frames, px, p.toX)})`;
      y = `if(lt(n,${p.at}),${y},${ramp('n', p.at, p.frames, py, p.toY)})`;
      px = p.toX;
      py = p.toY;
    }
    f.push(`crop=${WIDTH_PX}:${HEIGHT_PX}:x='${x}':y='${y}'`);
    for (const p of pans) if (p.blur) f.push(`avgblur=sizeX=24:sizeY=4:enable='between(n,${p.at + 1},${p.at + p.frames - 1})'`);
  } else if (zooms.length) {
    let z = '1', pz = 1;
    for (const e of zooms) {
      z = `if(lt(in,${e.at}),${z},${ramp('in', e.at, e.frames, pz, e.toZoom)})`;
      pz = e.toZoom;
    }
    f.push(`zoompan=z='${z}':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=1:s=${WIDTH_PX}x${HEIGHT_PX}:fps=${o.fps}`);
  } else {
    f.push(`scale=${WIDTH_PX}:${HEIGHT_PX}`);
  }
  f.push('setsar=1', 'format=yuv420p');
  for (const e of seg.fx ?? []) {
    if (e.kind !== 'flash') continue;
    e.frames.forEach((b, i) => f.push(`eq=brightness=${b}:contrast=1.15:enable='eq(n,${e.at + i})'`));
  }
  if (o.fadeOut > 0) f.push(`fade=t=out:start_frame=${seg.len - o.fadeOut}:nb_frames=${o.fadeOut}`);
  if (o.fadeIn > 0) f.push(`fade=t=in:start_frame=0:nb_frames=${o.fadeIn}`);
  const occluders = (seg.fx ?? []).filter((e) => e.kind === 'occluder');
  if (!occluders.length) return [`[${o.input}]${f.join(',')}[${o.label}]`];
  const chains = [`[${o.input}]${f.join(',')}[${o.label}_0]`];
  occluders.forEach((e, i) => {
    const w = e.widthPx, h = Math.round(HEIGHT_PX * 1.6);
    chains.push(
      `color=c=black:s=${w}x${h}:r=${o.fps},format=gbrap,` +
        `geq=r='${e.light ? 225 : 12}':g='${e.light ? 220 : 10}':b='${e.light ? 210 : 8}':a='255*lte(hypot(2*X/W-1\\,2*Y/H-1)\\,1)',gblur=sigma=${Math.round(w / 12)}:planes=8[${o.label}_occ${i}]`,
      `[${o.label}_${i}][${o.label}_occ${i}]overlay=x='-${w}+(n-${e.at})*${(WIDTH_PX + w) / e.frames}':y=${-(h - HEIGHT_PX) / 2}:` +
        `enable='between(n,${e.at},${e.at + e.frames})':shortest=1,format=yuv420p[${i + 1 === occluders.length ? o.label : `${o.label}_${i + 1}`}]`,
    );
  });
  return chains;
}

/**
 * The ffmpeg arguments and ground truth of one edit.
 * @param {EditSpec} spec
 * @param {string | null} clipsDir
 * @param {ReturnType<typeof readClipTruth> | null} clipTruth
 * @param {Record<string, string>} [foreign] video files of other sources by id (segments name them as `src`)
 * @returns {{ args: string[], truth: Omit<Truth, 'file'> }}
 */
export function planEdit(spec, clipsDir, clipTruth, foreign = {}) {
  const fps = spec.fps ?? 24;
  /** @type {string[]} */
  const inputs = [];
  /** @type {Map<string, number>} */
  const inputIndex = new Map();
  const inputOf = (src) => {
    if (!inputIndex.has(src)) {
      inputIndex.set(src, inputIndex.size);
      if (src in foreign) {
        inputs.push('-r', String(fps), '-i', foreign[src]);
      } else if (src in CLIP_FILES) {
        if (!clipsDir) throw new Error(`${spec.name} needs the clips`);
        inputs.push('-r', String(fps), '-i', join(clipsDir, CLIP_FILES[/** @type {'a'|'b'} */ (src)]));
      } else {
        const gen = GENERATED[/** @type {keyof typeof GENERATED} */ (src)];
        if (!gen) throw new Error(`unknown source ${src}`);
        const frames = Math.max(...spec.segments.filter((g) => g.src === src).map((g) => g.from + g.len));
        inputs.push('-t', String((frames + 2) / fps), '-f', 'lavfi', '-i', gen.replaceAll('{fps}', String(fps)));
      }
    }
    return inputIndex.get(src);
  };
  const chains = [];
  spec.segments.forEach((seg, i) => {
    const before = spec.joins[i - 1];
    const after = spec.joins[i];
    chains.push(...segmentChains(seg, {
      fps,
      label: `s${i}`,
      input: `${inputOf(seg.src)}:v`,
      fadeIn: before?.kind === 'fade' ? before.inFrames : 0,
      fadeOut: after?.kind === 'fade' ? after.outFrames : 0,
    }));
  });
  /** @type {TruthTransition[]} */
  const transitions = [];
  /** @type {Span[]} */
  const optional = [];
  /** @type {Span[]} */
  const events = [];
  /** Edit frame of segment i's frame 0. */
  const segStart = [0];
  let cur = 's0';
  let curLen = spec.segments[0].len;
  spec.joins.forEach((join, i) => {
    const next = spec.segments[i + 1];
    const out = `c${i}`;
    if (join.kind === 'cut') {
      chains.push(`[${cur}][s${i + 1}]concat=n=2:v=1:a=0,settb=1/${fps}[${out}]`);
      transitions.push({ kind: 'cut', startFrame: curLen, endFrame: curLen, shotStartFrame: curLen });
      segStart.push(curLen);
      curLen += next.len;
    } else if (join.kind === 'fade') {
      const { outFrames, blackFrames, inFrames } = join;
      let mid = '';
      if (blackFrames > 0) {
        chains.push(`color=c=black:s=${WIDTH_PX}x${HEIGHT_PX}:r=${fps},trim=end_frame=${blackFrames},setsar=1,format=yuv420p[k${i}]`);
        mid = `[k${i}]`;
      }
      chains.push(`[${cur}]${mid}[s${i + 1}]concat=n=${blackFrames > 0 ? 3 : 2}:v=1:a=0,settb=1/${fps}[${out}]`);
      const b0 = curLen + blackFrames;
      const startFrame = outFrames > 0 ? curLen - outFrames + 1 : curLen;
      const endFrame = inFrames > 0 ? b0 + inFrames - 1 : b0 - 1;
      if (outFrames === 0 && inFrames === 0) {
        transitions.push({ kind: 'cut', startFrame: curLen, endFrame: curLen, shotStartFrame: curLen });
        transitions.push({ kind: 'cut', startFrame: b0, endFrame: b0, shotStartFrame: b0 });
      } else {
        const kind = outFrames > 0 && inFrames > 0 ? 'fade' : outFrames > 0 ? 'fade-out' : 'fade-in';
        transitions.push({ kind, startFrame, endFrame: Math.max(startFrame, endFrame), shotStartFrame: inFrames > 0 ? b0 + 1 : b0 });
      }
      segStart.push(b0);
      curLen = b0 + next.len;
    } else {
      const d = join.frames;
      const transition = join.kind === 'dissolve' ? 'fade' : join.kind;
      chains.push(`[${cur}][s${i + 1}]xfade=transition=${transition}:duration=${d / fps}:offset=${(curLen - d) / fps}[${out}]`);
      const startFrame = curLen - d + 1;
      const endFrame = curLen - 1;
      const kind = join.kind === 'dissolve' ? 'dissolve' : join.kind === 'fadeblack' ? 'fade' : 'wipe';
      transitions.push({ kind, startFrame, endFrame, shotStartFrame: startFrame + Math.floor((endFrame - startFrame + 1) / 2) });
      segStart.push(curLen - d);
      curLen += next.len - d;
    }
    cur = out;
  });
  for (const [i, seg] of spec.segments.entries()) {
    for (const e of seg.fx ?? []) {
      const len = e.kind === 'flash' ? e.frames.length : e.frames;
      events.push({ kind: e.kind, startFrame: segStart[i] + e.at, endFrame: segStart[i] + e.at + len });
    }
    const truth = clipTruth?.clips[CLIP_FILES[/** @type {'a'|'b'} */ (seg.src)]];
    if (!truth) continue;
    for (const c of truth.cuts) {
      if (c <= seg.from || c >= seg.from + seg.len) continue;
      if (c - seg.from < 8 || seg.from + seg.len - c < 8) throw new Error(`${spec.name}: segment ${i} has a real cut within 8 frames of its ends`);
      const f = segStart[i] + c - seg.from;
      transitions.push({ kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f });
    }
    for (const o of truth.optional) {
      if (o.endFrame < seg.from || o.startFrame >= seg.from + seg.len) continue;
      optional.push({ kind: o.kind, startFrame: segStart[i] + Math.max(0, o.startFrame - seg.from), endFrame: segStart[i] + Math.min(seg.len - 1, o.endFrame - seg.from) });
    }
  }
  transitions.sort((x, y) => x.startFrame - y.startFrame);
  const graph = chains.join(';');
  const args = ['-v', 'error', '-y', ...inputs, '-filter_complex', graph, '-map', `[${cur}]`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-pix_fmt', 'yuv420p', '-r', String(fps), '-an'];
  const source = spec.segments.some((s) => s.src in foreign) ? `foreign:${[...new Set(spec.segments.map((s) => s.src))].join('+')}` : spec.segments.every((s) => !(s.src in CLIP_FILES)) ? 'generated' : 'clips';
  return { args, truth: { name: spec.name, set: spec.set, source, fps, frames: curLen, transitions, optional, events } };
}

/**
 * Runs ffmpeg with `args`.
 * @param {string[]} args
 * @returns {Promise<void>}
 */
function ffmpeg(args) {
  return new Promise((ok, fail) => {
    const p = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', fail);
    p.on('close', (code) => (code === 0 ? ok() : fail(new Error(`ffmpeg exited ${code}: ${err.slice(-2000)}`))));
  });
}

/**
 * The edit specs to build: the generated ones always, the clip ones when clipsDir holds the clips.
 * @param {string | null} clipsDir
 */
export function editSpecs(clipsDir) {
  const haveClips = !!clipsDir && Object.values(CLIP_FILES).every((f) => existsSync(join(clipsDir, f)));
  return haveClips ? [...CLIP_EDITS, ...GENERATED_EDITS] : GENERATED_EDITS;
}

/**
 * ffmpeg's scene score and the timestamp of every frame, in presentation order (cuts-eval's peer;
 * cuts-foreign-plan's calm stretches, on frames first scaled to `o.width` pixels wide).
 * @param {string} file
 * @param {{ width?: number }} [o]
 * @returns {Promise<{ scores: number[], timesSec: number[] }>}
 */
export function sceneScores(file, o = {}) {
  return new Promise((ok, fail) => {
    const p = spawn('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-fps_mode', 'passthrough',
      '-vf', `${o.width ? `scale=${o.width}:-2,` : ''}select='gte(scene,0)',metadata=print:key=lavfi.scene_score:file=-`, '-f', 'null', '-'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', fail);
    p.on('close', (code) => {
      if (code !== 0) return fail(new Error(`ffmpeg scene score of ${file} exited ${code}: ${err.slice(-1000)}`));
      /** @type {number[]} */
      const scores = [];
      /** @type {number[]} */
      const timesSec = [];
      for (const line of out.split('\n')) {
        const f = /^frame:\s*(\d+)\s+pts:\s*\S+\s+pts_time:\s*(\S+)/.exec(line);
        if (f) {
          timesSec[Number(f[1])] = Number(f[2]);
          continue;
        }
        const s = /lavfi\.scene_score=([\d.]+)/.exec(line);
        if (s) scores[timesSec.length - 1] = Number(s[1]);
      }
      ok({ scores: Array.from(timesSec, (_, i) => scores[i] ?? 0), timesSec });
    });
  });
}

/** The edits of footage from other sources (segments by-eye checked to lie inside one shot; see cuts-foreign-plan.mjs). */
export const FOREIGN_EDITS_PATH = fileURLToPath(new URL('./cuts-foreign-edits.json', import.meta.url));

/**
 * The foreign edits whose every source is given (`foreign`: id → video file).
 * @param {Record<string, string>} foreign
 * @returns {EditSpec[]}
 */
export function foreignSpecs(foreign) {
  if (!Object.keys(foreign).length || !existsSync(FOREIGN_EDITS_PATH)) return [];
  const { edits } = JSON.parse(readFileSync(FOREIGN_EDITS_PATH, 'utf8'));
  return edits.filter((/** @type {EditSpec} */ e) => e.segments.every((g) => g.src in foreign));
}

/**
 * Builds (or reuses, when the truth file matches) every edit under workDir; returns their truths.
 * @param {{ workDir: string, clipsDir: string | null, only?: string[], foreign?: Record<string, string>, log?: (msg: string) => void }} o
 * @returns {Promise<Truth[]>}
 */
export async function buildFixtures(o) {
  mkdirSync(o.workDir, { recursive: true });
  const clipTruth = o.clipsDir ? readClipTruth() : null;
  /** @type {Truth[]} */
  const truths = [];
  const foreign = o.foreign ?? {};
  const specs = [...editSpecs(o.clipsDir), ...foreignSpecs(foreign)];
  for (const spec of specs) {
    if (o.only && !o.only.includes(spec.name)) continue;
    const { args, truth } = planEdit(spec, o.clipsDir, clipTruth, foreign);
    const file = join(o.workDir, `${spec.name}.mp4`);
    const truthFile = join(o.workDir, `${spec.name}.json`);
    const full = { ...truth, file };
    const stamp = JSON.stringify({ args, truth: full });
    const stampFile = join(o.workDir, `${spec.name}.args.json`);
    if (!(existsSync(file) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)) {
      o.log?.(`building ${spec.name} (${truth.frames} frames)`);
      await ffmpeg([...args, file]);
      writeFileSync(stampFile, stamp);
    }
    writeFileSync(truthFile, JSON.stringify(full, null, 1));
    truths.push(full);
  }
  return truths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { work: { type: 'string' }, clips: { type: 'string' }, only: { type: 'string' } } });
  if (!values.work) {
    console.error('usage: node scripts/tools/cuts-fixtures.mjs --work <dir> [--clips ../shared/data/clips] [--only name,name]');
    process.exit(2);
  }
  const truths = await buildFixtures({
    workDir: resolve(values.work),
    clipsDir: values.clips ? resolve(values.clips) : null,
    only: values.only?.split(','),
    log: (m) => console.error(m),
  });
  for (const t of truths) console.log(`${t.name}\t${t.set}\t${t.frames} frames\t${t.transitions.length} transitions\t${t.events.length} negative events`);
}
