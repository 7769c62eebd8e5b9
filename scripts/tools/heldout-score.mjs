#!/usr/bin/env node
// node scripts/tools/heldout-score.mjs --features <file.jsonl>... [--group dir|source] [--apart id,id] [--param name=value]...
//                                      [--temperature T] [--json <out.json>] [--verbose]
//
// Scores the app's fused answer (src/shared/frameFusion.ts: fuseFrame, the function the app itself
// runs) on labelled frames measured once by scripts/tools/geometry-features.mjs, per SOURCE (a film:
// the first folder of each frame's path, or with --group source the CSV's source column), so a
// lever (a fusion number, another face or pose network dumped into another features file, a
// temperature) is measured on every source in seconds without the browser. Prints per source: n
// (frames with a subject; NA-labelled frames apart), exact, within one step, five-class, ECE of the
// top code, its floor (the median ECE that perfectly calibrated confidences would show on as many frames:
// on a handful of frames ECE is large by chance alone), and "review": the share of the wrong frames that fall in the least sure 20 % (the order
// the review bar's N key walks); then the mean over sources (the headline) and the pooled figures.
// --apart (or --animation): sources reported but left out of the mean and the pooled figures (animation,
// face crops: not live-action film framing).
// --param: a fusion number (geometryWeight or a GeometryCalibration field), e.g. geometryWeight=0.6.
// --temperature: the confidence scored is the fused probabilities raised to 1/T, renormalised
// (T > 1 softens, T < 1 sharpens); the answer itself is unchanged. Default: the app's own
// (src/shared/confidence.ts, CONFIDENCE_TEMPERATURE), so ECE and review are those of the confidence
// the app shows; --temperature 1 scores the fused probabilities as they are.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runMain, UsageError } from '../cli/headless-app.mjs';
import { readFeatures } from './geometry-common.mjs';
import { groupFigures } from './heldout-figures.mjs';
import { loadAppModules } from './ssr-modules.mjs';

const USAGE = 'usage: node scripts/tools/heldout-score.mjs --features <file.jsonl>... [--group dir|source] [--apart id,id] [--param name=value]... [--temperature T] [--json <out.json>] [--verbose]';
/** @param {number} x */
const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(6);

runMain(async () => {
  const { values } = parseArgs({
    options: {
      features: { type: 'string', multiple: true },
      group: { type: 'string', default: 'dir' },
      param: { type: 'string', multiple: true },
      temperature: { type: 'string' },
      apart: { type: 'string', default: '' },
      animation: { type: 'string', default: '' },
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.features?.length) throw new UsageError(USAGE);
  if (!['dir', 'source'].includes(values.group)) throw new UsageError('--group must be dir or source');
  if (values.temperature !== undefined && !(Number(values.temperature) > 0)) throw new UsageError('--temperature must be a positive number');
  const frames = readFeatures(values.features).filter((f) => f.label);
  if (!frames.length) throw new UsageError('no labelled frames in the features files');

  const { mods, close } = await loadAppModules(['/src/shared/frameFusion.ts', '/src/shared/calibrate.ts', '/src/shared/scoring.ts', '/src/shared/taxonomy.ts', '/src/shared/confidence.ts', '/src/shared/random.ts']);
  try {
    const [fusion, calibrate, scoring, taxonomy, confidence, random] = mods;
    const temperature = values.temperature === undefined ? confidence.CONFIDENCE_TEMPERATURE : Number(values.temperature);
    let params = fusion.FUSION_PARAMS;
    for (const p of values.param ?? []) {
      const [name, value] = p.split('=');
      if (!name || value === undefined || !Number.isFinite(Number(value))) throw new UsageError(`--param wants name=number (got ${p})`);
      if (name !== 'geometryWeight' && !(name in params.geometry)) throw new UsageError(`--param: no fusion number ${name}`);
      params = calibrate.withParam(params, name, Number(value));
    }
    /** @type {Map<string, any[]>} */
    const groups = new Map();
    for (const f of frames) {
      const a = fusion.fuseFrame(f.classes, f, params);
      const accepted = taxonomy.parseLabel(f.label);
      const probs = confidence.sharpened(a.probs, temperature);
      const scored = {
        path: f.path, label: f.label, pred: a.label, why: a.why,
        correct: scoring.isCorrect(a.label, accepted), withinOne: scoring.isWithinOne(a.label, accepted),
        confidence: Math.max(...probs),
        probs: probs.map((v) => Number(v.toFixed(5))), cnnProbs: f.modelProbs, geometryConfidence: a.geometry?.confidence ?? 0,
      };
      const key = values.group === 'dir' ? String(f.path).split('/')[0] : (f.source ?? '');
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)?.push(scored);
      if (values.verbose && !scored.correct) console.error(`${f.path}: ${f.label} → ${a.label} (${Math.round(100 * scored.confidence)}%) ${a.why}`);
    }
    const bySource = Object.fromEntries([...groups].map(([k, g]) => [k, groupFigures(g, random.mulberry32)]));
    const animation = new Set(`${values.apart},${values.animation}`.split(',').filter(Boolean));
    const sources = Object.entries(bySource).filter(([k, g]) => g.n > 0 && !animation.has(k)).map(([, g]) => g);
    const mean = (/** @type {string} */ k) => sources.reduce((s, g) => s + g[k], 0) / (sources.length || 1);
    const meanOver = { sources: sources.length, exact: mean('exact'), withinOne: mean('withinOne'), fiveClass: mean('fiveClass'), ece: mean('ece'), eceFloor: mean('eceFloor'), review: mean('review') };
    const pooled = groupFigures([...groups].filter(([k]) => !animation.has(k)).flatMap(([, g]) => g), random.mulberry32);
    console.log(`${'source'.padEnd(14)}     n   exact  within  5-class   ECE  floor  review   NA right`);
    for (const [k, g] of Object.entries(bySource)) {
      console.log(`${k.padEnd(14)} ${String(g.n).padStart(5)}  ${pct(g.exact)}  ${pct(g.withinOne)}  ${pct(g.fiveClass)}  ${g.ece.toFixed(3)}  ${g.eceFloor.toFixed(3)}  ${pct(g.review)}   ${g.naRight}/${g.naN}`);
    }
    if (animation.size) console.log(`(${[...animation].join(', ')}: reported apart, not in the mean or the pooled figures)`);
    console.log(`${'mean of sources'.padEnd(14)} ${String(sources.length).padStart(5)}  ${pct(meanOver.exact)}  ${pct(meanOver.withinOne)}  ${pct(meanOver.fiveClass)}  ${meanOver.ece.toFixed(3)}  ${meanOver.eceFloor.toFixed(3)}  ${pct(meanOver.review)}`);
    console.log(`${'pooled'.padEnd(14)} ${String(pooled.n).padStart(5)}  ${pct(pooled.exact)}  ${pct(pooled.withinOne)}  ${pct(pooled.fiveClass)}  ${pooled.ece.toFixed(3)}  ${pooled.eceFloor.toFixed(3)}  ${pct(pooled.review)}   ${pooled.naRight}/${pooled.naN}`);
    const out = { params, temperature, meanOfSources: meanOver, pooled, bySource };
    if (values.json) writeFileSync(values.json, JSON.stringify({ ...out, predictions: Object.fromEntries(groups) }, null, 1));
    console.log(JSON.stringify(out));
    return 0;
  } finally {
    await close();
  }
});
