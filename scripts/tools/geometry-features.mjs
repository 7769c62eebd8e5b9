#!/usr/bin/env node
// node scripts/tools/geometry-features.mjs (--labels <file.csv> [--root <dir>] | --clips <dir>) --out <file.jsonl> [--face short|full] [--pose lite|full] [--model <card.json>] [--backend wasm|webgpu|auto] [--no-build | --dist <dir>] [--verbose]
//
// Dumps what the app's per-frame analysis measures before fusion — CNN softmax over the model's
// classes, NA probability, MediaPipe faces and poses — one JSON line per frame, for calibrating
// geometry and fusion (scripts/tools/calibrate-geometry.mjs) and for pseudo-labels. Pose runs on every
// non-blank frame here (not only where the app needs it); fuseFrame ignores it where the app
// would not have run it.
//   --labels: a `path,label` CSV of stills (as `npm run eval`); lines {set:"stills", path, label, …}
//   --clips: a folder with labels.csv (clip,second,accept[,note]); each clip is analysed through
//     the app's own film path at 1 frame/s (second t's frame at t + 0.5 s) and the measurements
//     are read back from IndexedDB; lines {set:"clips", clip, second, label: accept, note, …}
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCsv } from '../cli/csv.mjs';
import { compactFeatures, handFiles, readLabels } from './geometry-common.mjs';
import { COMMON_OPTIONS, log, openApp, runMain, UsageError, useVisionModels, VISION_MODEL_OPTIONS } from '../cli/headless-app.mjs';

const USAGE = 'usage: node scripts/tools/geometry-features.mjs (--labels <file.csv> [--root <dir>] | --clips <dir>) --out <file.jsonl> [--face short|full] [--pose lite|full] [--model <card.json>] [--backend wasm|webgpu|auto] [--no-build | --dist <dir>] [--verbose]';

/**
 * @param {import('@playwright/test').Page} page
 * @param {string} labelsFile
 * @param {string[]} classes
 */
async function stills(page, labelsFile, classes, root) {
  const { paths, rel, labels, sources } = readLabels(labelsFile, root);
  log(`${paths.length} labelled stills from ${labelsFile}`);
  await handFiles(page, paths, '__geoFiles');
  const t0 = Date.now();
  await page.exposeFunction('__geoProgress', (/** @type {number} */ d, /** @type {number} */ t) => {
    if (d % 256 < 8 || d === t) log(`measured ${d}/${t} (${(d / ((Date.now() - t0) / 1000)).toFixed(1)} images/s)`);
  });
  const features = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    return window.shotscale.stillFeatures(w.__geoFiles, { pose: 'always' }, (d, t) => void w.__geoProgress(d, t));
  });
  return features.map((f, i) => ({ set: 'stills', path: rel[i], label: labels[i], ...(sources?.[i] ? { source: sources[i] } : {}), classes, ...compactFeatures(f) }));
}

/**
 * @param {import('@playwright/test').Page} page
 * @param {string} dir
 * @param {string[]} classes
 */
async function clips(page, dir, classes) {
  const file = join(dir, 'labels.csv');
  if (!existsSync(file)) throw new UsageError(`no labels.csv in ${dir}`);
  const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).filter((r) => r.some((f) => f.trim()));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const [ci, si, ai, ni] = ['clip', 'second', 'accept', 'note'].map((h) => header.indexOf(h));
  if (ci < 0 || si < 0 || ai < 0) throw new UsageError(`${file}: needs the columns clip, second, accept`);
  const names = [...new Set(rows.map((r) => r[ci].trim()))];
  await page.getByTestId('rate').selectOption('1');
  await page.evaluate(() => window.shotscale.setPoseMode('always'));
  const out = [];
  for (const name of names) {
    const before = await page.evaluate(() => window.shotscale.films().map((f) => f.id));
    await page.getByTestId('file-input').setInputFiles([join(dir, name)]);
    await page.evaluate(() => window.shotscale.idle());
    const id = await page.evaluate((ids) => window.shotscale.films().find((f) => !ids.includes(f.id))?.id, before);
    if (!id) throw new Error(`${name}: not analysed`);
    const seconds = await page.evaluate((fid) => window.shotscale.filmFeatures(fid), id);
    log(`${name}: ${seconds.length} seconds measured`);
    for (const r of rows.filter((row) => row[ci].trim() === name)) {
      const second = Number(r[si]);
      const s = seconds.find((x) => x.index === second);
      if (!s) throw new Error(`${name}: no second ${second}`);
      out.push({ set: 'clips', clip: name, second, tSec: s.tSec, label: r[ai].trim(), note: ni >= 0 ? (r[ni] ?? '').trim() : '', classes, ...compactFeatures(s) });
    }
  }
  return out;
}

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      labels: { type: 'string' },
      root: { type: 'string' },
      clips: { type: 'string' },
      out: { type: 'string', short: 'o' },
      ...VISION_MODEL_OPTIONS,
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument(s): ${positionals.join(' ')}\n${USAGE}`);
  if (!values.out || (!values.labels && !values.clips)) throw new UsageError(USAGE);
  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose, model: values.model });
  try {
    await useVisionModels(app.page, values);
    const classes = app.model.card.classes;
    const lines = [];
    if (values.labels) lines.push(...(await stills(app.page, resolve(values.labels), classes, values.root ? resolve(values.root) : undefined)));
    if (values.clips) lines.push(...(await clips(app.page, resolve(values.clips), classes)));
    const out = resolve(values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    log(`wrote ${lines.length} frames to ${out}`);
    return 0;
  } finally {
    await app.close();
  }
});
