#!/usr/bin/env node
// npm run pseudo-labels -- --labels <file.csv> --out <file.csv> [--features <file.jsonl>] [--min-confidence 0.35] [--sheet <file.png>] [--backend …] [--no-build | --dist <dir>]
//
// Runs subject geometry (the app's calibrated recipe) over a labelled set and writes
// `path,label,note` (absolute image paths): MEDIUM rows become MCU, MS or MLS where geometry is
// sure (its confidence × the chosen scale's probability ≥ --min-confidence and that scale is one of
// the three), otherwise they stay MEDIUM with a note; LS and ELS rows keep their label, with a note
// where geometry confidently says otherwise; other rows are copied. Write the output outside the
// repository. --features reuses a dump of scripts/tools/geometry-features.mjs for the same CSV instead of
// measuring again. --sheet draws a contact sheet (12 stills per pseudo-class, skeleton and face
// boxes over them) to check the split by eye.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../cli/chromium.mjs';
import { compactFeatures, handFiles, readFeatures, readLabels } from './geometry-common.mjs';
import { COMMON_OPTIONS, log, openApp, runMain, UsageError } from '../cli/headless-app.mjs';

const USAGE = 'usage: npm run pseudo-labels -- --labels <file.csv> --out <file.csv> [--features <file.jsonl>] [--min-confidence 0.35] [--sheet <file.png>] [--backend wasm|webgpu|auto] [--no-build | --dist <dir>]';
const MEDIUM = ['MCU', 'MS', 'MLS'];
const SCALES = ['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS'];

/** @param {string} s */
const csvField = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The pseudo-label of one row from its geometry.
 * @param {string} label
 * @param {{ probs: number[] | null, confidence: number, why: string }} g
 * @param {number} min
 * @returns {{ label: string, note: string, sure: number | null }}
 */
export function pseudoLabel(label, g, min) {
  const up = label.trim().toUpperCase();
  if (!g.probs) return { label: up, note: up === 'MEDIUM' || up === 'LS' || up === 'ELS' ? 'no person found' : '', sure: null };
  const i = g.probs.indexOf(Math.max(...g.probs));
  const code = SCALES[i];
  const sure = g.confidence * g.probs[i];
  const said = `geometry ${code} ${sure.toFixed(2)}: ${g.why}`;
  if (up === 'MEDIUM') {
    if (MEDIUM.includes(code) && sure >= min) return { label: code, note: said, sure };
    return { label: 'MEDIUM', note: `unsure; ${said}`, sure };
  }
  if (up === 'LS' || up === 'ELS') return { label: up, note: code !== up && sure >= min ? `disagrees; ${said}` : '', sure };
  return { label: up, note: '', sure };
}

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      labels: { type: 'string' },
      out: { type: 'string', short: 'o' },
      features: { type: 'string' },
      'min-confidence': { type: 'string', default: '0.35' },
      sheet: { type: 'string' },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length || !values.labels || !values.out) throw new UsageError(USAGE);
  const min = Number(values['min-confidence']);
  if (!(min >= 0 && min <= 1)) throw new UsageError('--min-confidence must be between 0 and 1');
  const { paths, rel, labels } = readLabels(resolve(values.labels));
  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose });
  /** @type {any[]} */
  let features;
  /** @type {any[]} */
  let geometry;
  try {
    if (values.features) {
      const byPath = new Map(readFeatures([resolve(values.features)]).map((f) => [f.path, f]));
      features = rel.map((p) => {
        const f = byPath.get(p);
        if (!f) throw new UsageError(`${values.features}: no frame for ${p}`);
        return f;
      });
    } else {
      await handFiles(app.page, paths, '__pseudoFiles');
      features = (await app.page.evaluate(() => window.shotscale.stillFeatures(/** @type {any} */ (window).__pseudoFiles, { pose: 'always' }))).map(compactFeatures);
    }
    geometry = await app.page.evaluate((frames) => window.shotscale.geometryOf(frames), features);
  } finally {
    await app.close();
  }
  const rows = labels.map((l, i) => ({ path: paths[i], rel: rel[i], from: l.trim().toUpperCase(), ...pseudoLabel(l, geometry[i], min), vision: features[i].vision }));
  const out = resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, ['path,label,note', ...rows.map((r) => [r.path, r.label, r.note].map(csvField).join(','))].join('\n') + '\n');
  const count = (/** @type {string} */ from) => {
    /** @type {Record<string, number>} */
    const c = {};
    for (const r of rows.filter((x) => x.from === from)) c[r.label] = (c[r.label] ?? 0) + 1;
    return c;
  };
  const disagree = (/** @type {string} */ from) => rows.filter((r) => r.from === from && r.note.startsWith('disagrees')).length;
  const summary = { minConfidence: min, medium: count('MEDIUM'), lsDisagree: disagree('LS'), elsDisagree: disagree('ELS'), ls: rows.filter((r) => r.from === 'LS').length, els: rows.filter((r) => r.from === 'ELS').length };
  log(`wrote ${rows.length} rows to ${out}`);
  console.log(JSON.stringify(summary));
  if (values.sheet) await contactSheet(rows.filter((r) => r.from === 'MEDIUM'), resolve(values.sheet));
  return 0;
});

/** Skeleton edges of the 33-point BlazePose model (upper and lower body). */
const EDGES = [[11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24], [23, 25], [25, 27], [24, 26], [26, 28], [0, 11], [0, 12]];

/**
 * Renders 12 MEDIUM stills per pseudo-class with skeletons and face boxes, and screenshots it.
 * @param {any[]} rows
 * @param {string} file
 */
async function contactSheet(rows, file) {
  const groups = ['MCU', 'MS', 'MLS', 'MEDIUM'].map((label) => ({ label, rows: rows.filter((r) => r.label === label).slice(0, 12) }));
  const cells = groups.map((g) => ({
    label: g.label,
    items: g.rows.map((r) => ({ src: `data:image/jpeg;base64,${readFileSync(r.path).toString('base64')}`, note: r.note.slice(0, 70), vision: r.vision })),
  }));
  const html = `<!doctype html><html><body style="margin:0;background:#111;color:#eee;font:11px sans-serif">
<div id="root"></div><script>
const EDGES = ${JSON.stringify(EDGES)};
const cells = ${JSON.stringify(cells)};
const root = document.getElementById('root');
for (const g of cells) {
  const h = document.createElement('h2'); h.textContent = g.label + ' (' + g.items.length + ')'; h.style.margin = '6px'; root.append(h);
  const row = document.createElement('div'); row.style.cssText = 'display:grid;grid-template-columns:repeat(6,240px);gap:4px;padding:0 4px';
  root.append(row);
  for (const it of g.items) {
    const box = document.createElement('div');
    const c = document.createElement('canvas'); c.width = 240; c.height = 135; box.append(c);
    const t = document.createElement('div'); t.textContent = it.note; t.style.cssText = 'height:28px;overflow:hidden'; box.append(t);
    row.append(box);
    const img = new Image();
    img.onload = () => {
      const ctx = c.getContext('2d');
      const s = Math.min(240 / img.width, 135 / img.height), w = img.width * s, hh = img.height * s, ox = (240 - w) / 2, oy = (135 - hh) / 2;
      ctx.drawImage(img, ox, oy, w, hh);
      const X = (x) => ox + x * w, Y = (y) => oy + y * hh;
      for (const f of it.vision?.faces ?? []) { ctx.strokeStyle = '#0f0'; ctx.strokeRect(X(f.box.x), Y(f.box.y), f.box.width * w, f.box.height * hh); }
      for (const p of it.vision?.poses ?? []) {
        const lm = p.landmarks; ctx.lineWidth = 2;
        for (const [a, b] of EDGES) {
          const v = Math.min(lm[a].visibility, lm[b].visibility);
          ctx.strokeStyle = v >= 0.5 ? 'rgba(255,60,60,0.9)' : 'rgba(80,160,255,0.6)';
          ctx.beginPath(); ctx.moveTo(X(lm[a].x), Y(lm[a].y)); ctx.lineTo(X(lm[b].x), Y(lm[b].y)); ctx.stroke();
        }
      }
      ctx.strokeStyle = '#ff0'; ctx.strokeRect(ox, oy, w, hh);
      it.done = true;
    };
    img.src = it.src;
  }
}
</script></body></html>`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1470, height: 800 } });
    await page.setContent(html);
    await page.waitForFunction(() => /** @type {any} */ (window).cells?.every?.((g) => g.items.every((it) => it.done)) ?? true, undefined, { timeout: 30_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    mkdirSync(dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    log(`contact sheet: ${file}`);
  } finally {
    await browser.close();
  }
}
