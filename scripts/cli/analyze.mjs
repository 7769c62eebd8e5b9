#!/usr/bin/env node
// npm run analyze -- <video>... --out <dir> [--fps 1] [--model <card.json>] [--backend wasm|webgpu|auto] [--no-build | --dist <dir>] [--verbose]
//
// Analyses videos with the app itself (its workers, model and fusion) in headless Chromium, and
// writes per film, in the app's own export formats: <out>/<name>.shotscale.csv (seconds), .json (film,
// model, top-level `shots`, statistics, seconds), .shots.csv, .edl, .fcpxml, .otio, .srt and
// .chapters.txt (<name> is the file name without its extension, or with it where two inputs share a
// stem: film.mp4 film.mkv).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analysePass, reportFilm, sampleRate, writeFilmFiles } from './film-results.mjs';
import { COMMON_OPTIONS, log, openApp, runMain, UsageError } from './headless-app.mjs';

const USAGE = 'usage: npm run analyze -- <video>... --out <dir> [--fps 0.5|1|2|4] [--model <card.json>] [--backend wasm|webgpu|auto] [--no-build | --dist <dir>] [--verbose]';

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
  const fps = sampleRate(values.fps);
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
        const base = join(outDir, bases[i]);
        await writeFilmFiles(page, film, base);
        failed += reportFilm(film, base, app.model.backend);
      }
    }
    return failed ? 1 : 0;
  } finally {
    await app.close();
  }
});
