#!/usr/bin/env node
// node scripts/tools/calibrate-geometry.mjs --features <file.jsonl>... --out src/shared/geometry-calibration.json [--folds 5] [--seed 0] [--check <clips.jsonl>] [--backend …] [--no-build | --dist <dir>]
//
// Fits the fusion recipe's numbers (geometry boundaries that the labels can inform, robustness
// rules, geometry weight) on labelled frame features from scripts/tools/geometry-features.mjs, by
// coordinate ascent on the accuracy of the fused answer over a grid, with k-fold CV for an
// out-of-sample accuracy. The search runs inside the app page (window.shotscale.calibrate), so it
// scores the real subjectGeometry / fuseAll / fuseFrame (src/shared/calibrate.ts). The labels use
// the app's semantics (MEDIUM accepts MCU|MS|MLS). MCU|MS and MS|MLS are not in the grid: five-class
// labels cannot tell them apart, so they stay anatomical (elbows; mid-thigh).
// --cnn: a CSV `path,<class>…` of out-of-fold CNN probabilities for the fit set (e.g. from the
// training pipeline's cross-validation), used instead of the dumped ones: the default model was
// trained on dev-stills, so its own probabilities there are in-sample (94% vs 85% out-of-fold) and
// would teach the fusion to trust the CNN far more than it deserves on new frames.
// --only: fit only these numbers of the grid (the others stay as --start has them); --start: begin from
// the anatomical recipe (default) or from the recipe the app ships now (geometry-calibration.json).
// Examples with fine MS/MLS labels (anatomical crops) add msMls to the grid.
// --check: features of other frames (e.g. the clips) scored with the starting and fitted recipes,
// as a separate check — never used for fitting.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseCsv } from '../cli/csv.mjs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFeatures } from './geometry-common.mjs';
import { COMMON_OPTIONS, log, openApp, runMain, UsageError } from '../cli/headless-app.mjs';

const USAGE = 'usage: node scripts/tools/calibrate-geometry.mjs --features <file.jsonl>... --out <calibration.json> [--cnn <oof.csv>] [--fitted-on <name of the set>] [--only name,name] [--start anatomical|shipped] [--folds 5] [--seed 0] [--check <file.jsonl>] [--no-build | --dist <dir>]';

/**
 * Replaces the examples' CNN probabilities with those of a `path,<class>…` CSV. The CSV's classes
 * may differ from the dumped model's (e.g. out-of-fold probabilities of a 7-class candidate over
 * features dumped with the 5-class model): the examples then take the CSV's classes, since
 * faces, poses and the NA probability do not depend on the CNN.
 * @param {any[]} examples
 * @param {string} file
 */
function replaceCnn(examples, file) {
  if (!existsSync(file)) throw new UsageError(`--cnn file not found: ${file}`);
  const rows = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.some((f) => f.trim()));
  const header = rows.shift() ?? [];
  const byPath = new Map(rows.map((r) => [r[0], r.slice(1).map(Number)]));
  const csvClasses = header.slice(1).map((h) => h.trim());
  for (const ex of examples) {
    if (ex.classes.some((/** @type {string} */ c) => !csvClasses.includes(c))) {
      if (!examples.some((/** @type {any} */ e) => e.dumpedClasses)) log(`${file}: classes ${csvClasses.join(',')} replace the dumped ${ex.classes.join(',')}`);
      ex.dumpedClasses = ex.classes;
      ex.classes = csvClasses;
    }
    const cols = ex.classes.map((/** @type {string} */ c) => header.indexOf(c) - 1);
    if (cols.some((/** @type {number} */ c) => c < 0)) throw new UsageError(`${file}: header ${header.join(',')} lacks a model class (${ex.classes.join(',')})`);
    const p = byPath.get(ex.path);
    if (!p) throw new UsageError(`${file}: no row for ${ex.path}`);
    ex.inSampleProbs = ex.modelProbs;
    ex.modelProbs = cols.map((/** @type {number} */ c) => p[c]);
  }
  log(`CNN probabilities of ${examples.length} frames replaced from ${file}`);
}

/** The values tried for each number (the grid). */
const GRID = {
  ecuCu: [0.09, 0.11, 0.13, 0.15, 0.17],
  cuMcu: [0.2, 0.22, 0.25, 0.28, 0.31, 0.34],
  mlsLs: [0.76, 0.8, 0.84, 0.88, 0.92, 0.96],
  lsEls: [0.15, 0.2, 0.25, 0.3, 0.33, 0.4, 0.5],
  softness: [0.01, 0.02, 0.025, 0.03, 0.05, 0.08],
  minVisibility: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  lowerVisibility: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95],
  bottomMargin: [0, 0.02, 0.05, 0.08, 0.12],
  minScaleRatio: [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
  geometryWeight: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
};

/** The anatomical recipe the app shipped before any calibration (the default start, not an earlier fit). */
const ANATOMICAL_START = { geometry: { ecuCu: 0.13, cuMcu: 0.25, mcuMs: 0.4, msMls: 0.62, mlsLs: 0.86, lsEls: 0.33, softness: 0.025, minVisibility: 0.5, lowerVisibility: 0.5, bottomMargin: 0, minScaleRatio: 0 }, geometryWeight: 0.5 };

/** @param {number} x */
const pct = (x) => `${(100 * x).toFixed(1)}%`;

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      features: { type: 'string', multiple: true },
      check: { type: 'string', multiple: true },
      cnn: { type: 'string' },
      'fitted-on': { type: 'string', default: '' },
      only: { type: 'string' },
      start: { type: 'string', default: 'anatomical' },
      out: { type: 'string', short: 'o' },
      folds: { type: 'string', default: '5' },
      seed: { type: 'string', default: '0' },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length || !values.features?.length || !values.out) throw new UsageError(USAGE);
  const folds = Number(values.folds);
  const seed = Number(values.seed);
  if (!Number.isInteger(folds) || folds < 2) throw new UsageError('--folds must be an integer ≥ 2');
  const examples = readFeatures(values.features.map((f) => resolve(f)));
  const check = readFeatures((values.check ?? []).map((f) => resolve(f)));
  // MS | MLS can be fitted only when some examples have fine labels that tell them apart (e.g. the
  // anatomical crops of training/tools/anatomical_crops.py, labelled MS, MLS or LS by construction).
  const fine = examples.some((e) => /(^|\|)(MS|MLS)(\||$)/.test(String(e.label).toUpperCase()));
  let grid = fine ? { ...GRID, msMls: [0.56, 0.59, 0.62, 0.65, 0.68] } : GRID;
  if (fine) log('fine MS/MLS labels present: msMls is fitted too');
  if (values.only) {
    const keep = values.only.split(',').map((k) => k.trim()).filter(Boolean);
    const unknown = keep.filter((k) => !(k in grid));
    if (unknown.length) throw new UsageError(`--only: not in the grid: ${unknown.join(', ')} (grid: ${Object.keys(grid).join(', ')})`);
    grid = Object.fromEntries(keep.map((k) => [k, grid[k]]));
  }
  if (!['anatomical', 'shipped'].includes(values.start)) throw new UsageError('--start must be anatomical or shipped');
  // The anatomical recipe the app shipped before calibration, or (null) the recipe the page runs now.
  const start = values.start === 'shipped' ? null : ANATOMICAL_START;
  if (values.cnn) replaceCnn(examples, resolve(values.cnn));
  log(`${examples.length} labelled frames to fit on${check.length ? `, ${check.length} to check` : ''}`);

  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose });
  try {
    const t0 = Date.now();
    const result = await app.page.evaluate(
      ({ examples, check, grid, folds, seed, anatomical }) => {
        const api = window.shotscale;
        const start = anatomical ?? api.fusionParams();
        const report = api.calibrate(examples, grid, { folds, seed, start });
        /** @param {any} params */
        const score = (rows, params) => {
          const answers = api.fuseFeatures(rows, params);
          return { answers: answers.map((a) => ({ label: a.label, why: a.why, poseRan: a.poseRan, correct: a.correct })) };
        };
        const cnnOnly = { ...start, geometryWeight: 0 };
        return {
          report,
          stills: { fitted: score(examples, report.params), start: score(examples, start), cnnOnly: score(examples, cnnOnly) },
          check: { fitted: score(check, report.params), start: score(check, start) },
        };
      },
      { examples, check, grid, folds, seed, anatomical: start },
    );
    const sec = (Date.now() - t0) / 1000;
    const { report } = result;
    /** Accuracy (the page checked each answer against its label). @param {{ correct?: boolean }[]} answers @param {any[]} rows */
    const acc = (answers, rows) => answers.filter((a) => a.correct).length / (rows.length || 1);
    log(`fit in ${sec.toFixed(1)} s; start ${pct(report.startAccuracy)}, CV ${pct(report.cvAccuracy)} (folds ${report.foldAccuracy.map(pct).join(' ')}), in-sample ${pct(report.fitAccuracy)}`);
    log(`CNN alone on the fit set: ${pct(acc(result.stills.cnnOnly.answers, examples))}`);
    const poseRan = result.stills.fitted.answers.filter((a) => a.poseRan).length;
    log(`pose would run on ${poseRan}/${examples.length} fit frames`);
    const checkStart = check.length ? acc(result.check.start.answers, check) : null;
    const checkFitted = check.length ? acc(result.check.fitted.answers, check) : null;
    if (check.length) {
      log(`check set: start ${pct(checkStart)} → fitted ${pct(checkFitted)}; pose ran on ${result.check.fitted.answers.filter((a) => a.poseRan).length}/${check.length}`);
      check.forEach((c, i) => {
        const a = result.check.fitted.answers[i];
        log(`  ${c.clip ?? c.path} ${c.second ?? ''} accept ${c.label} → ${a.label}${a.correct ? '' : '  ✗'}  (${a.why})`);
      });
    }
    for (const [k, p] of report.foldParams.entries()) log(`fold ${k + 1}: ${JSON.stringify(p)}`);
    const fittedOn = [...new Set(examples.map((e) => e.set ?? 'features'))].join('+');
    const doc = {
      fittedOn: `${values['fitted-on'] || fittedOn}: features ${values.features.join(', ')} (${examples.length} frames; labels ${[...new Set(examples.map((e) => e.label))].sort().join(' ')}); scored on the fused 8-code answer with the app's label semantics (MEDIUM = MCU|MS|MLS)`,
      n: report.n,
      folds: report.folds,
      seed,
      cvAccuracy: report.cvAccuracy,
      foldAccuracy: report.foldAccuracy,
      startAccuracy: report.startAccuracy,
      fitAccuracy: report.fitAccuracy,
      cnnOnlyAccuracy: acc(result.stills.cnnOnly.answers, examples),
      cnnProbs: values.cnn ? `out-of-fold CNN probabilities from ${values.cnn} (the training pipeline's own 5-fold CV recipe), not the shipped model's in-sample ones` : 'the shipped model\'s own (in-sample if it was trained on this set)',
      check: check.length ? { n: check.length, startAccuracy: checkStart, fittedAccuracy: checkFitted, note: 'separate check, not used for fitting' } : undefined,
      notFitted: `the numbers outside the grid keep the ${values.start} recipe's values${fine ? '; mcuMs (elbows): no labels here tell MCU from MS' : '; mcuMs (elbows) and msMls (mid-thigh): five-class labels (MEDIUM = MCU|MS|MLS) cannot inform them'}`,
      params: report.params,
      foldParams: report.foldParams,
      grid,
      method: `coordinate ascent on fused accuracy over the grid from the ${values.start === 'shipped' ? 'shipped' : 'anatomical'} recipe (src/shared/calibrate.ts crossValidate), run in the app page`,
      command: `node scripts/tools/calibrate-geometry.mjs ${process.argv.slice(2).join(' ')}`,
      date: new Date().toISOString(),
    };
    const out = resolve(values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(doc, null, 2) + '\n');
    log(`wrote ${out}`);
    console.log(JSON.stringify({ n: report.n, cvAccuracy: report.cvAccuracy, checkAccuracy: checkFitted, params: report.params }));
    return 0;
  } finally {
    await app.close();
  }
});

