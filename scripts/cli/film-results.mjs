// What the headless commands (analyze, corpus) do with the app's films: pick files with the app's
// real file picker and wait for them, and write a film's results in the app's export formats.
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { log, UsageError } from './headless-app.mjs';

/** Sampling rates the app offers (its rate selector). */
export const RATES = [0.5, 1, 2, 4];

/** The sampling rate of `--fps` (default 1), or a usage error naming the rates. @param {string | undefined} given */
export function sampleRate(given) {
  const fps = Number(given ?? '1');
  if (!RATES.includes(fps)) throw new UsageError(`--fps must be one of ${RATES.join(', ')} (got "${given}")`);
  return fps;
}

/**
 * A film as `window.shotscale.films()` gives it (the fields the commands read).
 * @typedef {{ id: string, name: string, fps: number, status: string, results: unknown[],
 *   progress: { done: number, total: number, fps: number, etaSec: number | null },
 *   error?: { title: string, detail: string }, warning?: { title: string, detail: string }, notice?: string, info?: { durationSec: number },
 *   unreadable?: { startSec: number, endSec: number, reason: string }[] }} FilmView
 */

/**
 * Picks files with the app's real file picker, as a user would, and waits for the queue, telling
 * `onProgress` about every running film every two seconds; the films it made.
 * @param {import('@playwright/test').Page} page
 * @param {string[]} files
 * @param {(film: FilmView) => void} [onProgress] default: a log line per change
 * @returns {Promise<FilmView[]>}
 */
export async function analysePass(page, files, onProgress = progressLines()) {
  const before = await page.evaluate(() => window.shotscale.films().map((f) => f.id));
  await page.getByTestId('file-input').setInputFiles(files);
  const idle = page.evaluate(() => window.shotscale.idle());
  let finished = false;
  idle.finally(() => (finished = true)).catch(() => undefined);
  while (!finished) {
    await Promise.race([idle, new Promise((r) => setTimeout(r, 2000))]);
    /** @type {FilmView[]} */
    const films = await page.evaluate(() => window.shotscale.films().map((f) => ({ ...f, results: [] })));
    for (const f of films) if (f.status === 'running' && !before.includes(f.id)) onProgress(f);
  }
  await idle;
  return page.evaluate((ids) => window.shotscale.films().filter((f) => !ids.includes(f.id)), before);
}

/** A progress callback that logs a film's line when it changes. @returns {(film: FilmView) => void} */
export function progressLines() {
  /** @type {Map<string, string>} */
  const shown = new Map();
  return (f) => {
    const line = `${f.name}: ${f.progress.done}/${f.progress.total} s${f.progress.fps ? `, ${f.progress.fps.toFixed(1)} frames/s` : ''}${f.progress.etaSec != null ? `, ~${Math.ceil(f.progress.etaSec)} s left` : ''}`;
    if (shown.get(f.id) !== line) log(line);
    shown.set(f.id, line);
  };
}

/** A film with stretches that could not be decoded is partial: done for everything else. @param {FilmView} film */
export function filmOutcome(film) {
  return film.status === 'done' && film.unreadable?.length ? 'partial' : film.status;
}

/**
 * Writes a film's files at `<base>.*` (seconds CSV and JSON; once its shots are known the shots
 * CSV, EDL, FCPXML, OTIO, SRT and chapters); the file names written (none when it has no
 * results) and the JSON document's text.
 * @param {import('@playwright/test').Page} page
 * @param {FilmView} film
 * @param {string} base
 * @returns {Promise<{ files: string[], json: string | null }>}
 */
export async function writeFilmFiles(page, film, base) {
  if (!film.results.length) return { files: [], json: null };
  const { csv, json } = await page.evaluate((id) => window.shotscale.exportFilm(id), film.id);
  writeFileSync(`${base}.csv`, csv);
  writeFileSync(`${base}.json`, json);
  const names = [`${basename(base)}.csv`, `${basename(base)}.json`];
  const files = await page.evaluate(([id, stem]) => window.shotscale.exportShotFiles(id, stem), [film.id, basename(base)]);
  for (const f of files) {
    writeFileSync(join(dirname(base), f.fileName), f.text);
    names.push(f.fileName);
  }
  return { files: names, json };
}

/**
 * The summary line of a written film, and its notice, stretches and error on stderr; 1 when it
 * failed, else 0.
 * @param {FilmView} film
 * @param {string} base
 * @param {string} backend
 */
export function reportFilm(film, base, backend) {
  const rate = film.progress.fps ? `${film.progress.fps.toFixed(1)} frames/s` : film.status === 'done' ? 'restored from an earlier analysis' : 'no frames analysed';
  const dur = film.info ? `${film.info.durationSec.toFixed(1)} s, ` : '';
  console.log(`${film.name}: ${dur}${film.results.length} samples at ${film.fps}/s, ${filmOutcome(film)}, ${rate}, ${backend}${film.results.length ? ` → ${base}.*` : ''}`);
  if (film.notice) log(`${film.name}: ${film.notice}`);
  for (const u of film.unreadable ?? []) log(`${film.name}: partial: ${u.startSec.toFixed(1)}–${u.endSec.toFixed(1)} s unreadable, skipped (${u.reason})`);
  if (film.status !== 'error') return 0;
  log(`${film.name}: ${filmError(film)}`);
  return 1;
}

/** A failed film's message: the app's title and detail, and what was kept. @param {FilmView} film */
export function filmError(film) {
  return `${film.error?.title ?? 'error'}. ${film.error?.detail ?? ''}${film.results.length ? ` (${film.results.length} seconds analysed before the error were written)` : ''}`;
}
