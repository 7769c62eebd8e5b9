// A corpus folder: per film, the files `analyze` writes (<base>.csv, .json, .shots.csv, .edl,
// .fcpxml, .otio, .srt, .chapters.txt) and last, as the mark that the film is finished, its record
// <base>.corpus.json: the film's key (content fingerprint, model, rate), metadata, outcome, summary
// statistics and its analysis as a project stores it (for merge). Every worker, on any machine,
// names a film's files the same way, so a film is never written twice under two names.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { analysePass, filmError, filmOutcome, writeFilmFiles } from './film-results.mjs';
import { log } from './headless-app.mjs';

/** What every record's `format` says. */
export const RECORD_FORMAT = 'shotscale-corpus-film';
const RECORD_SUFFIX = '.corpus.json';

/**
 * A finished film of a corpus.
 * @typedef {{ format: string, version: 1, key: string, fingerprint: string, name: string, path: string,
 *   row: string, metadata: Record<string, string>, columns: string[], outcome: 'done' | 'partial' | 'failed',
 *   error?: string, model: { id: string, version: string, backend: string }, fps: number,
 *   durationSec: number | null, samples: number, wallSec: number, worker: string, finishedAt: string,
 *   appVersion: string, files: string[], notice?: string, unreadable?: { startSec: number, endSec: number, reason: string }[],
 *   stats: Record<string, unknown> | null, project: unknown }} FilmRecord
 */

/**
 * A film to analyse: where it is, its key and result base name, and its manifest metadata.
 * @typedef {{ path: string, name: string, row: string, fingerprint: string, key: string, base: string,
 *   fps: number, metadata: Record<string, string>, columns: string[] }} CorpusJob
 */

/**
 * The records in a corpus folder by key (unreadable ones are reported and left out).
 * @param {string} dir
 * @returns {Map<string, FilmRecord>}
 */
export function readRecords(dir) {
  /** @type {Map<string, FilmRecord>} */
  const out = new Map();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(RECORD_SUFFIX)) continue;
    try {
      const r = readRecord(join(dir, name));
      out.set(r.key, r);
    } catch (err) {
      log(`${name}: skipped, not a readable corpus record (${/** @type {Error} */ (err).message})`);
    }
  }
  return out;
}

/** The record of a job's film, if it is finished in `dir` (for the same key). @param {string} dir @param {CorpusJob} job @returns {FilmRecord | null} */
export function recordOf(dir, job) {
  const path = join(dir, `${job.base}${RECORD_SUFFIX}`);
  if (!existsSync(path)) return null;
  try {
    const r = readRecord(path);
    return r.key === job.key ? r : null;
  } catch {
    return null;
  }
}

/** A record file, or an error saying why it is not one. @param {string} path @returns {FilmRecord} */
function readRecord(path) {
  const r = JSON.parse(readFileSync(path, 'utf8'));
  if (r?.format !== RECORD_FORMAT || typeof r.key !== 'string') throw new Error('not a corpus record');
  return r;
}

/** Writes a record whole or not at all (a crash mid-write leaves no half record). @param {string} dir @param {FilmRecord} record @param {string} base */
function writeRecord(dir, record, base) {
  const path = join(dir, `${base}${RECORD_SUFFIX}`);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record));
  renameSync(tmp, path);
}

/** The figures of a film's statistics a corpus compares (from its JSON's `stats`). @param {Record<string, any>} s */
function statsOf(s) {
  if (!s) return null;
  const keep = ['shotCount', 'durationSec', 'aslSec', 'medianSec', 'sdSec', 'cv', 'minSec', 'maxSec', 'naShotCount', 'changesScaleCount', 'correctedCount', 'scaleShotCounts', 'scaleShotFractions', 'scaleScreenSec', 'scaleScreenFractions', 'saltPer100', 'unreadableSec'];
  return Object.fromEntries(keep.filter((k) => k in s).map((k) => [k, s[k]]));
}

/**
 * Analyses one film of a corpus in an open app and writes its files and, last, its record; the
 * record. The film's saved analysis is then deleted from the browser profile (its results are in
 * the folder), so a long corpus holds one film at a time.
 * @param {{ page: import('@playwright/test').Page, model: { card: { id: string, version: string }, backend: string } }} app
 * @param {CorpusJob} job
 * @param {string} dir
 * @param {{ worker?: string, appVersion: string, onProgress?: (p: { done: number, total: number, framesPerSec: number, etaSec: number | null }) => void }} opts
 * @returns {Promise<FilmRecord>}
 */
export async function analyseCorpusFilm(app, job, dir, opts) {
  const { page } = app;
  const t0 = performance.now();
  await page.getByTestId('rate').selectOption(String(job.fps));
  const films = await analysePass(page, [job.path], (f) => opts.onProgress?.({ done: f.progress.done, total: f.progress.total, framesPerSec: f.progress.fps, etaSec: f.progress.etaSec }));
  const film = films[0];
  if (!film) throw new Error(`${job.name}: the app did not take the file`);
  const base = join(dir, job.base);
  const { files, json } = await writeFilmFiles(page, film, base);
  /** @type {Record<string, any> | null} */
  const doc = json ? JSON.parse(json) : null;
  if (doc?.film?.fingerprint && doc.film.fingerprint !== job.fingerprint) log(`${job.name}: the app's fingerprint ${doc.film.fingerprint} differs from the corpus's ${job.fingerprint}`);
  const project = files.length ? await page.evaluate((id) => window.shotscale.projectFilm(id), film.id) : null;
  const ended = filmOutcome(film);
  const outcome = ended === 'done' || ended === 'partial' ? ended : 'failed';
  /** @type {FilmRecord} */
  const record = {
    format: RECORD_FORMAT,
    version: 1,
    key: job.key,
    fingerprint: job.fingerprint,
    name: job.name,
    path: job.path,
    row: job.row,
    metadata: job.metadata,
    columns: job.columns,
    outcome,
    ...(outcome === 'failed' ? { error: film.status === 'error' ? filmError(film) : `the analysis ended ${film.status}` } : {}),
    model: { id: app.model.card.id, version: app.model.card.version, backend: app.model.backend },
    fps: job.fps,
    durationSec: film.info?.durationSec ?? null,
    samples: film.results.length,
    wallSec: (performance.now() - t0) / 1000,
    worker: opts.worker ?? `${hostname()}:${process.pid}`,
    finishedAt: new Date().toISOString(),
    appVersion: opts.appVersion,
    files,
    ...(film.notice ? { notice: film.notice } : {}),
    ...(film.unreadable?.length ? { unreadable: film.unreadable.map((u) => ({ startSec: u.startSec, endSec: u.endSec, reason: u.reason })) } : {}),
    stats: statsOf(doc?.stats),
    project,
  };
  writeRecord(dir, record, job.base);
  await page.evaluate((id) => window.shotscale.deleteSaved(id), film.id);
  return record;
}
