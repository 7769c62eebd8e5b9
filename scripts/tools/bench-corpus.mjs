#!/usr/bin/env node
// npm run bench:corpus -- [--films 8] [--seconds 30] [--size 640x360] [--many 100] [--many-seconds 6] [--only throughput|many] [--json <file>] [--no-build | --dist <dir>]
//
// Measures the corpus commands on generated films, in one run on this machine:
// 1. throughput: the same corpus through `analyze` (all films in one command, the baseline), one
//    `analyze` per film, `corpus run`, and `corpus work` with 1 and with 2 workers on one Redis:
//    films per hour, film-hours per hour, the ratio to the baseline, and what a worker costs beyond
//    its films (start-up, model load, queue round-trips) as a share of the films' own time;
// 2. a many-film corpus through `run` and through `work`: resident memory of the browser as the
//    films go by (flat, or growing), disk per film-hour in the folder and in the kept profile, the
//    merge's time, and the app opening the merged project.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../cli/chromium.mjs';
import { DIST, ensureBuild, log, ROOT, runMain, serveStatic } from '../cli/headless-app.mjs';
import { descendants, processTable } from './bench-cpu-time.mjs';

const SOURCES = ['testsrc2', 'mandelbrot', 'smptebars', 'testsrc', 'rgbtestsrc', 'smptehdbars', 'yuvtestsrc'];

/** A generated film of `seconds` in shots of 3–7 s from different sources. @param {string} out @param {number} seconds @param {string} size @param {number} seed */
function makeFilm(out, seconds, size, seed) {
  const shots = [];
  for (let t = 0, k = seed; t < seconds; k++) {
    const len = Math.min(seconds - t, 3 + ((k * 7) % 5));
    shots.push([SOURCES[k % SOURCES.length], len]);
    t += len;
  }
  const inputs = shots.flatMap(([src, sec]) => ['-f', 'lavfi', '-t', String(sec), '-i', `${src}=size=${size}:rate=24`]);
  const prep = shots.map((_, i) => `[${i}:v]setsar=1,format=yuv420p[v${i}]`).join(';');
  // Each film its own: the same sources recur, so each film's pictures are tinted differently.
  const filter = `${prep};${shots.map((_, i) => `[v${i}]`).join('')}concat=n=${shots.length}:v=1,hue=h=${(seed * 37) % 360}[v]`;
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', filter, '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '48', '-pix_fmt', 'yuv420p', '-metadata', `comment=shotscale bench film ${seed}`, out]);
}

/** Resident memory (MiB) of every process below `root`. @param {number} root */
function treeRssMb(root) {
  const table = processTable();
  if (!table) return NaN;
  let pages = 0;
  for (const pid of descendants(table, root)) {
    try {
      pages += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    } catch {
      // ended while read
    }
  }
  return (pages * 4096) / 2 ** 20;
}

/** Bytes under a path. @param {string} path @returns {number} */
function du(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, e) => n + du(join(path, e)), 0);
}

/**
 * Runs scripts/cli/<name>.mjs; its wall time, output and, every second, the memory of its
 * browser with the number of films finished in `watch` (a corpus folder).
 * @param {string} name @param {string[]} args @param {{ watch?: string }} [opts]
 * @returns {Promise<{ code: number | null, wallSec: number, stdout: string, stderr: string, memory: { films: number, mb: number }[] }>}
 */
function cli(name, args, opts = {}) {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'cli', `${name}.mjs`), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    /** @type {{ films: number, mb: number }[]} */
    const memory = [];
    const timer = setInterval(() => {
      if (!opts.watch || !child.pid) return;
      const films = existsSync(opts.watch) ? readdirSync(opts.watch).filter((n) => n.endsWith('.corpus.json')).length : 0;
      memory.push({ films, mb: treeRssMb(child.pid) });
    }, 1000);
    child.on('close', (code) => {
      clearInterval(timer);
      done({ code, wallSec: (performance.now() - t0) / 1000, stdout, stderr, memory });
    });
  });
}

async function freePort() {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => done(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The films' records in a corpus folder. @param {string} dir */
function records(dir) {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.corpus.json'))
    .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')));
}

/** Memory at a few points of a corpus: the median of the samples taken while the n-th films were done. @param {{ films: number, mb: number }[]} memory @param {number} total */
function memoryAlong(memory, total) {
  const at = [0.1, 0.25, 0.5, 0.75, 1].map((f) => Math.max(1, Math.round(total * f)));
  return Object.fromEntries(
    at.map((n) => {
      const near = memory.filter((m) => m.films >= n - Math.max(1, total * 0.05) && m.films <= n && m.mb > 0).map((m) => m.mb).sort((a, b) => a - b);
      return [n, near.length ? Math.round(near[Math.floor(near.length / 2)]) : null];
    }),
  );
}

runMain(async () => {
  const { values: v } = parseArgs({
    options: {
      films: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '30' },
      size: { type: 'string', default: '640x360' },
      many: { type: 'string', default: '100' },
      'many-seconds': { type: 'string', default: '6' },
      json: { type: 'string' },
      only: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      dist: { type: 'string' },
    },
  });
  const dist = v.dist ?? (ensureBuild({ skip: v['no-build'] }), DIST);
  const common = ['--dist', dist, '--backend', 'wasm'];
  const work = mkdtempSync(join(tmpdir(), 'shotscale-bench-corpus-'));
  const n = Number(v.films);
  const sec = Number(v.seconds);
  log(`generating ${n} films of ${sec} s at ${v.size} and ${v.many} of ${v['many-seconds']} s at 320x180 in ${work}…`);
  const filmsDir = join(work, 'films');
  mkdirSync(filmsDir);
  const films = Array.from({ length: n }, (_, i) => join(filmsDir, `film-${String(i + 1).padStart(2, '0')}.mp4`));
  films.forEach((f, i) => makeFilm(f, sec, v.size, i));
  const filmHours = (n * sec) / 3600;
  /** @type {Record<string, any>} */
  const report = { date: new Date().toISOString(), machine: `${(await import('node:os')).cpus().length} cores`, films: n, filmSec: sec, size: v.size, throughput: {}, many: {} };

  const line = (/** @type {string} */ name, /** @type {number} */ wallSec, /** @type {number} */ base) => {
    report.throughput[name] = { wallSec: +wallSec.toFixed(1), filmsPerHour: +((n / wallSec) * 3600).toFixed(1), filmHoursPerHour: +((filmHours / wallSec) * 3600).toFixed(2), ratioToAnalyze: +(base / wallSec).toFixed(2) };
    console.log(`${name.padEnd(26)} ${wallSec.toFixed(1).padStart(7)} s  ${report.throughput[name].filmsPerHour.toFixed(0).padStart(6)} films/h  ${report.throughput[name].filmHoursPerHour.toFixed(2).padStart(6)} film-h/h  ×${report.throughput[name].ratioToAnalyze.toFixed(2)} of analyze`);
  };

  async function throughput() {
    // 1. Throughput.
    const a = await cli('analyze', [...films, '--out', join(work, 'analyze'), ...common]);
    if (a.code !== 0) throw new Error(`analyze failed:\n${a.stderr}`);
    line('analyze (one command)', a.wallSec, a.wallSec);
    let each = 0;
    for (const f of films) {
      const r = await cli('analyze', [f, '--out', join(work, 'analyze-each'), ...common]);
      each += r.wallSec;
    }
    line('analyze (one per film)', each, a.wallSec);
    const run = await cli('corpus', ['run', filmsDir, '--out', join(work, 'run'), ...common]);
    if (run.code !== 0) throw new Error(`corpus run failed:\n${run.stderr}`);
    line('corpus run', run.wallSec, a.wallSec);

    for (const workers of [1, 2]) {
      const queue = `bench-${workers}`;
      const out = join(work, `work-${workers}`);
      const t0 = performance.now();
      const added = await cli('corpus', ['add', filmsDir, '--redis', url, '--queue', queue]);
      if (added.code !== 0) throw new Error(`corpus add failed:\n${added.stderr}`);
      const ran = await Promise.all(Array.from({ length: workers }, (_, i) => cli('corpus', ['work', '--redis', url, '--queue', queue, '--out', out, '--name', `w${i + 1}`, '--exit-when-idle', ...common])));
      const wallSec = (performance.now() - t0) / 1000;
      if (ran.some((r) => r.code !== 0)) throw new Error(`corpus work failed:\n${ran.map((r) => r.stderr).join('\n')}`);
      line(`corpus work, ${workers} worker${workers === 1 ? '' : 's'}`, wallSec, a.wallSec);
      // A worker's own cost: its wall time beyond the films it analysed (their wall time in the app).
      const recs = records(out);
      const filmWall = recs.reduce((s, r) => s + r.wallSec, 0);
      const workerWall = ran.reduce((s, r) => s + r.wallSec, 0);
      report.throughput[`corpus work, ${workers} worker${workers === 1 ? '' : 's'}`].overheadShare = +((workerWall - filmWall) / filmWall).toFixed(3);
      console.log(`  beyond its films a worker spent ${(workerWall - filmWall).toFixed(1)} s of ${workerWall.toFixed(1)} s (start-up, model load, queue, waiting for an empty queue): ${(((workerWall - filmWall) / filmWall) * 100).toFixed(0)} % of the films' own ${filmWall.toFixed(1)} s`);
    }

  }
  async function manyFilms() {
    // 2. Many films.
    const many = Number(v.many);
    const manySec = Number(v['many-seconds']);
    const manyDir = join(work, 'many');
    mkdirSync(manyDir);
    const rows = ['path,title,year,director'];
    for (let i = 0; i < many; i++) {
      const f = join(manyDir, `m-${String(i + 1).padStart(3, '0')}.mp4`);
      makeFilm(f, manySec, '320x180', i);
      rows.push(`${f},Film ${i + 1},${1950 + (i % 50)},Director ${String.fromCharCode(65 + (i % 6))}`);
    }
    writeFileSync(join(manyDir, 'corpus.csv'), rows.join('\n') + '\n');
    const manyHours = (many * manySec) / 3600;
    for (const mode of ['run', 'work']) {
      const out = join(work, `many-${mode}`);
      let r;
      if (mode === 'run') r = await cli('corpus', ['run', join(manyDir, 'corpus.csv'), '--out', out, ...common], { watch: out });
      else {
        await cli('corpus', ['add', join(manyDir, 'corpus.csv'), '--redis', url, '--queue', 'bench-many']);
        r = await cli('corpus', ['work', '--redis', url, '--queue', 'bench-many', '--out', out, '--exit-when-idle', ...common], { watch: out });
      }
      if (r.code !== 0) throw new Error(`corpus ${mode} failed:\n${r.stderr}`);
      const folderBytes = du(out) - du(join(out, '.profile'));
      const profileBytes = du(join(out, '.profile'));
      const mem = memoryAlong(r.memory, many);
      report.many[mode] = { films: many, wallSec: +r.wallSec.toFixed(1), memoryMbAtFilm: mem, folderMbPerFilmHour: +(folderBytes / 2 ** 20 / manyHours).toFixed(1), profileMb: +(profileBytes / 2 ** 20).toFixed(1) };
      console.log(`${many} films through ${mode}: ${r.wallSec.toFixed(0)} s; browser memory (MiB) after film ${Object.entries(mem).map(([k, m]) => `${k}: ${m}`).join(', ')}; results ${(folderBytes / 2 ** 20 / manyHours).toFixed(1)} MiB per film-hour${mode === 'run' ? `, kept profile ${(profileBytes / 2 ** 20).toFixed(1)} MiB` : ''}`);
    }
    const merged = await cli('corpus', ['merge', join(work, 'many-run'), '--out', join(work, 'many')]);
    if (merged.code !== 0) throw new Error(`merge failed:\n${merged.stderr}`);
    report.many.mergeSec = +merged.wallSec.toFixed(2);
    report.many.projectMb = +(statSync(join(work, 'many.shotscale.json')).size / 2 ** 20).toFixed(2);
    console.log(`merge of ${many} films: ${merged.wallSec.toFixed(2)} s (the command, node start included); project ${report.many.projectMb} MiB`);
    report.many.openSec = await openInApp(dist, join(work, 'many.shotscale.json'));
    console.log(`the app opened the ${many}-film project in ${report.many.openSec.toFixed(2)} s (file picked to its films listed)`);
  }
  const redisDir = join(work, 'redis');
  mkdirSync(redisDir);
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', ''], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const url = `redis://127.0.0.1:${port}`;
  try {
    if (v.only !== 'many') await throughput();
    if (v.only !== 'throughput') await manyFilms();
  } finally {
    redis.kill('SIGTERM');
  }
  if (v.json) {
    mkdirSync(dirname(v.json), { recursive: true });
    writeFileSync(v.json, JSON.stringify(report, null, 1));
  }
  rmSync(work, { recursive: true, force: true });
  return 0;
});

/**
 * Seconds from picking a corpus project file in the app to its table showing the first films.
 * @param {string} dist @param {string} file
 */
async function openInApp(dist, file) {
  const server = await serveStatic(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ serviceWorkers: 'block' });
    await page.goto(server.url);
    await page.waitForFunction(() => 'shotscale' in window);
    const t0 = performance.now();
    await page.getByTestId('project-input').setInputFiles(file);
    await page.locator('[data-testid=corpus-table] [data-testid=corpus-row]').first().waitFor({ timeout: 60_000 });
    return (performance.now() - t0) / 1000;
  } finally {
    await browser.close();
    await server.close();
  }
}
