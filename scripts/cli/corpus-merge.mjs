// Merges a corpus folder into one comparison: NAME.shotscale.json, a project the app opens as a
// corpus (every film's analysis with its manifest metadata, and the metadata columns), and
// NAME.csv, one row per film: metadata, duration, shots, ASL, median shot length, CV, the share of
// each scale by shots and by screen time, corrected shots, model and rate.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readRecords } from './corpus-results.mjs';
import { ROOT } from './headless-app.mjs';

/** The scale codes, in the order the app's taxonomy lists them (src/shared/taxonomy.ts). */
export const SCALE_CODES = ['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS', 'NA'];

/** A CSV field, quoted where it must be (RFC 4180). @param {unknown} v */
export function csvField(v) {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Metadata columns of records, in the order the manifests first list them. @param {import('./corpus-results.mjs').FilmRecord[]} records */
export function metadataColumns(records) {
  /** @type {string[]} */
  const out = [];
  for (const r of records) for (const c of [...(r.columns ?? []), ...Object.keys(r.metadata ?? {})]) if (!out.includes(c)) out.push(c);
  return out;
}

/**
 * The comparison CSV of finished films: a header and a row per film.
 * @param {import('./corpus-results.mjs').FilmRecord[]} records
 * @param {string[]} columns
 */
export function corpusCsv(records, columns) {
  const head = ['name', 'outcome', ...columns, 'duration_s', 'shots', 'asl_s', 'median_shot_s', 'cv', ...SCALE_CODES.map((c) => `shots_${c}`), ...SCALE_CODES.map((c) => `screen_${c}`), 'corrected_shots', 'unreadable_s', 'model', 'fps', 'fingerprint', 'path', 'error'];
  const rows = records.map((r) => {
    /** @type {Record<string, any>} */
    const s = r.stats ?? {};
    return [
      r.name,
      r.outcome,
      ...columns.map((c) => r.metadata?.[c] ?? ''),
      r.durationSec,
      s.shotCount,
      s.aslSec,
      s.medianSec,
      s.cv,
      ...SCALE_CODES.map((c) => s.scaleShotFractions?.[c]),
      ...SCALE_CODES.map((c) => s.scaleScreenFractions?.[c]),
      s.correctedCount,
      s.unreadableSec,
      `${r.model.id}@${r.model.version}`,
      r.fps,
      r.fingerprint,
      r.path,
      r.error ?? '',
    ];
  });
  return [head, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/**
 * Merges the records of `dir` into `<out>.shotscale.json` and `<out>.csv`; what it wrote.
 * Films are in manifest order where they share a manifest (its row order), else by name.
 * @param {string} dir
 * @param {string} out path without extension
 * @returns {{ films: number, failed: number, project: string, csv: string, columns: string[] }}
 */
export function mergeCorpus(dir, out) {
  const records = [...readRecords(dir).values()].sort(byRow);
  const columns = metadataColumns(records);
  const csv = `${out}.csv`;
  writeFileSync(csv, corpusCsv(records, columns));
  const analysed = records.filter((r) => r.project);
  const appVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const project = {
    format: 'shotscale-project',
    version: 1,
    app: { name: 'Shotscale', version: appVersion },
    savedAt: new Date().toISOString(),
    films: analysed.map((r) => ({ .../** @type {object} */ (r.project), metadata: r.metadata ?? {} })),
    corpus: { name: basename(out), columns },
  };
  const projectPath = `${out}.shotscale.json`;
  writeFileSync(projectPath, JSON.stringify(project));
  return { films: analysed.length, failed: records.filter((r) => r.outcome === 'failed').length, project: projectPath, csv, columns };
}

/** Manifest order: by manifest, then by line; films without a line by name. @param {{ row: string, name: string }} a @param {{ row: string, name: string }} b */
function byRow(a, b) {
  const ra = /^(.*) line (\d+)$/.exec(a.row);
  const rb = /^(.*) line (\d+)$/.exec(b.row);
  if (ra && rb && ra[1] === rb[1]) return Number(ra[2]) - Number(rb[2]);
  return (ra?.[1] ?? a.row).localeCompare(rb?.[1] ?? b.row) || a.name.localeCompare(b.name);
}
