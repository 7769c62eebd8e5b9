#!/usr/bin/env node
// npm run eval -- --labels <file.csv> [--root <dir>] [--json <out.json>] [--model <card.json>] [--backend wasm|webgpu|auto] [--no-build | --dist <dir>] [--verbose]
//
// Classifies labelled stills with the app itself (decode worker → model → NA fusion, as for video
// frames) in headless Chromium and scores them with the app's scoring (src/shared/scoring.ts).
// labels.csv: header `path,label[,source]`; paths relative to --root (default: the CSV's folder); a
// label is a code (ECU CU MCU MS MLS LS ELS NA), an alias (MEDIUM, WS) or alternatives joined by `|`.
// The last line of stdout is one JSON object: {n, accuracy, withinOne, macroF1, perClass, confusion,
// coarseAccuracy, ece, bySource?, model}; bySource (per value of the `source` column) when the CSV
// has one; model: the card id of the model that classified them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabels } from './labels.mjs';
import { groupScore, scoresBySource } from './eval-breakdown.mjs';
import { COMMON_OPTIONS, log, openApp, runMain, UsageError } from './headless-app.mjs';

const USAGE = 'usage: npm run eval -- --labels <file.csv> [--root <dir>] [--json <out.json>] [--model <card.json>] [--backend wasm|webgpu|auto] [--chunk 64] [--no-build | --dist <dir>] [--verbose]';
/** The scale codes, in the app's display order (columns of the printed confusion matrix). */
const CODES = ['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS', 'NA'];

/** @param {number} x */
const pct = (x) => `${(100 * x).toFixed(1)}%`;

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      labels: { type: 'string', short: 'l' },
      root: { type: 'string' },
      json: { type: 'string' },
      chunk: { type: 'string', default: '64' },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument(s): ${positionals.join(' ')}\n${USAGE}`);
  if (!values.labels) throw new UsageError(`--labels <file.csv> is required\n${USAGE}`);
  const chunk = Number(values.chunk);
  if (!Number.isInteger(chunk) || chunk < 1) throw new UsageError('--chunk must be a positive integer');
  const labelsFile = resolve(values.labels);
  const { paths, rel, labels, sources } = readLabels(labelsFile, values.root ? resolve(values.root) : undefined);
  log(`${paths.length} labelled images from ${labelsFile}`);

  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose, model: values.model });
  try {
    const { page } = app;
    // A hidden multi-file input of our own, filled a chunk at a time; the File objects are kept.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.hidden = true;
      input.id = 'shotscale-eval-input';
      document.body.append(input);
      /** @type {any} */ (window).__shotscaleEvalFiles = [];
    });
    const input = page.locator('#shotscale-eval-input');
    for (let start = 0; start < paths.length; start += chunk) {
      await input.setInputFiles(paths.slice(start, start + chunk));
      await page.evaluate(() => {
        const el = /** @type {HTMLInputElement} */ (document.getElementById('shotscale-eval-input'));
        /** @type {any} */ (window).__shotscaleEvalFiles.push(...Array.from(el.files ?? []));
      });
    }
    const count = await page.evaluate(() => /** @type {any} */ (window).__shotscaleEvalFiles.length);
    if (count !== paths.length) throw new Error(`handed ${count} of ${paths.length} files to the page`);

    const t0 = Date.now();
    let lastLog = 0;
    await page.exposeFunction('__shotscaleEvalProgress', (/** @type {number} */ done, /** @type {number} */ total) => {
      const now = Date.now();
      if (done < total && now - lastLog < 5000) return;
      lastLog = now;
      const sec = (now - t0) / 1000;
      log(`classified ${done}/${total} (${(done / sec).toFixed(1)} images/s${done < total ? `, ~${Math.ceil(((total - done) * sec) / done)} s left` : ''})`);
    });
    const outcome = await page.evaluate(async (labelTexts) => {
      try {
        const w = /** @type {any} */ (window);
        return { ok: await window.shotscale.evaluate(w.__shotscaleEvalFiles, labelTexts, (d, t) => void w.__shotscaleEvalProgress(d, t)) };
      } catch (err) {
        const e = /** @type {Error} */ (err);
        return { error: { name: e?.name ?? 'Error', message: e?.message ?? String(err) } };
      }
    }, labels);
    if (!outcome.ok) {
      const e = outcome.error ?? { name: 'Error', message: 'unknown failure' };
      if (e.name === 'LabelError') throw new UsageError(`${labelsFile}: ${e.message}`);
      throw new Error(`${e.name}: ${e.message}`);
    }
    const { summary, predictions } = outcome.ok;
    const seconds = (Date.now() - t0) / 1000;

    // Human-readable report on stderr.
    log(`n=${summary.n}  accuracy ${pct(summary.accuracy)}  within one ${pct(summary.withinOne)}  macro-F1 ${summary.macroF1.toFixed(3)}  (${seconds.toFixed(1)} s, ${app.model.backend})`);
    const rows = Object.keys(summary.confusion);
    const w = Math.max(5, ...rows.map((r) => r.length));
    log(`${'label'.padEnd(w)}  ${CODES.map((c) => c.padStart(4)).join(' ')}   recall  prec.   F1`);
    for (const r of rows) {
      const pc = summary.perClass[r];
      log(`${r.padEnd(w)}  ${CODES.map((c) => String(summary.confusion[r][c] ?? 0).padStart(4)).join(' ')}   ${pct(pc.recall).padStart(6)} ${pct(pc.precision).padStart(6)} ${pc.f1.toFixed(3)}`);
    }

    const overall = groupScore(predictions);
    const bySource = sources ? scoresBySource(predictions, sources) : null;
    log(`five-class accuracy ${pct(overall.coarseAccuracy)}  ECE ${overall.ece.toFixed(3)}`);
    if (bySource) {
      const sw = Math.max(6, ...Object.keys(bySource).map((s) => s.length));
      log(`${'source'.padEnd(sw)}     n  accuracy  within1  5-class    ECE`);
      for (const [s, g] of Object.entries(bySource)) {
        log(`${s.padEnd(sw)}  ${String(g.n).padStart(4)}  ${pct(g.accuracy).padStart(8)}  ${pct(g.withinOne).padStart(7)}  ${pct(g.coarseAccuracy).padStart(7)}  ${g.ece.toFixed(3)}`);
      }
    }

    if (values.json) {
      const out = resolve(values.json);
      mkdirSync(dirname(out), { recursive: true });
      const doc = {
        ...summary,
        labels: labelsFile,
        model: { id: app.model.card.id, version: app.model.card.version, classes: app.model.card.classes, backend: app.model.backend, threads: app.model.threads },
        seconds,
        coarseAccuracy: overall.coarseAccuracy,
        ece: overall.ece,
        ...(bySource ? { bySource } : {}),
        predictions: predictions.map((p) => ({ path: rel[p.index], ...(sources ? { source: sources[p.index] } : {}), ...p })),
      };
      writeFileSync(out, JSON.stringify(doc, null, 1) + '\n');
      log(`wrote ${out}`);
    }
    const { n, accuracy, withinOne, macroF1, perClass, confusion } = summary;
    console.log(JSON.stringify({ n, accuracy, withinOne, macroF1, perClass, confusion, coarseAccuracy: overall.coarseAccuracy, ece: overall.ece, ...(bySource ? { bySource } : {}), model: app.model.card.id }));
    return 0;
  } finally {
    await app.close();
  }
});
