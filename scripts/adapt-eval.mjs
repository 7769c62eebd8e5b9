#!/usr/bin/env node
// npm run adapt:eval -- --probs <probs.csv> --labels <labels.csv> [--k 10,25] [--seeds 50] [--film-size N] [--lambda 0.05]
//
// Measures "Apply to the rest of this film" (src/shared/adapt.ts) on a labelled set: for each
// seed, a "film" of --film-size items is drawn (default: the whole set), k of its items are the
// reviewer's corrections, the head is fitted on them, and accuracy on the film's other items is
// compared with the model's own answer (no adaptation). probs.csv: `path,<class>…` (one column per
// class, e.g. scripts/cnn-oof.py's out-of-fold probabilities); labels.csv: `path,label` with the
// label one of those classes. The last line of stdout is one JSON object with the figures.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import { parseCsv } from './csv.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const USAGE = 'usage: npm run adapt:eval -- --probs <probs.csv> --labels <labels.csv> [--k 10,25] [--seeds 50] [--film-size N] [--lambda 0.05]';

/** @param {string} file */
function table(file) {
  const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
  return { header: rows[0].map((h) => h.trim()), rows: rows.slice(1) };
}

const { values } = parseArgs({
  options: {
    probs: { type: 'string' },
    labels: { type: 'string' },
    k: { type: 'string', default: '10,25' },
    seeds: { type: 'string', default: '50' },
    'film-size': { type: 'string' },
    lambda: { type: 'string', default: '0.05' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.probs || !values.labels) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const probsTable = table(values.probs);
const classes = probsTable.header.slice(1);
const byPath = new Map(probsTable.rows.map((r) => [r[0], r.slice(1).map(Number)]));
const labelsTable = table(values.labels);
const pi = labelsTable.header.indexOf('path');
const li = labelsTable.header.indexOf('label');
/** @type {number[][]} */
const probs = [];
/** @type {number[]} */
const labels = [];
let skipped = 0;
for (const r of labelsTable.rows) {
  const p = byPath.get(r[pi]);
  const y = classes.indexOf(r[li]);
  if (!p || y < 0) skipped++;
  else {
    probs.push(p);
    labels.push(y);
  }
}
if (probs.length === 0) throw new Error(`no labelled item has probabilities (classes ${classes.join(', ')})`);

const server = await createServer({
  root: ROOT, configFile: false, logLevel: 'error', appType: 'custom',
  server: { middlewareMode: true, hmr: false, watch: null }, optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  const adapt = /** @type {typeof import('../src/shared/adapt')} */ (await server.ssrLoadModule('/src/shared/adapt.ts'));
  const seeds = Number(values.seeds);
  const filmSize = Math.min(probs.length, Number(values['film-size'] ?? probs.length));
  const lambda = Number(values.lambda);
  const results = [];
  for (const k of values.k.split(',').map(Number)) {
    let before = 0;
    let after = 0;
    let better = 0;
    let worse = 0;
    const deltas = [];
    for (let seed = 1; seed <= seeds; seed++) {
      // The film: filmSize items drawn with this seed (the whole set when filmSize = n).
      const rand = adapt.seededRandom(1000 + seed);
      const order = probs.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const film = order.slice(0, filmSize);
      const r = adapt.simulateReview(film.map((i) => probs[i]), film.map((i) => labels[i]), k, seed, { lambda });
      before += r.before / seeds;
      after += r.after / seeds;
      deltas.push(r.after - r.before);
      if (r.after > r.before) better++;
      if (r.after < r.before) worse++;
    }
    const sd = Math.sqrt(deltas.reduce((a, d) => a + (d - (after - before)) ** 2, 0) / Math.max(1, deltas.length - 1));
    results.push({ corrections: k, rest: filmSize - k, accuracyNoAdaptation: +before.toFixed(4), accuracyAdapted: +after.toFixed(4), delta: +(after - before).toFixed(4), deltaSd: +sd.toFixed(4), seedsBetter: better, seedsWorse: worse });
    console.error(`k=${k}: on the other ${filmSize - k} items, ${(100 * before).toFixed(1)}% without adaptation → ${(100 * after).toFixed(1)}% adapted (Δ ${(100 * (after - before)).toFixed(1)} ± ${(100 * sd).toFixed(1)} points; better in ${better}, worse in ${worse} of ${seeds} draws)`);
  }
  console.log(JSON.stringify({ n: probs.length, skipped, classes, filmSize, seeds, lambda, results }));
} finally {
  await server.close();
}
