// A corpus is a manifest: a CSV with a `path` column and the scholar's own metadata columns
// (title, year, director, …), a folder of films, or a list of files. This reads one into films,
// each named by where it came from (its manifest row, or its path), with a clear line for every
// row that cannot be a film; and fingerprints the films as the app does, so a film listed twice
// under two names is analysed once.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { csvRecords } from './csv.mjs';

/** File extensions a folder's films are found by (what Chromium and the app can open, and camera files). */
export const VIDEO_EXTENSIONS = ['.mp4', '.m4v', '.mov', '.mkv', '.webm', '.ogv', '.ts', '.m2ts', '.mts', '.mpg', '.mpeg', '.avi'];

/**
 * One film of a corpus.
 * @typedef {{ row: string, path: string, name: string, metadata: Record<string, string> }} CorpusFilm
 *   row: where it came from, for messages ("manifest.csv row 4", or the path given)
 */

/**
 * Reads the inputs of a corpus command: one CSV manifest, or folders and files (folders are
 * searched for videos, recursively, in name order). Relative paths in a manifest resolve against
 * its folder. Bad rows are problems, one line each; the rest are films.
 * @param {string[]} inputs
 * @returns {{ films: CorpusFilm[], columns: string[], problems: string[] }}
 */
export function readCorpus(inputs) {
  if (inputs.length === 1 && extname(inputs[0]).toLowerCase() === '.csv') return readManifest(resolve(inputs[0]));
  /** @type {CorpusFilm[]} */
  const films = [];
  /** @type {string[]} */
  const problems = [];
  for (const input of inputs) {
    const path = resolve(input);
    if (extname(path).toLowerCase() === '.csv') {
      problems.push(`${input}: a manifest must be the only input (give one CSV, or folders and files)`);
      continue;
    }
    if (existsSync(path) && statSync(path).isDirectory()) {
      const found = videosUnder(path);
      if (!found.length) problems.push(`${input}: no videos in this folder (looked for ${VIDEO_EXTENSIONS.join(' ')})`);
      for (const file of found) films.push({ row: file, path: file, name: basename(file), metadata: { folder: relative(path, dirname(file)) } });
      continue;
    }
    const problem = fileProblem(path);
    if (problem) problems.push(`${input}: ${problem}`);
    else films.push({ row: input, path, name: basename(path), metadata: {} });
  }
  const columns = films.some((f) => f.metadata.folder) ? ['folder'] : [];
  if (!columns.length) for (const f of films) delete f.metadata.folder;
  return { films, columns, problems };
}

/**
 * A CSV manifest: a header with a `path` column (any case), then a film per row.
 * @param {string} file
 * @returns {{ films: CorpusFilm[], columns: string[], problems: string[] }}
 */
export function readManifest(file) {
  const name = basename(file);
  if (!existsSync(file)) return { films: [], columns: [], problems: [`${file}: manifest not found`] };
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const { records, unterminatedAt } = csvRecords(text);
  /** @type {string[]} */
  const problems = [];
  if (unterminatedAt !== null) problems.push(`${name} line ${unterminatedAt}: a quote opened here is never closed; the rows from here on are not read`);
  const [head, ...rows] = records;
  const header = (head?.fields ?? []).map((h) => h.trim());
  const pathCol = header.findIndex((h) => h.toLowerCase() === 'path');
  if (pathCol < 0) return { films: [], columns: [], problems: [...problems, `${name}: the first line must name the columns, one of them \`path\` (got: ${header.join(', ') || 'nothing'})`] };
  const dupes = header.filter((h, i) => h && header.indexOf(h) !== i);
  if (dupes.length) problems.push(`${name}: column ${dupes.map((d) => `\`${d}\``).join(', ')} appears twice; the first is used`);
  const columns = header.filter((h, i) => i !== pathCol && h && header.indexOf(h) === i);
  const folder = dirname(file);
  /** @type {CorpusFilm[]} */
  const films = [];
  for (const { fields, line } of rows) {
    const row = `${name} line ${line}`;
    if (fields.length !== header.length) {
      problems.push(`${row}: ${fields.length} fields where the header has ${header.length}; a comma inside a value needs the value in "quotes"`);
      continue;
    }
    const given = fields[pathCol].trim();
    if (!given) {
      problems.push(`${row}: no path`);
      continue;
    }
    const path = resolve(folder, given);
    const problem = fileProblem(path);
    if (problem) {
      problems.push(`${row}: ${given}: ${problem}`);
      continue;
    }
    /** @type {Record<string, string>} */
    const metadata = {};
    for (const c of columns) metadata[c] = fields[header.indexOf(c)].trim();
    films.push({ row, path, name: basename(path), metadata });
  }
  return { films, columns, problems };
}

/** Why a path cannot be a film, or null. @param {string} path */
function fileProblem(path) {
  if (!existsSync(path)) return 'not found';
  const st = statSync(path);
  if (st.isDirectory()) return 'is a folder (in a manifest, each row names one file)';
  if (!st.isFile()) return 'is not a file';
  if (st.size === 0) return 'is empty';
  try {
    closeSync(openSync(path, 'r'));
  } catch (err) {
    return `cannot be read (${/** @type {NodeJS.ErrnoException} */ (err).code})`;
  }
  return null;
}

/** Videos under a folder, recursively, in name order; hidden files and folders are skipped. @param {string} dir @returns {string[]} */
function videosUnder(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...videosUnder(path));
    else if (entry.isFile() && VIDEO_EXTENSIONS.includes(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

/** Bytes hashed at a time, as the app's fingerprint (workers/decode/fingerprint.ts) does. */
const FINGERPRINT_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * The app's content fingerprint of a file (workers/decode/fingerprint.ts): SHA-256 over the size
 * and the SHA-256 of each 8 MiB piece, first 16 bytes, prefixed `w`. The same film gives the same
 * fingerprint here and in the app, whatever its name.
 * @param {string} path
 * @returns {string}
 */
export function fingerprintFile(path) {
  const size = statSync(path).size;
  const pieces = Math.ceil(size / FINGERPRINT_CHUNK_BYTES);
  const list = createHash('sha256').update(`${size}:`);
  const buf = Buffer.alloc(Math.min(FINGERPRINT_CHUNK_BYTES, Math.max(size, 1)));
  const fd = openSync(path, 'r');
  try {
    for (let i = 0; i < pieces; i++) {
      const want = Math.min(FINGERPRINT_CHUNK_BYTES, size - i * FINGERPRINT_CHUNK_BYTES);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, buf, got, want - got, i * FINGERPRINT_CHUNK_BYTES + got);
        if (n === 0) throw new Error(`${path} ended early while being read`);
        got += n;
      }
      list.update(createHash('sha256').update(buf.subarray(0, want)).digest());
    }
  } finally {
    closeSync(fd);
  }
  return `w${list.digest().subarray(0, 16).toString('hex')}`;
}

/**
 * Fingerprints every film; a film whose content another row already has is a problem naming both
 * rows (it is analysed once, under the first).
 * @param {CorpusFilm[]} films
 * @param {(done: number, total: number) => void} [onProgress]
 * @returns {{ films: (CorpusFilm & { fingerprint: string })[], problems: string[] }}
 */
export function fingerprintFilms(films, onProgress) {
  /** @type {Map<string, CorpusFilm>} */
  const seen = new Map();
  /** @type {(CorpusFilm & { fingerprint: string })[]} */
  const out = [];
  /** @type {string[]} */
  const problems = [];
  for (const [i, film] of films.entries()) {
    let fingerprint;
    try {
      fingerprint = fingerprintFile(film.path);
    } catch (err) {
      problems.push(`${film.row}: cannot be read (${/** @type {Error} */ (err).message})`);
      continue;
    }
    const first = seen.get(fingerprint);
    if (first) problems.push(`${film.row}: ${film.name} is the same film as ${first.row} (${first.name}), byte for byte; it is analysed once, under ${first.row}`);
    else {
      seen.set(fingerprint, film);
      out.push({ ...film, fingerprint });
    }
    onProgress?.(i + 1, films.length);
  }
  return { films: out, problems };
}

/**
 * What identifies a film's analysis in a corpus: its content, the model and the sampling rate
 * (not its name or path).
 * @param {string} fingerprint @param {{ id: string, version: string }} model @param {number} fps
 */
export function filmKey(fingerprint, model, fps) {
  return `${fingerprint}|${model.id}@${model.version}|${fps}fps`;
}

/** The model (`id@version`) a film's key was made for. @param {string} key */
export function keyModel(key) {
  return key.split('|')[1];
}

/**
 * The base name of a film's result files in a corpus folder: its file name's stem and the start
 * of its key's hash, so that every worker names a film the same way and two films never share one.
 * @param {string} name @param {string} key
 */
export function resultBase(name, key) {
  const stem = basename(name, extname(name)).replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_') || 'film';
  return `${stem}-${createHash('sha256').update(key).digest('hex').slice(0, 10)}.shotscale`;
}

/**
 * Applies `--map FROM=TO` rewrites to a path (the first whose FROM starts it), for workers that
 * see the files at another mount point.
 * @param {string} path @param {[string, string][]} maps
 */
export function mapPath(path, maps) {
  for (const [from, to] of maps) if (path === from || path.startsWith(from.endsWith('/') ? from : `${from}/`)) return to + path.slice(from.length);
  return path;
}
