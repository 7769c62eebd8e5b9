// Labelled-image CSVs (`path,label[,source]`), read the same way by `npm run eval` and the geometry tools.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCsv } from './csv.mjs';
import { UsageError } from './headless-app.mjs';

/**
 * Reads a labels CSV into absolute image paths and label texts.
 * @param {string} file
 * @param {string} [root] folder the paths are relative to (default: the CSV's)
 * @returns {{ paths: string[], rel: string[], labels: string[], sources: string[] | null }}
 */
export function readLabels(file, root) {
  if (!existsSync(file)) throw new UsageError(`labels file not found: ${file}`);
  const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const pi = header.indexOf('path');
  const li = header.indexOf('label');
  const si = header.indexOf('source');
  if (pi < 0 || li < 0) throw new UsageError(`${file}: the header must name the columns path and label (got "${header.join(',')}")`);
  const base = root ?? dirname(file);
  const rel = rows.map((r) => (r[pi] ?? '').trim());
  const labels = rows.map((r) => (r[li] ?? '').trim());
  const empty = rel.map((p, i) => (p && labels[i] ? -1 : i)).filter((i) => i >= 0);
  if (empty.length) throw new UsageError(`${file}: ${empty.length} row(s) without a path or label (data rows ${empty.slice(0, 10).map((i) => i + 1).join(', ')})`);
  const paths = rel.map((p) => resolve(base, p));
  const missing = paths.filter((p) => !existsSync(p) || !statSync(p).isFile());
  if (missing.length) throw new UsageError(`${missing.length} image(s) listed in ${file} not found: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`);
  if (!paths.length) throw new UsageError(`${file}: no rows`);
  const sources = si >= 0 ? rows.map((r) => (r[si] ?? '').trim()) : null;
  return { paths, rel, labels, sources };
}
