#!/usr/bin/env node
// npm run adapt:eval -- --probs <probs.csv> --labels <labels.csv> [--k 10,25] [--seeds 50] [--film-size N] [--shift α] [--lambda 2]
//
// Measures "Apply to the rest of this film" (src/shared/adapt.ts) on a labelled set: for each
// seed, a "film" of --film-size items is drawn (default: the whole set), k of its items are the
// reviewer's corrections (the first k the reviewer meets: a random draw), the head is fitted on
// them, and accuracy on the film's other items is compared with the model's own answer (no
// adaptation). With --shift α, each film's class proportions are drawn from a symmetric
// Dirichlet(α) first (small α: films dominated by a few scales, as real films are), then its items
// from those classes: a label-shift simulation, since a set of stills has no films. probs.csv: `path,<class>…` (one column per
// class, e.g. training/tools/cnn_oof.py's out-of-fold probabilities); labels.csv: `path,label` with the
// label one of those classes. The last line of stdout is one JSON object with the figures.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCsv } from '../cli/csv.mjs';
import { loadAppModules } from './ssr-modules.mjs';

const USAGE = 'usage: npm run adapt:eval -- --probs <probs.csv> --labels <labels.csv> [--k 10,25] [--seeds 50] [--film-size N] [--shift α] [--lambda 2]';

/**
 * A Gamma(shape, 1) draw (Marsaglia–Tsang; shape < 1 boosted).
 * @param {number} shape @param {() => number} rand
 * @returns {number}
 */
function gamma(shape, rand) {
  if (shape < 1) return gamma(shape + 1, rand) * rand() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x;
    let v;
    do {
      // Box–Muller normal.
      x = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

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
    shift: { type: 'string' },
    lambda: { type: 'string', default: '2' },
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

const loaded = await loadAppModules(['/src/shared/adapt.ts']);
try {
  const adapt = /** @type {typeof import('../../src/shared/adapt')} */ (loaded.mods[0]);
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
      // The film: filmSize items drawn with this seed (the whole set when filmSize = n), or, with
      // --shift, items drawn class by class from Dirichlet(α) proportions.
      const rand = adapt.seededRandom(1000 + seed);
      /** @type {number[]} */
      let film;
      if (values.shift) {
        const alpha = Number(values.shift);
        const g = classes.map(() => gamma(alpha, rand));
        const total = g.reduce((a, b) => a + b, 0);
        const pools = classes.map((_, c) => labels.flatMap((y, i) => (y === c ? [i] : [])));
        film = [];
        for (let n = 0; n < filmSize; n++) {
          let u = rand() * total;
          let c = 0;
          while (c < g.length - 1 && u >= g[c]) u -= g[c++];
          const pool = pools[c].length ? pools[c] : labels.map((_, i) => i);
          film.push(pool[Math.floor(rand() * pool.length)]);
        }
      } else {
        const order = probs.map((_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
        film = order.slice(0, filmSize);
      }
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
  console.log(JSON.stringify({ n: probs.length, skipped, classes, filmSize, shift: values.shift ? Number(values.shift) : null, seeds, lambda, results }));
} finally {
  await loaded.close();
}
