#!/usr/bin/env node
// npm run analyze -- <video>... --out <dir> [--fps 1] [--model <card.json>] [--backend wasm|webgpu|auto] [--no-build | --dist <dir>] [--verbose]
//
// Analyses videos with the app itself (its workers, model and fusion) in headless Chromium, and
// writes per film, in the app's own export formats: <out>/<name>.shotscale.csv (seconds), .json (film,
// model, top-level `shots`, statistics, seconds), .shots.csv, .edl, .fcpxml, .otio, .srt and
// .chapters.txt (<name> is the file name without its extension, or with it where two inputs share a
// stem: film.mp4 film.mkv).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, log, openApp, runMain, UsageError } from './headless-app.mjs';

/** Sampling rates the app offers (its rate selector). */
const RATES = [0.5, 1, 2, 4];

const USAGE = 'usage: npm run analyze -- <video>... --out <dir> [--fps 0.5|1|2|4] [--model <card.json>] [--backend wasm|webgpu|auto] [--no-build | --dist <dir>] [--verbose]';

/**
 * @typedef {{ id: string, name: string, fps: number, status: string, results: unknown[],
 *   progress: { done: number, total: number, fps: number, etaSec: number | null },
 *   error?: { title: string, detail: string }, warning?: { title: string, detail: string }, notice?: string, info?: { durationSec: number },
 *   unreadable?: { startSec: number, endSec: number, reason: string }[] }} FilmView
 */

/**
 * Output base names for the films' file names, in order: the stem, or the whole file name where
 * stems collide (film.mp4 and film.mkv), numbered where whole names collide too (a/film.mp4, b/film.mp4).
 * @param {string[]} names
 * @returns {string[]}
 */
function outputBases(names) {
  const stems = names.map((n) => basename(n, extname(n)));
  const used = new Set();
  return names.map((name, i) => {
    const root = stems.filter((s) => s === stems[i]).length > 1 ? name : stems[i];
    let base = `${root}.shotscale`;
    for (let k = 2; used.has(base); k++) base = `${root}-${k}.shotscale`;
    used.add(base);
    return base;
  });
}

/**
 * Input indices in passes: byte-identical files (same size, same SHA-256) in different passes, so
 * that each is analysed once and written under every name it was given.
 * @param {string[]} paths
 * @returns {Promise<number[][]>}
 */
async function duplicatePasses(paths) {
  /** @type {Map<string, number>} */
  const seen = new Map();
  /** @type {number[][]} */
  const passes = [];
  for (const [i, path] of paths.entries()) {
    const key = `${statSync(path).size}:${await sha256File(path)}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    (passes[k] ??= []).push(i);
  }
  return passes;
}

/** @param {string} path @returns {Promise<string>} */
function sha256File(path) {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => hash.update(d))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });
}

/**
 * Picks files with the app's real file picker, as a user would, and waits for the queue, reporting
 * progress meanwhile; the films it made.
 * @param {import('@playwright/test').Page} page
 * @param {string[]} files
 * @returns {Promise<FilmView[]>}
 */
async function analysePass(page, files) {
  const before = await page.evaluate(() => window.shotscale.films().map((f) => f.id));
  await page.getByTestId('file-input').setInputFiles(files);
  const idle = page.evaluate(() => window.shotscale.idle());
  let finished = false;
  idle.finally(() => (finished = true)).catch(() => undefined);
  /** @type {Map<string, string>} */
  const shown = new Map();
  while (!finished) {
    await Promise.race([idle, new Promise((r) => setTimeout(r, 2000))]);
    /** @type {FilmView[]} */
    const films = await page.evaluate(() => window.shotscale.films().map((f) => ({ ...f, results: [] })));
    for (const f of films) {
      if (f.status !== 'running') continue;
      const line = `${f.name}: ${f.progress.done}/${f.progress.total} s${f.progress.fps ? `, ${f.progress.fps.toFixed(1)} frames/s` : ''}${f.progress.etaSec != null ? `, ~${Math.ceil(f.progress.etaSec)} s left` : ''}`;
      if (shown.get(f.id) !== line) log(line);
      shown.set(f.id, line);
    }
  }
  await idle;
  return page.evaluate((ids) => window.shotscale.films().filter((f) => !ids.includes(f.id)), before);
}

/**
 * Writes one film's files at `<base>.*` and its summary line; 1 when it failed, else 0.
 * @param {import('@playwright/test').Page} page
 * @param {FilmView} film
 * @param {string} base
 * @param {string} backend
 */
async function writeFilm(page, film, base, backend) {
  if (film.results.length) {
    const { csv, json } = await page.evaluate((id) => window.shotscale.exportFilm(id), film.id);
    writeFileSync(`${base}.csv`, csv);
    writeFileSync(`${base}.json`, json);
    // Shots: shots CSV, EDL, FCPXML, OTIO, SRT, chapters (<base>.<format>), once the film was scanned to its end.
    const files = await page.evaluate(([id, stem]) => window.shotscale.exportShotFiles(id, stem), [film.id, basename(base)]);
    for (const f of files) writeFileSync(join(dirname(base), f.fileName), f.text);
  }
  const rate = film.progress.fps ? `${film.progress.fps.toFixed(1)} frames/s` : film.status === 'done' ? 'restored from an earlier analysis' : 'no frames analysed';
  const dur = film.info ? `${film.info.durationSec.toFixed(1)} s, ` : '';
  // A film with stretches that could not be decoded is partial: done for everything else, and written.
  const status = film.status === 'done' && film.unreadable?.length ? 'partial' : film.status;
  console.log(`${film.name}: ${dur}${film.results.length} samples at ${film.fps}/s, ${status}, ${rate}, ${backend}${film.results.length ? ` → ${base}.*` : ''}`);
  if (film.notice) log(`${film.name}: ${film.notice}`);
  for (const u of film.unreadable ?? []) log(`${film.name}: partial: ${u.startSec.toFixed(1)}–${u.endSec.toFixed(1)} s unreadable, skipped (${u.reason})`);
  if (film.status !== 'error') return 0;
  log(`${film.name}: ${film.error?.title ?? 'error'}. ${film.error?.detail ?? ''}${film.results.length ? ` (${film.results.length} seconds analysed before the error were written)` : ''}`);
  return 1;
}

runMain(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      fps: { type: 'string', default: '1' },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!positionals.length) throw new UsageError(`no video given\n${USAGE}`);
  if (!values.out) throw new UsageError(`--out <dir> is required\n${USAGE}`);
  const fps = Number(values.fps);
  if (!RATES.includes(fps)) throw new UsageError(`--fps must be one of ${RATES.join(', ')} (got "${values.fps}")`);
  const paths = positionals.map((p) => resolve(p));
  const missing = paths.filter((p) => !existsSync(p) || !statSync(p).isFile());
  if (missing.length) throw new UsageError(`not found: ${missing.join(', ')}`);
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });

  const app = await openApp({ backend: values.backend, noBuild: values['no-build'], dist: values.dist, verbose: values.verbose, model: values.model });
  try {
    const { page } = app;
    await page.getByTestId('rate').selectOption(String(fps));
    const bases = outputBases(paths.map((p) => basename(p)));
    let failed = 0;
    // Byte-identical inputs are analysed once: the first of each in the first pass, each copy in a
    // later pass, where the app restores the saved analysis under the copy's own name.
    for (const pass of await duplicatePasses(paths)) {
      const films = await analysePass(page, pass.map((i) => paths[i]));
      // The app makes one entry per picked file, in order (no two files of a pass are the same film).
      for (const [j, i] of pass.entries()) {
        const film = films[j]?.name === basename(paths[i]) ? films[j] : undefined;
        if (!film) {
          failed++;
          log(`${basename(paths[i])}: no result (the app did not take the file)`);
          continue;
        }
        failed += await writeFilm(page, film, join(outDir, bases[i]), app.model.backend);
      }
    }
    return failed ? 1 : 0;
  } finally {
    await app.close();
  }
});
