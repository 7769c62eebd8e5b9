// Shared plumbing of the headless CLI scripts (analyze.mjs, eval.mjs): make sure the production
// build exists, serve it with cross-origin isolation, and open the app in headless Chromium.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { securityHeaders } from '../build/security-headers.mjs';

/** Repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Where `vite build` writes the app. */
export const DIST = join(ROOT, 'dist');

/** The same headers as `npm start` (isolation for multi-threaded WASM, Content-Security-Policy). */
const HEADERS = securityHeaders();

/** @type {Record<string, string>} */
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.task': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.data': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json',
};

/** Exit code for bad usage or bad input (missing files, unknown labels). */
/** Command-line options every headless command takes (parseArgs format). */
export const COMMON_OPTIONS = /** @type {const} */ ({
  backend: { type: 'string', default: 'auto' },
  model: { type: 'string' },
  'no-build': { type: 'boolean', default: false },
  dist: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
});

/** `--face short|full`, `--pose lite|full`: which MediaPipe networks the page loads (measuring levers). */
export const VISION_MODEL_OPTIONS = /** @type {const} */ ({
  face: { type: 'string', default: 'short' },
  pose: { type: 'string', default: 'lite' },
});

/**
 * Makes the page use the MediaPipe networks `--face` and `--pose` name.
 * @param {import('@playwright/test').Page} page
 * @param {{ face?: string, pose?: string }} values
 */
export async function useVisionModels(page, values) {
  const face = values.face ?? 'short';
  const pose = values.pose ?? 'lite';
  if (!['short', 'full'].includes(face)) throw new UsageError(`--face must be short or full (got ${face})`);
  if (!['lite', 'full'].includes(pose)) throw new UsageError(`--pose must be lite or full (got ${pose})`);
  const used = await page.evaluate((m) => window.shotscale.setVisionModels(m), { face: /** @type {'short'|'full'} */ (face), pose: /** @type {'lite'|'full'} */ (pose) });
  if (face !== 'short' || pose !== 'lite') log(`vision models: face ${used.face}, pose ${used.pose}`);
}

export const EXIT_USAGE = 2;

/** An error that should end the command with a message and no stack. */
export class UsageError extends Error {
  /** @param {string} message @param {number} [code] */
  constructor(message, code = EXIT_USAGE) {
    super(message);
    this.code = code;
  }
}

/** Prints to stderr. @param {...unknown} parts */
export function log(...parts) {
  process.stderr.write(parts.map(String).join(' ') + '\n');
}

/**
 * Newest modification time under `path` (a file or a folder, recursively).
 * @param {string} path
 * @returns {number}
 */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds dist/ with `vite build` when it is missing or older than its sources.
 * @param {{ skip?: boolean }} [opts] skip: never build (fail if dist/ is missing)
 */
export function ensureBuild(opts = {}) {
  const index = join(DIST, 'index.html');
  if (opts.skip) {
    if (!existsSync(index)) throw new UsageError('dist/ is missing; run `npx vite build` first (or drop --no-build).');
    return;
  }
  // What the build reads: the app, its assets, and the build steps under scripts/build/.
  const sources = ['src', 'workers', 'public', 'index.html', 'vite.config.ts', join('scripts', 'build')].map((p) => join(ROOT, p));
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const newest = Math.max(...sources.map(newestMtime));
  if (built >= newest) return;
  log(built ? 'dist/ is older than the sources: running vite build…' : 'dist/ is missing: running vite build…');
  if (!existsSync(join(ROOT, 'public', 'vendor'))) run(process.execPath, [join(ROOT, 'scripts', 'build', 'vendor-assets.mjs')]);
  run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
}

/** @param {string} cmd @param {string[]} args */
function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  if (r.status !== 0) throw new UsageError(`${[cmd, ...args].join(' ')} failed (exit ${r.status})`, 1);
}

/**
 * Serves a folder on 127.0.0.1 (a free port) with cross-origin isolation headers.
 * @param {string} dir
 * @param {{ onRequest?: (method: string, path: string) => void, port?: number }} [opts] onRequest: sees every request;
 *   port: listen on this port, or on a free one where it is taken (0 or absent: a free one)
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function serveStatic(dir, opts = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    opts.onRequest?.(req.method ?? '', req.url ?? '');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...HEADERS }).end('Not found\n');
      return;
    }
    const size = statSync(file).size;
    res.writeHead(200, {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-cache',
      ...HEADERS,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolveServer, reject) => {
    const listen = (/** @type {number} */ port) => {
      server.once('error', (err) => {
        if (port && /** @type {NodeJS.ErrnoException} */ (err).code === 'EADDRINUSE') listen(0);
        else reject(err);
      });
      server.listen(port, '127.0.0.1', () => {
        server.removeAllListeners('error');
        const addr = server.address();
        const bound = typeof addr === 'object' && addr ? addr.port : 0;
        resolveServer({
          url: `http://127.0.0.1:${bound}/`,
          port: bound,
          close: () => new Promise((done) => server.close(() => done())),
        });
      });
    };
    listen(opts.port ?? 0);
  });
}

/**
 * @typedef {object} OpenedApp
 * @property {import('@playwright/test').Page} page
 * @property {import('@playwright/test').Browser | null} browser null for a kept profile
 * @property {{ card: { id: string, version: string, classes: string[] }, backend: string, threads: number, backendNote: string, loadMs: number, warmupMs: number }} model
 * @property {() => Promise<void>} close
 */

/** Where a kept profile remembers the port its app was served on (its saved analyses belong to that origin). */
const PROFILE_PORT_FILE = 'shotscale-port';

/**
 * Builds if needed, serves dist/, opens the app in headless Chromium and waits for the model.
 * @param {{ backend?: string, noBuild?: boolean, dist?: string, verbose?: boolean, chromiumArgs?: string[], model?: string, profile?: string, keepDetails?: boolean, ownSignals?: boolean }} opts
 *   dist: serve this build instead of dist/ (never rebuilt); chromiumArgs: more Chromium flags;
 *   model: a model card (.json) whose ONNX file (the card's `file`, beside it) is added through
 *   the app's model picker and used instead of the built-in model; profile: a browser profile
 *   folder kept between runs (its saved analyses let a half-done film resume; the app is served
 *   on the same port as before where it is free, since the analyses belong to that origin),
 *   instead of a fresh one; keepDetails: false stores no thumbnails or heatmaps; ownSignals: the
 *   command handles Ctrl+C and SIGTERM itself (Playwright would otherwise close the browser and exit)
 * @returns {Promise<OpenedApp>}
 */
export async function openApp(opts) {
  const backend = opts.backend ?? 'auto';
  if (!['auto', 'wasm', 'webgpu'].includes(backend)) throw new UsageError(`--backend must be wasm, webgpu or auto (got "${backend}")`);
  const modelFiles = opts.model ? userModelFiles(opts.model) : null;
  let dir = DIST;
  if (opts.dist) {
    dir = resolve(opts.dist);
    if (!existsSync(join(dir, 'index.html'))) throw new UsageError(`--dist ${dir} has no index.html`);
  } else ensureBuild({ skip: opts.noBuild });
  const portFile = opts.profile ? join(opts.profile, PROFILE_PORT_FILE) : '';
  const savedPort = portFile && existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) || 0 : 0;
  const server = await serveStatic(dir, { port: savedPort });
  if (portFile) {
    mkdirSync(opts.profile, { recursive: true });
    if (savedPort && server.port !== savedPort) log(`port ${savedPort} is taken: analyses saved in ${opts.profile} are not resumed`);
    writeFileSync(portFile, String(server.port));
  }
  const args = [...CHROMIUM_ARGS, ...(opts.chromiumArgs ?? [])];
  if (backend === 'webgpu') args.push('--enable-unsafe-webgpu');
  // A fresh profile (nothing restored from earlier runs) unless one is kept; no service worker (it would only precache).
  const launch = { executablePath: CHROMIUM_PATH, headless: true, args, ...(opts.ownSignals ? { handleSIGINT: false, handleSIGTERM: false } : {}) };
  /** @type {import('@playwright/test').Browser | null} */
  let browser = null;
  /** @type {import('@playwright/test').BrowserContext} */
  let context;
  if (opts.profile) context = await chromium.launchPersistentContext(opts.profile, { ...launch, serviceWorkers: 'block' });
  else {
    browser = await chromium.launch(launch);
    context = await browser.newContext({ serviceWorkers: 'block' });
  }
  const close = async () => {
    await (browser ?? context).close().catch(() => undefined);
    await server.close();
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => log('[page error]', e.message));
    page.on('console', (m) => {
      if (opts.verbose || m.type() === 'error') log(`[page ${m.type()}]`, m.text());
    });
    await page.goto(backend === 'auto' ? server.url : `${server.url}?backend=${backend}`);
    await page.waitForFunction(() => 'shotscale' in window, undefined, { timeout: 60_000 });
    if (opts.keepDetails === false) await page.evaluate(() => window.shotscale.setKeepDetails(false));
    if (modelFiles) await addUserModel(page, modelFiles);
    const model = await page.evaluate(async () => {
      const info = await window.shotscale.model();
      return { card: { id: info.card.id, version: info.card.version, classes: info.card.classes }, backend: info.backend, threads: info.threads, backendNote: info.backendNote, loadMs: info.loadMs, warmupMs: info.warmupMs };
    });
    const isolated = await page.evaluate(() => window.crossOriginIsolated);
    log(`model ${model.card.id}@${model.card.version} on ${model.backend}${model.backend === 'wasm' ? ` (${model.threads} thread${model.threads === 1 ? '' : 's'})` : ''}${model.backendNote ? ` — ${model.backendNote}` : ''}${isolated ? '' : ' [not cross-origin isolated]'}; loaded in ${Math.round(model.loadMs + model.warmupMs)} ms`);
    return { page, browser: browser ?? context.browser(), model, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The card and ONNX file of `--model <card.json>` (the ONNX named by the card's `file`, beside it).
 * @param {string} cardPath
 * @returns {string[]}
 */
export function userModelFiles(cardPath) {
  const card = resolve(cardPath);
  if (!existsSync(card) || !statSync(card).isFile()) throw new UsageError(`--model: card not found: ${card}`);
  let file;
  try {
    file = JSON.parse(readFileSync(card, 'utf8').replace(/^\uFEFF/, '')).file;
  } catch (err) {
    throw new UsageError(`--model: ${card} is not valid JSON (${/** @type {Error} */ (err).message})`);
  }
  if (typeof file !== 'string' || !file) throw new UsageError(`--model: ${card} has no \`file\` naming its ONNX file`);
  const onnx = resolve(dirname(card), file);
  if (!existsSync(onnx)) throw new UsageError(`--model: ${onnx} (the card's \`file\`) not found`);
  return [card, onnx];
}

/**
 * Adds a user's model through the app's own model picker and waits until it is checked, saved and
 * chosen; a model the app refuses ends the command with the app's messages.
 * @param {import('@playwright/test').Page} page
 * @param {string[]} files card and ONNX paths
 */
export async function addUserModel(page, files) {
  await page.getByTestId('model-input').setInputFiles(files);
  const outcome = await page.evaluate(() => window.shotscale.modelsIdle());
  if (outcome.problems) throw new UsageError(`--model: ${outcome.problems.title}:\n  - ${outcome.problems.problems.join('\n  - ')}`);
}

/**
 * Runs a CLI main function: usage errors print their message and exit with their code.
 * @param {() => Promise<number>} main resolves to the exit code
 */
export function runMain(main) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      if (err instanceof UsageError) {
        log(`error: ${err.message}`);
        process.exit(err.code);
      }
      log(err?.stack ?? String(err));
      process.exit(1);
    },
  );
}
