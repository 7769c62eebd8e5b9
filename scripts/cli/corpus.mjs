#!/usr/bin/env node
// npm run corpus -- run <manifest.csv | dir | files…> --out DIR        analyse a corpus on this machine
// npm run corpus -- add <manifest.csv | dir | files…> --redis URL      queue a corpus for workers
// npm run corpus -- work --redis URL --out DIR                        analyse films from the queue
// npm run corpus -- status --redis URL [--json]                       what the queue is doing
// npm run corpus -- merge DIR --out NAME                              one project and one CSV
//
// A corpus is many films analysed with the app itself (headless Chromium, as `analyze`), each
// film's results written to the folder as soon as it is done, and merged into one comparison.
// Films are known by content fingerprint, model and rate: a run started again skips the films
// already done and resumes a half-done one from its saved seconds. Many machines share the work
// through BullMQ on Redis; a worker lost mid-film hands it on through BullMQ's stalled-job check.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { fingerprintFilms, filmKey, keyModel, mapPath, readCorpus, resultBase } from './corpus-manifest.mjs';
import { mergeCorpus } from './corpus-merge.mjs';
import { clock, CorpusProgress } from './corpus-progress.mjs';
import { analyseCorpusFilm, readRecords, recordOf } from './corpus-results.mjs';
import { sampleRate } from './film-results.mjs';
import { COMMON_OPTIONS, log, openApp, ROOT, runMain, UsageError } from './headless-app.mjs';

const DEFAULT_QUEUE = 'shotscale';
/** Films analysed in one browser before it is closed and a fresh one opened, so that a long corpus keeps a flat memory (a few seconds per ten films). */
const FILMS_PER_BROWSER = 10;

const USAGE = `usage:
  npm run corpus -- run <manifest.csv | dir | files…> --out DIR [--fps 1] [--retry-failed] [--log-every 30] [common options]
  npm run corpus -- add <manifest.csv | dir | files…> --redis redis://HOST:PORT [--queue ${DEFAULT_QUEUE}] [--fps 1] [--model card.json] [--map FROM=TO]
  npm run corpus -- work --redis URL --out DIR [--queue ${DEFAULT_QUEUE}] [--concurrency 1] [--exit-when-idle] [--name NAME] [--lock-seconds 30] [--log-every 30] [common options]
  npm run corpus -- status --redis URL [--queue ${DEFAULT_QUEUE}] [--json]
  npm run corpus -- merge DIR --out NAME
common options: --model <card.json> --backend wasm|webgpu|auto --no-build | --dist <dir> --verbose
A manifest is a CSV with a \`path\` column (relative paths from its folder) and any metadata columns.`;

const APP_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

/** Seconds between a film's progress lines in a log (not a terminal). @param {Record<string, any>} v */
function logEvery(v) {
  const sec = Number(v['log-every'] ?? '30');
  if (!(sec > 0)) throw new UsageError(`--log-every must be a number of seconds (got "${v['log-every']}")`);
  return sec;
}

/** The model a command's films are keyed by: the card given, or the app's built-in one. @param {string | undefined} card */
function modelOf(card) {
  const path = card ? resolve(card) : join(ROOT, 'public', 'models', 'default.card.json');
  if (!existsSync(path)) throw new UsageError(`--model: card not found: ${path}`);
  const c = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  if (typeof c.id !== 'string' || typeof c.version !== 'string') throw new UsageError(`${path}: a model card needs an id and a version`);
  return { id: c.id, version: c.version };
}

/**
 * The films of a corpus command's inputs, fingerprinted, as jobs; every bad row logged.
 * @param {string[]} inputs @param {{ id: string, version: string }} model @param {number} fps
 * @returns {{ jobs: import('./corpus-results.mjs').CorpusJob[], problems: string[] }}
 */
function corpusJobs(inputs, model, fps) {
  if (!inputs.length) throw new UsageError(`no manifest, folder or file given\n${USAGE}`);
  const read = readCorpus(inputs);
  for (const p of read.problems) log(`skipped: ${p}`);
  let last = 0;
  const printed = fingerprintFilms(read.films, (done, total) => {
    if (total > 20 && (done === total || performance.now() - last > 5000)) {
      last = performance.now();
      log(`fingerprinting: ${done}/${total} films`);
    }
  });
  for (const p of printed.problems) log(`skipped: ${p}`);
  const jobs = printed.films.map((f) => {
    const key = filmKey(f.fingerprint, model, fps);
    return { path: f.path, name: f.name, row: f.row, fingerprint: f.fingerprint, key, base: resultBase(f.name, key), fps, metadata: f.metadata, columns: read.columns };
  });
  return { jobs, problems: [...read.problems, ...printed.problems] };
}

/** A finished film's line. @param {import('./corpus-results.mjs').FilmRecord} r */
function recordLine(r) {
  const dur = r.durationSec != null ? `${r.durationSec.toFixed(1)} s, ` : '';
  const stretches = r.unreadable?.length ? ` (${r.unreadable.map((u) => `${u.startSec.toFixed(1)}–${u.endSec.toFixed(1)} s unreadable: ${u.reason}`).join('; ')})` : '';
  return `${r.name}: ${dur}${r.samples} samples, ${r.outcome}${stretches}${r.error ? `: ${r.error}` : ''}, ${clock(r.wallSec)}${r.files.length ? ` → ${r.files[0].replace(/\.csv$/, '.*')}` : ''}`;
}

/** `run`: the corpus on this machine, one film at a time in one app, each written when done. @param {string[]} inputs @param {Record<string, any>} v */
async function run(inputs, v) {
  if (!v.out) throw new UsageError(`--out DIR is required\n${USAGE}`);
  const fps = sampleRate(v.fps);
  const out = resolve(v.out);
  mkdirSync(out, { recursive: true });
  const { jobs, problems } = corpusJobs(inputs, modelOf(v.model), fps);
  const records = readRecords(out);
  const todo = jobs.filter((j) => {
    const r = records.get(j.key);
    if (!r) return true;
    if (r.outcome === 'failed' && v['retry-failed']) return true;
    log(`${j.name}: already ${r.outcome === 'failed' ? 'failed (--retry-failed tries again)' : r.outcome} in ${out}, skipped`);
    return false;
  });
  let failed = jobs.filter((j) => records.get(j.key)?.outcome === 'failed' && !todo.includes(j)).length;
  if (todo.length) {
    // A profile kept in the folder: a film half done when the run stopped resumes from its saved seconds.
    const open = () => openApp({ backend: v.backend, noBuild: v['no-build'], dist: v.dist, verbose: v.verbose, model: v.model, profile: join(out, '.profile'), keepDetails: false, ownSignals: true });
    let app = await open();
    checkModel(app, jobs[0]);
    const progress = new CorpusProgress({ films: todo.length, bytes: todo.reduce((n, j) => n + statSync(j.path).size, 0), logEverySec: logEvery(v) });
    let stopping = false;
    process.once('SIGINT', () => {
      stopping = true;
      progress.line('Ctrl+C: stopping after this film (its seconds are saved: run again to resume); Ctrl+C again to stop now');
      process.once('SIGINT', () => process.exit(130));
    });
    try {
      for (const [i, job] of todo.entries()) {
        if (stopping) break;
        if (i && i % FILMS_PER_BROWSER === 0) {
          await app.close();
          app = await open();
        }
        progress.start(job.key, job.name);
        const r = await analyseCorpusFilm(app, job, out, { appVersion: APP_VERSION, onProgress: (p) => progress.update(job.key, p) });
        if (r.outcome === 'failed') failed++;
        if (r.notice) progress.line(`${r.name}: ${r.notice}`);
        progress.end(job.key, recordLine(r), { bytes: statSync(job.path).size, filmSec: r.durationSec ?? 0 });
      }
    } finally {
      progress.done();
      await app.close();
    }
  }
  const all = readRecords(out);
  const done = jobs.filter((j) => all.get(j.key) && all.get(j.key)?.outcome !== 'failed').length;
  console.log(`corpus: ${done} of ${jobs.length} films done in ${out}${failed ? `, ${failed} failed` : ''}${problems.length ? `, ${problems.length} rows skipped` : ''}`);
  return failed || problems.length || done < jobs.length ? 1 : 0;
}

/** A job queued for another model is refused. @param {{ model: { card: { id: string, version: string } } }} app @param {{ key: string } | undefined} job */
function checkModel(app, job) {
  if (!job) return;
  const model = `${app.model.card.id}@${app.model.card.version}`;
  if (keyModel(job.key) !== model) throw new UsageError(`the films were keyed for ${keyModel(job.key)}, but the app runs ${model}`);
}

/** A BullMQ connection (workers need maxRetriesPerRequest null: they wait for Redis rather than fail). @param {string | undefined} url */
function redis(url) {
  if (!url) throw new UsageError(`--redis redis://HOST:PORT is required\n${USAGE}`);
  const conn = new IORedis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  conn.on('error', (err) => log(`redis ${url}: ${err.message}`));
  return conn;
}

/** `add`: every film of the inputs queued once (job id: its key). @param {string[]} inputs @param {Record<string, any>} v */
async function add(inputs, v) {
  const fps = sampleRate(v.fps);
  const maps = /** @type {string[]} */ (v.map ?? []).map((m) => {
    const i = m.indexOf('=');
    if (i <= 0) throw new UsageError(`--map takes FROM=TO (got "${m}")`);
    return /** @type {[string, string]} */ ([resolve(m.slice(0, i)), m.slice(i + 1)]);
  });
  const { jobs, problems } = corpusJobs(inputs, modelOf(v.model), fps);
  const conn = redis(v.redis);
  const queue = new Queue(v.queue ?? DEFAULT_QUEUE, { connection: conn });
  try {
    let added = 0;
    const already = /** @type {Record<string, number>} */ ({});
    for (const job of jobs) {
      const existing = await queue.getJob(job.key);
      if (existing) {
        const state = await existing.getState();
        already[state] = (already[state] ?? 0) + 1;
        continue;
      }
      await queue.add('film', { ...job, path: mapPath(job.path, maps) }, { jobId: job.key, attempts: 1, removeOnComplete: false, removeOnFail: false });
      added++;
    }
    const kept = Object.entries(already).map(([s, n]) => `${n} ${s}`).join(', ');
    console.log(`queue ${queue.name}: ${added} films added${kept ? `; already queued: ${kept}` : ''}${problems.length ? `; ${problems.length} rows skipped` : ''}`);
    return problems.length ? 1 : 0;
  } finally {
    await queue.close();
    await conn.quit().catch(() => undefined);
  }
}

/** `work`: films from the queue, analysed `--concurrency` at a time, results written to `--out`. @param {Record<string, any>} v */
async function work(v) {
  if (!v.out) throw new UsageError(`--out DIR is required\n${USAGE}`);
  const out = resolve(v.out);
  mkdirSync(out, { recursive: true });
  const concurrency = Number(v.concurrency ?? '1');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a whole number ≥ 1 (got "${v.concurrency}")`);
  const lockMs = Number(v['lock-seconds'] ?? '30') * 1000;
  if (!(lockMs >= 1000)) throw new UsageError(`--lock-seconds must be at least 1`);
  const name = v.name ?? `${hostname()}:${process.pid}`;
  const queueName = v.queue ?? DEFAULT_QUEUE;
  // One app per film in flight; each a fresh profile, no thumbnails or heatmaps stored.
  const openOne = () => openApp({ backend: v.backend, noBuild: v['no-build'], dist: v.dist, verbose: v.verbose, model: v.model, keepDetails: false, ownSignals: true });
  /** Each slot: its app and the films analysed in that browser. @type {{ app: import('./headless-app.mjs').OpenedApp, films: number }[]} */
  const slots = [];
  for (let i = 0; i < concurrency; i++) slots.push({ app: await openOne(), films: 0 });
  const free = [...slots];
  const model = `${slots[0].app.model.card.id}@${slots[0].app.model.card.version}`;
  const progress = new CorpusProgress({ films: 0, bytes: 0, open: true, logEverySec: logEvery(v) });
  /** @type {Set<() => void>} */
  const handBacks = new Set();
  let handingBack = false;

  /** @param {import('bullmq').Job} job @param {string | undefined} token */
  const processor = async (job, token) => {
    /** @type {import('./corpus-results.mjs').CorpusJob} */
    const data = job.data;
    if (keyModel(data.key) !== model) throw new UnrecoverableError(`queued for model ${keyModel(data.key)}; worker ${name} runs ${model} (start it with that model's --model)`);
    const done = recordOf(out, data);
    if (done) return { outcome: done.outcome, skipped: true, durationSec: done.durationSec, wallSec: 0, worker: name };
    if (!existsSync(data.path)) throw new UnrecoverableError(`${data.path}: not found on ${hostname()} (workers must see the films at the path queued: a shared mount, or add with --map FROM=TO)`);
    const slot = free.pop();
    if (!slot) throw new Error('no free app (more films in flight than --concurrency)');
    if (slot.films === FILMS_PER_BROWSER) {
      await slot.app.close();
      slot.app = await openOne();
      slot.films = 0;
    }
    slot.films++;
    const app = slot.app;
    progress.start(job.id ?? data.key, data.name);
    /** @type {() => void} */
    let handBack = () => undefined;
    const handedBack = new Promise((r) => (handBack = () => r('hand-back')));
    handBacks.add(handBack);
    let lastReport = 0;
    try {
      const analysed = analyseCorpusFilm(app, data, out, {
        worker: name,
        appVersion: APP_VERSION,
        onProgress: (p) => {
          progress.update(job.id ?? data.key, p);
          if (performance.now() - lastReport > 2000) {
            lastReport = performance.now();
            void job.updateProgress({ worker: name, ...p }).catch(() => undefined);
          }
        },
      });
      const first = await Promise.race([analysed, handedBack]);
      if (first === 'hand-back') {
        // Ctrl+C twice: the film goes back to the queue at once for another worker.
        analysed.catch(() => undefined);
        await job.moveToWait(token);
        progress.end(job.id ?? data.key, `${data.name}: handed back to the queue`, { bytes: 0, filmSec: 0 });
        throw new WaitingError();
      }
      const r = /** @type {import('./corpus-results.mjs').FilmRecord} */ (first);
      progress.end(job.id ?? data.key, recordLine(r), { bytes: 0, filmSec: r.durationSec ?? 0 });
      // A film that fails on its own content (damaged file) fails once, with its message.
      if (r.outcome === 'failed') throw new UnrecoverableError(r.error ?? 'the analysis failed');
      return { outcome: r.outcome, durationSec: r.durationSec, wallSec: r.wallSec, worker: name, base: data.base };
    } finally {
      handBacks.delete(handBack);
      if (!handingBack) free.push(slot);
    }
  };

  const conn = redis(v.redis);
  const worker = new Worker(queueName, processor, {
    connection: conn,
    concurrency,
    name,
    lockDuration: lockMs,
    stalledInterval: Math.max(1000, lockMs / 2),
    // A film whose worker was lost is handed on twice at most; a film that kills every worker then fails.
    maxStalledCount: 2,
  });
  worker.on('error', (err) => log(`worker ${name}: ${err.message}`));
  worker.on('stalled', (id) => progress.line(`a film's worker was lost: ${id} goes back to the queue`));
  log(`worker ${name}: ${concurrency} film${concurrency === 1 ? '' : 's'} at a time from queue ${queueName}, results to ${out}`);

  const closeAll = async () => {
    await Promise.all(slots.map((s) => s.app.close()));
    await conn.quit().catch(() => undefined);
  };
  return new Promise((finish) => {
    let stopping = false;
    const stop = async (/** @type {number} */ code) => {
      if (stopping) return;
      stopping = true;
      await worker.close();
      progress.done();
      await closeAll();
      finish(code);
    };
    const onSignal = () => {
      progress.line(`worker ${name}: finishing the film${concurrency === 1 ? '' : 's'} in flight, then stopping; Ctrl+C again to hand ${concurrency === 1 ? 'it' : 'them'} back to the queue now`);
      void stop(0);
      process.once('SIGINT', () => {
        handingBack = true;
        for (const h of handBacks) h();
      });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (v['exit-when-idle']) {
      const queue = new Queue(queueName, { connection: conn });
      const poll = setInterval(async () => {
        if (stopping || handBacks.size) return;
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused').catch(() => null);
        if (!c || Object.values(c).some((n) => n > 0)) return;
        clearInterval(poll);
        log(`worker ${name}: the queue is empty, stopping`);
        await queue.close();
        void stop(0);
      }, 2000);
    }
  });
}

/** `status`: the queue's films, workers, throughput and time left. @param {Record<string, any>} v */
async function status(v) {
  const conn = redis(v.redis);
  const queue = new Queue(v.queue ?? DEFAULT_QUEUE, { connection: conn });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'paused');
    const active = await queue.getJobs(['active']);
    const completed = await queue.getJobs(['completed']);
    const failed = await queue.getJobs(['failed']);
    const workers = await queue.getWorkers().catch(() => []);
    const filmSec = completed.reduce((n, j) => n + (j.returnvalue?.durationSec ?? 0), 0);
    const analysed = completed.filter((j) => !j.returnvalue?.skipped);
    const first = Math.min(...analysed.map((j) => j.processedOn ?? Infinity));
    const last = Math.max(...analysed.map((j) => j.finishedOn ?? 0));
    const wallSec = analysed.length && last > first ? (last - first) / 1000 : 0;
    const filmsPerSec = wallSec ? analysed.length / wallSec : 0;
    const left = (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0) + (counts.active ?? 0);
    const report = {
      queue: queue.name,
      counts,
      workers: workers.map((w) => ({ name: w.name, addr: w.addr })),
      active: active.map((j) => ({ film: j.data.name, path: j.data.path, worker: j.progress?.worker ?? null, done: j.progress?.done ?? 0, total: j.progress?.total ?? null, etaSec: j.progress?.etaSec ?? null })),
      failed: failed.map((j) => ({ film: j.data.name, path: j.data.path, reason: j.failedReason })),
      filmHoursPerHour: wallSec ? filmSec / wallSec : null,
      filmsPerHour: wallSec ? filmsPerSec * 3600 : null,
      leftSec: filmsPerSec ? left / filmsPerSec : null,
    };
    if (v.json) {
      console.log(JSON.stringify(report, null, 1));
      return 0;
    }
    console.log(`queue ${report.queue}: ${counts.completed} done, ${counts.active} active, ${(counts.waiting ?? 0) + (counts.prioritized ?? 0)} waiting, ${counts.failed} failed; ${workers.length} worker connection${workers.length === 1 ? '' : 's'}`);
    if (report.filmHoursPerHour !== null) console.log(`${report.filmHoursPerHour.toFixed(2)} film-hours per hour, ${report.filmsPerHour?.toFixed(1)} films per hour${report.leftSec !== null ? `, ~${clock(report.leftSec)} left` : ''}`);
    for (const a of report.active) console.log(`active: ${a.film} on ${a.worker ?? '?'}: ${a.done}/${a.total ?? '?'} s${a.etaSec != null ? `, ~${clock(a.etaSec)} left` : ''}`);
    for (const f of report.failed) console.log(`failed: ${f.film} (${f.path}): ${f.reason}`);
    return 0;
  } finally {
    await queue.close();
    await conn.quit().catch(() => undefined);
  }
}

runMain(async () => {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      fps: { type: 'string' },
      redis: { type: 'string' },
      queue: { type: 'string' },
      map: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      'exit-when-idle': { type: 'boolean', default: false },
      name: { type: 'string' },
      'lock-seconds': { type: 'string' },
      'retry-failed': { type: 'boolean', default: false },
      'log-every': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case 'run':
      return run(positionals, values);
    case 'add':
      return add(positionals, values);
    case 'work':
      return work(values);
    case 'status':
      return status(values);
    case 'merge': {
      if (positionals.length !== 1) throw new UsageError(`merge takes one corpus folder\n${USAGE}`);
      if (!values.out) throw new UsageError(`--out NAME is required\n${USAGE}`);
      const dir = resolve(positionals[0]);
      if (!existsSync(dir)) throw new UsageError(`${dir}: no such folder`);
      const t0 = performance.now();
      const m = mergeCorpus(dir, resolve(values.out));
      if (!m.films && !m.failed) throw new UsageError(`${dir} holds no finished films (no *.corpus.json)`, 1);
      console.log(`merged ${m.films} films${m.failed ? ` (and ${m.failed} failed, listed in the CSV)` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${m.project}, ${m.csv}${m.columns.length ? `; metadata: ${m.columns.join(', ')}` : ''}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
});

