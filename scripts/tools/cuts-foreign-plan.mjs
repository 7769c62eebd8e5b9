#!/usr/bin/env node
// node scripts/tools/cuts-foreign-plan.mjs --source id=<video>... [--mix id=<video>...] [--edits 2] [--sheets <dir>] [--out scripts/tools/cuts-foreign-edits.json]
//
// Plans edits of footage from other sources than the detector's tuning set (issue 21): finds calm
// stretches of the video (ffmpeg's scene score under 0.05, or 2.5× the film's median up to 0.12, on every frame for at least 2 s, so no
// cut, dissolve or flash inside as far as a generous detector can tell), takes a segment from the
// middle of each, spread over the film, and joins them in one fixed pattern of the transitions that
// films and trailers use: hard cuts, dissolves, two dissolves back to back, a fade through black, a
// cut into a fade-in, with a flash inside one shot that must not count. --sheets writes, per
// segment, its first, middle and last frame side by side, to check by eye that each lies in one shot
// before the edit is scored (drop or move a segment in the JSON where it does not). The edits are
// added to --out (replacing earlier ones of the same source); cuts-eval builds and scores them with
// `--foreign id=<video> --set foreign`. Segment frames count from the video's first frame at its own
// rate; the edit runs at 24 frames/s.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FOREIGN_EDITS_PATH, sceneScores } from './cuts-fixtures.mjs';

/** Frames are scored at this width (grain matters less, and it is quicker). */
const SCENE_WIDTH_PX = 320;
const CALM_SCORE = 0.05;
const CALM_TIMES_MEDIAN = 2.5;
const MAX_CALM_SCORE = 0.12;
/** Two calm stretches with no frame scoring this much between them are taken for one shot. */
const SAME_SHOT_SCORE = 0.3;
const MIN_CALM_FRAMES = 48;
/** Frames kept clear at each end of a calm stretch. */
const MARGIN_FRAMES = 8;
const SEGMENT_FRAMES = 36;
/** The segment between the two back-to-back dissolves. */
const SHORT_SEGMENT_FRAMES = 24;
/** Fewer calm stretches than this: no edit of that source. */
const MIN_SEGMENTS = 4;
const cut = { kind: 'cut' };
const dis = (frames) => ({ kind: 'dissolve', frames });
const fade = (outFrames, blackFrames, inFrames) => ({ kind: 'fade', outFrames, blackFrames, inFrames });
/** The joins of one edit (up to 9 segments; a short film gives fewer, and the first joins): segment 5 lies between two dissolves, segment 2 holds a flash. */
const PATTERN = [cut, dis(12), cut, fade(12, 6, 12), dis(10), dis(10), fade(0, 0, 16), cut];

/**
 * Calm stretches [from, to) of at least MIN_CALM_FRAMES frames.
 * @param {number[]} scores
 */
export function calmStretches(scores) {
  // Grain and camera shake lift every frame's score in old footage: calm is judged against the film's own median.
  const sorted = [...scores].sort((a, b) => a - b);
  const calm = Math.min(MAX_CALM_SCORE, Math.max(CALM_SCORE, CALM_TIMES_MEDIAN * (sorted[Math.floor(sorted.length / 2)] ?? 0)));
  const out = [];
  let start = 1;
  for (let f = 1; f <= scores.length; f++) {
    if (f === scores.length || scores[f] >= calm) {
      if (f - start >= MIN_CALM_FRAMES) {
        // Calm again after a stir no stronger than a cut's: the same shot, so one stretch (one segment of it at most).
        const prev = out[out.length - 1];
        if (prev && Math.max(...scores.slice(prev.to, start)) < SAME_SHOT_SCORE) prev.to = f;
        else out.push({ from: start, to: f });
      }
      start = f + 1;
    }
  }
  return out;
}

/**
 * `count` segments of `len` frames from stretches spread over the film (evenly by index).
 * @param {{ from: number, to: number }[]} stretches
 * @param {number[]} lens
 */
export function pickSegments(stretches, lens) {
  const usable = stretches.filter((s) => s.to - s.from - 2 * MARGIN_FRAMES >= Math.min(...lens));
  if (usable.length < lens.length) return null;
  const step = usable.length / lens.length;
  const taken = new Set();
  return lens.map((len, i) => {
    let k = Math.floor(i * step);
    while (taken.has(k) || usable[k].to - usable[k].from - 2 * MARGIN_FRAMES < len) k = (k + 1) % usable.length;
    taken.add(k);
    const s = usable[k];
    const from = Math.floor((s.from + s.to - len) / 2);
    return { from, len };
  });
}

/**
 * A segment's first, middle and last frame side by side.
 * @param {string} file
 * @param {{ from: number, len: number }} g
 * @param {string} out
 */
function sheet(file, g, out) {
  const pick = [g.from, g.from + Math.floor(g.len / 2), g.from + g.len - 1].map((f) => `eq(n\\,${f})`).join('+');
  spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', `select='${pick}',scale=320:-2,tile=3x1`, '-frames:v', '1', '-fps_mode', 'passthrough', out]);
}

/**
 * The id and video file of an `id=<video>` option value.
 * @param {string} spec
 * @param {string} flag
 */
function videoSpec(spec, flag) {
  const id = spec.slice(0, spec.indexOf('='));
  const file = resolve(spec.slice(spec.indexOf('=') + 1));
  if (!id || !existsSync(file)) throw new Error(`${flag} wants id=<existing video> (got ${spec})`);
  return { id, file };
}

async function main() {
  const { values } = parseArgs({ options: { source: { type: 'string', multiple: true }, mix: { type: 'string', multiple: true }, edits: { type: 'string', default: '2' }, sheets: { type: 'string' }, out: { type: 'string' } } });
  if (!values.source?.length && !values.mix?.length) {
    console.error('usage: node scripts/tools/cuts-foreign-plan.mjs --source id=<video>... [--mix id=<video>...] [--edits 2] [--sheets <dir>] [--out <edits.json>]');
    return 2;
  }
  const outFile = resolve(values.out ?? FOREIGN_EDITS_PATH);
  const doc = existsSync(outFile) ? JSON.parse(readFileSync(outFile, 'utf8')) : { note: 'Edits of footage from other sources (issue 21): segments inside one shot, checked by eye; built and scored by cuts-eval --foreign id=<video> --set foreign.', edits: [] };
  for (const spec of values.source ?? []) {
    const { id, file } = videoSpec(spec, '--source');
    const scores = (await sceneScores(file, { width: SCENE_WIDTH_PX })).scores;
    const stretches = calmStretches(scores);
    const edits = [];
    // Each edit takes its own stretches: the first edit the even ones, the second the odd ones, …
    const n = Number(values.edits);
    for (let e = 0; e < n; e++) {
      const mine = stretches.filter((_, i) => i % n === e);
      const count = Math.min(PATTERN.length + 1, mine.filter((x) => x.to - x.from - 2 * MARGIN_FRAMES >= SHORT_SEGMENT_FRAMES).length);
      if (count < MIN_SEGMENTS) break;
      const lens = Array.from({ length: count }, (_, i) => (i === 5 ? SHORT_SEGMENT_FRAMES : SEGMENT_FRAMES));
      const segs = pickSegments(mine, lens) ?? pickSegments(mine, lens.map(() => SHORT_SEGMENT_FRAMES));
      if (!segs) break;
      const segments = segs.map((s, i) => ({ src: id, ...s, ...(i === 2 ? { fx: [{ kind: 'flash', at: Math.floor(s.len / 2), frames: [0.5] }] } : {}) }));
      edits.push({ name: `foreign-${id}-${e + 1}`, set: 'foreign', segments, joins: PATTERN.slice(0, count - 1) });
    }
    console.error(`${id}: ${scores.length} frames, ${stretches.length} calm stretches, ${edits.length} edit(s)`);
    if (values.sheets) {
      mkdirSync(values.sheets, { recursive: true });
      for (const e of edits) {
        e.segments.forEach((g, i) => sheet(file, g, join(values.sheets, `${e.name}-seg${i}.png`)));
      }
    }
    doc.edits = doc.edits.filter((/** @type {any} */ x) => !x.segments.some((g) => g.src === id)).concat(edits);
  }
  // --mix: footage too short for an edit of its own goes into one edit with the others', in turn.
  if (values.mix?.length) {
    const pools = [];
    for (const spec of values.mix) {
      const { id, file } = videoSpec(spec, '--mix');
      const usable = calmStretches((await sceneScores(file, { width: SCENE_WIDTH_PX })).scores).filter((x) => x.to - x.from - 2 * MARGIN_FRAMES >= SEGMENT_FRAMES);
      pools.push({ id, file, usable });
    }
    const segments = [];
    for (let round = 0; segments.length < PATTERN.length + 1 && pools.some((p) => p.usable.length > round); round++) {
      for (const p of pools) {
        const x = p.usable[round];
        if (!x || segments.length >= PATTERN.length + 1) continue;
        const len = segments.length === 5 ? SHORT_SEGMENT_FRAMES : SEGMENT_FRAMES;
        segments.push({ src: p.id, from: Math.floor((x.from + x.to - len) / 2), len, file: p.file });
      }
    }
    if (segments.length >= MIN_SEGMENTS) {
      // Named after its sources; many clips would make a file name too long, so then after the first and how many more.
      const used = [...new Set(segments.map((g) => g.src))];
      const joined = `foreign-mixed-${used.join('-')}`;
      const name = joined.length <= 80 ? joined : `foreign-mixed-${used[0]}-and-${used.length - 1}-more`;
      const edit = { name, set: 'foreign', segments: segments.map(({ file, ...g }, i) => ({ ...g, ...(i === 2 ? { fx: [{ kind: 'flash', at: Math.floor(g.len / 2), frames: [0.5] }] } : {}) })), joins: PATTERN.slice(0, segments.length - 1) };
      if (values.sheets) {
        mkdirSync(values.sheets, { recursive: true });
        segments.forEach((g, i) => sheet(g.file, g, join(values.sheets, `${name}-seg${i}.png`)));
      }
      doc.edits = doc.edits.filter((/** @type {any} */ x) => x.name !== name).concat([edit]);
    }
    console.error(`mixed: ${segments.length} segments from ${pools.map((p) => `${p.id} (${p.usable.length})`).join(', ')}`);
  }
  writeFileSync(outFile, JSON.stringify(doc, null, 1) + '\n');
  console.error(`wrote ${doc.edits.length} edit(s) to ${outFile}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(await main());
