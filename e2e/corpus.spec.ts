import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { parseCsv } from '../scripts/cli/csv.mjs';
import { runScript, startScript, type Started } from './cli-run';
import { editWithCuts, fixture } from './fixtures';
import { filmCard, openApp } from './helpers';
import { startRedis, type TestRedis } from './redis';
import { expect, test } from './test';

// A corpus, not a film (issue 22): six films with a scholar's metadata, one of them damaged beyond
// reading and one listed twice under two names, analysed headless on one machine (`corpus run`,
// stopped mid-film and started again) and through a real BullMQ queue on Redis by two workers, one
// of them killed mid-film and Redis restarted; every good film's results equal `analyze`'s on the
// same file, and `merge` makes one project and one CSV.

test.describe.configure({ mode: 'serial' });

const LONG = 'long.mp4';

interface FilmDoc {
  film: { name: string; fingerprint: string };
  shots: unknown[];
  seconds: unknown[];
  stats: Record<string, unknown>;
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as FilmDoc;
/** A film's JSON written in a corpus folder (`<stem>-<hash>.shotscale.json`). */
function corpusDoc(dir: string, stem: string): FilmDoc {
  const names = readdirSync(dir).filter((n) => n.startsWith(`${stem}-`) && n.endsWith('.shotscale.json'));
  expect(names, `${stem} in ${dir}`).toHaveLength(1);
  return read(join(dir, names[0]));
}
function record(dir: string, stem: string): Record<string, any> {
  const names = readdirSync(dir).filter((n) => n.startsWith(`${stem}-`) && n.endsWith('.corpus.json'));
  expect(names, `${stem} record in ${dir}`).toHaveLength(1);
  return JSON.parse(readFileSync(join(dir, names[0]), 'utf8'));
}
/** The same analysis: shots, every sampled second and the statistics. */
function expectSameAnalysis(got: FilmDoc, want: FilmDoc, what: string): void {
  expect(got.film.fingerprint, what).toBe(want.film.fingerprint);
  expect(got.shots, `${what}: shots`).toEqual(want.shots);
  expect(got.seconds, `${what}: seconds`).toEqual(want.seconds);
  expect(got.stats, `${what}: statistics`).toEqual(want.stats);
}

/** Waits until `check` of the output is true (polling), or fails with the output. */
async function waitForOutput(run: Started, check: (stderr: string) => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!check(run.output().stderr)) {
    if (run.output().code !== null) throw new Error(`${what}: the command ended first:\n${run.output().stderr}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not seen in ${timeoutMs} ms:\n${run.output().stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let work = '';
let films = '';
let manifest = '';
let reference = '';
const GOOD = ['long', 'alpha', 'cleo', 'bonheur'];

test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'shotscale-corpus-'));
  films = join(work, 'films');
  for (const d of ['godard', 'varda']) mkdirSync(join(films, d), { recursive: true });
  // Edits of generated shots at 24 fps (frames per shot): 100 s, 8 s, 6 s and 7 s.
  editWithCuts(join(films, 'godard', LONG), [480, 480, 480, 480, 480]);
  editWithCuts(join(films, 'godard', 'alpha.mp4'), [96, 96]);
  editWithCuts(join(films, 'varda', 'cleo.mp4'), [72, 72]);
  editWithCuts(join(films, 'varda', 'bonheur.mp4'), [72, 24, 72]);
  copyFileSync(join(films, 'godard', 'alpha.mp4'), join(films, 'godard', 'alpha-copy.mp4'));
  copyFileSync(fixture('damaged-all.mp4'), join(films, 'broken.mp4'));
  manifest = join(films, 'corpus.csv');
  writeFileSync(
    manifest,
    [
      'path,title,year,director',
      `godard/${LONG},Week-end,1967,Jean-Luc Godard`,
      'godard/alpha.mp4,Alphaville,1965,Jean-Luc Godard',
      'varda/cleo.mp4,Cléo de 5 à 7,1962,"Varda, Agnès"',
      'varda/bonheur.mp4,Le Bonheur,1965,"Varda, Agnès"',
      'broken.mp4,Broken,1980,Nobody',
      'godard/alpha-copy.mp4,Alphaville (copy),1965,Jean-Luc Godard',
    ].join('\n') + '\n',
  );
  reference = join(work, 'analyze');
});

test('analyze: the reference results of each good film', async () => {
  test.setTimeout(240_000);
  const run = await runScript('analyze', [...GOOD.map((s) => join(films, s.match(/long|alpha/) ? 'godard' : 'varda', `${s}.mp4`)), '--out', reference]);
  expect(run.code, run.stderr).toBe(0);
  for (const s of GOOD) expect(existsSync(join(reference, `${s}.shotscale.json`)), s).toBe(true);
});

// The resumed scan decodes the frames the first run decoded (every sample time's, not only those
// still to do): with skipping, a scan told only the later samples left other frames out and found a
// wipe where the first run had stopped.
test('run: a corpus on one machine, stopped mid-film by SIGKILL and started again, resumes and equals analyze', async () => {
  test.setTimeout(420_000);
  const out = join(work, 'run');
  const args = ['run', manifest, '--out', out, '--log-every', '1'];
  const first = startScript('corpus', args);
  // The long film comes first: killed once it has analysed some of its seconds.
  await waitForOutput(first, (s) => /long\.mp4: (1\d|[2-9]\d)\/100 s/.test(s), 180_000, 'long.mp4 under way');
  first.child.kill('SIGKILL');
  await first.ended;
  expect(existsSync(join(out, '.profile')), 'the kept profile').toBe(true);
  expect(readdirSync(out).filter((n) => n.endsWith('.corpus.json')), 'no film finished yet').toEqual([]);

  const second = await runScript('corpus', args);
  // Bad rows are named, the rest goes on; the damaged film failed with its message; exit 1 says so.
  expect(second.code, second.stderr).toBe(1);
  expect(second.stderr).toContain('skipped: corpus.csv line 7: alpha-copy.mp4 is the same film as corpus.csv line 3 (alpha.mp4), byte for byte');
  expect(second.stderr).toMatch(/broken\.mp4: [\d.]+ s, 0 samples, failed: Decoding failed\. No frame of the film could be decoded/);
  expect(second.stderr).toMatch(/long\.mp4: Restored ([1-9]\d) of 100 seconds saved earlier/);
  expect(second.stdout).toContain(`corpus: 4 of 5 films done in ${out}, 1 failed, 1 rows skipped`);
  for (const s of GOOD) expectSameAnalysis(corpusDoc(out, s), read(join(reference, `${s}.shotscale.json`)), `run: ${s}`);
  const rec = record(out, 'cleo');
  expect(rec.metadata).toEqual({ title: 'Cléo de 5 à 7', year: '1962', director: 'Varda, Agnès' });
  expect(rec.outcome).toBe('done');
  expect(record(out, 'broken')).toMatchObject({ outcome: 'failed', error: expect.stringContaining('No frame of the film could be decoded') });

  // Started again: every film is known by content, model and rate, and nothing is analysed twice.
  const third = await runScript('corpus', args);
  expect(third.code).toBe(1);
  for (const s of GOOD) expect(third.stderr).toContain(`${s}.mp4: already done in ${out}, skipped`);
  expect(third.stderr).toContain('broken.mp4: already failed (--retry-failed tries again)');
  expect(third.stderr).not.toContain('model shotscale');

  // Merged: one CSV row per film with its metadata, and a corpus project.
  const merged = await runScript('corpus', ['merge', out, '--out', join(work, 'merged')], { dist: false });
  expect(merged.code, merged.stderr).toBe(0);
  expect(merged.stdout).toContain('merged 4 films (and 1 failed, listed in the CSV)');
  const rows = parseCsv(readFileSync(join(work, 'merged.csv'), 'utf8'));
  const head = rows[0];
  expect(head.slice(0, 5)).toEqual(['name', 'outcome', 'title', 'year', 'director']);
  const byName = Object.fromEntries(rows.slice(1).map((r) => [r[0], Object.fromEntries(head.map((h, i) => [h, r[i]]))]));
  expect(Object.keys(byName)).toEqual([LONG, 'alpha.mp4', 'cleo.mp4', 'bonheur.mp4', 'broken.mp4']);
  expect(byName['cleo.mp4']).toMatchObject({ outcome: 'done', title: 'Cléo de 5 à 7', director: 'Varda, Agnès', year: '1962' });
  const cleo = read(join(reference, 'cleo.shotscale.json')).stats as { shotCount: number; aslSec: number };
  expect(Number(byName['cleo.mp4'].shots)).toBe(cleo.shotCount);
  expect(Number(byName['cleo.mp4'].asl_s)).toBeCloseTo(cleo.aslSec, 5);
  expect(byName['broken.mp4'].outcome).toBe('failed');
  const project = JSON.parse(readFileSync(join(work, 'merged.shotscale.json'), 'utf8'));
  expect(project.corpus).toEqual({ name: 'merged', columns: ['title', 'year', 'director'] });
  expect(project.films.map((f: { metadata: { title: string } }) => f.metadata.title)).toEqual(['Week-end', 'Alphaville', 'Cléo de 5 à 7', 'Le Bonheur']);
});

test('add + two workers: one killed mid-film by SIGKILL, Redis restarted; the film completes on the other, equal to analyze', async () => {
  test.setTimeout(480_000);
  const redis: TestRedis = await startRedis();
  const conn = new IORedis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('corpus-test', { connection: conn });
  const out = join(work, 'queue');
  const workers: Record<string, Started> = {};
  try {
    const add = await runScript('corpus', ['add', manifest, '--redis', redis.url, '--queue', 'corpus-test'], { dist: false });
    expect(add.code, add.stderr).toBe(1);
    expect(add.stdout).toContain('queue corpus-test: 5 films added; 1 rows skipped');
    const again = await runScript('corpus', ['add', manifest, '--redis', redis.url, '--queue', 'corpus-test'], { dist: false });
    expect(again.stdout).toContain('queue corpus-test: 0 films added; already queued: 5 waiting');

    for (const name of ['w1', 'w2']) workers[name] = startScript('corpus', ['work', '--redis', redis.url, '--queue', 'corpus-test', '--out', out, '--name', name, '--lock-seconds', '4', '--exit-when-idle']);
    // Kill whichever worker has the long film once it is under way.
    let victim = '';
    const t0 = Date.now();
    while (!victim) {
      const active = await queue.getJobs(['active']);
      const long = active.find((j) => j.data.name === LONG && (j.progress as { done?: number })?.done! >= 10);
      if (long) victim = (long.progress as { worker: string }).worker;
      else if (Date.now() - t0 > 180_000) throw new Error(`the long film never got under way:\n${Object.values(workers).map((w) => w.output().stderr).join('\n')}`);
      else await new Promise((r) => setTimeout(r, 300));
    }
    workers[victim].child.kill('SIGKILL');
    const survivor = victim === 'w1' ? 'w2' : 'w1';
    // Redis restarted mid-run: what was done stays done.
    const doneBefore = (await queue.getJobCounts('completed')).completed;
    await redis.stop();
    await redis.start();
    expect((await queue.getJobCounts('completed')).completed).toBeGreaterThanOrEqual(doneBefore);

    const end = await Promise.race([workers[survivor].ended, new Promise<null>((r) => setTimeout(() => r(null), 300_000))]);
    expect(end, `${survivor} did not finish:\n${workers[survivor].output().stderr}`).not.toBeNull();
    expect(end!.code, end!.stderr).toBe(0);
    expect(end!.stderr).toContain(`a film's worker was lost`);

    const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active');
    expect(counts).toEqual({ completed: 4, failed: 1, waiting: 0, active: 0 });
    const [failed] = await queue.getJobs(['failed']);
    expect(failed.data.name).toBe('broken.mp4');
    expect(failed.failedReason).toContain('No frame of the film could be decoded');
    expect(failed.attemptsMade).toBeLessThanOrEqual(1);
    expect(record(out, 'long').worker, 'the long film finished on the other worker').toBe(survivor);
    for (const s of GOOD) expectSameAnalysis(corpusDoc(out, s), read(join(reference, `${s}.shotscale.json`)), `queue: ${s}`);

    const status = await runScript('corpus', ['status', '--redis', redis.url, '--queue', 'corpus-test', '--json'], { dist: false });
    expect(status.code, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report.counts).toMatchObject({ completed: 4, failed: 1, active: 0 });
    expect(report.failed).toEqual([{ film: 'broken.mp4', path: join(films, 'broken.mp4'), reason: expect.stringContaining('No frame of the film could be decoded') }]);
    expect(report.filmHoursPerHour).toBeGreaterThan(0);
  } finally {
    for (const w of Object.values(workers)) if (w.output().code === null) w.child.kill('SIGKILL');
    await queue.close().catch(() => undefined);
    await conn.quit().catch(() => undefined);
    await redis.stop();
  }
});

test('the merged corpus opens in the app: a table of its films with the manifest\'s metadata, grouped by director, a film one click from its timeline', async ({ page }) => {
  test.setTimeout(120_000);
  const file = join(work, 'merged.shotscale.json');
  test.skip(!existsSync(file), 'needs the run test before it');
  await openApp(page);
  await page.getByTestId('project-input').setInputFiles(file);
  const table = page.getByTestId('corpus-table');
  await expect(table.getByTestId('corpus-row')).toHaveCount(4, { timeout: 20_000 });
  await expect(page.getByTestId('corpus-name')).toHaveText('merged');
  await expect(page.getByTestId('film')).toHaveCount(0);
  expect(await table.getByTestId('corpus-row').locator('th').allInnerTexts()).toEqual([LONG, 'alpha.mp4', 'cleo.mp4', 'bonheur.mp4']);
  expect(await table.getByTestId('corpus-row').locator('td[data-col="meta:title"]').allInnerTexts()).toEqual(['Week-end', 'Alphaville', 'Cléo de 5 à 7', 'Le Bonheur']);
  await page.getByTestId('corpus-group-by').selectOption('director');
  const groups = page.getByTestId('corpus-groups').getByTestId('corpus-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toHaveAttribute('data-value', 'Jean-Luc Godard');
  await expect(groups.nth(1)).toHaveAttribute('data-value', 'Varda, Agnès');
  for (const g of [0, 1]) await expect(groups.nth(g).locator('td[data-col="n"]')).toContainText('2');
  await table.getByTestId('corpus-row').nth(2).getByTestId('corpus-film').click();
  const card = filmCard(page, 'cleo.mp4');
  await expect(card).toBeVisible({ timeout: 20_000 });
  const cleo = read(join(reference, 'cleo.shotscale.json'));
  await expect(card.getByTestId('shot-block')).toHaveCount(cleo.shots.length);
});

test('Ctrl+C on a worker: once, it finishes its film and stops taking more; twice, it hands the film back to the queue', async () => {
  test.setTimeout(300_000);
  const redis = await startRedis();
  const conn = new IORedis(redis.url, { maxRetriesPerRequest: null });
  const started: Started[] = [];
  const longFile = join(films, 'godard', LONG);
  /** A worker on `queue`, and the moment its long film is under way. */
  const workOn = async (queue: Queue, out: string) => {
    const w = startScript('corpus', ['work', '--redis', redis.url, '--queue', queue.name, '--out', out]);
    started.push(w);
    const t0 = Date.now();
    for (;;) {
      const long = (await queue.getJobs(['active'])).find((j) => j.data.name === LONG && (j.progress as { done?: number })?.done! >= 10);
      if (long) return w;
      if (Date.now() - t0 > 180_000 || w.output().code !== null) throw new Error(`the long film never got under way:\n${w.output().stderr}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  try {
    // Once: the film in flight is finished and written, the next one is left waiting.
    const once = new Queue('ctrl-c-once', { connection: conn });
    const add = await runScript('corpus', ['add', longFile, join(films, 'godard', 'alpha.mp4'), '--redis', redis.url, '--queue', once.name], { dist: false });
    expect(add.stdout, add.stderr).toContain('2 films added');
    const outOnce = join(work, 'ctrl-c-once');
    const w1 = await workOn(once, outOnce);
    w1.child.kill('SIGINT');
    const end1 = await w1.ended;
    expect(end1.code, end1.stderr).toBe(0);
    expect(end1.stderr).toContain('finishing the film in flight, then stopping');
    expect(await once.getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 1, waiting: 1, active: 0 });
    expect(record(outOnce, 'long').outcome).toBe('done');
    expectSameAnalysis(corpusDoc(outOnce, 'long'), read(join(reference, 'long.shotscale.json')), 'Ctrl+C once: long');
    await once.close();

    // Twice: the film goes back to the queue at once, nothing of it is written.
    const twice = new Queue('ctrl-c-twice', { connection: conn });
    await runScript('corpus', ['add', longFile, '--redis', redis.url, '--queue', twice.name], { dist: false });
    const outTwice = join(work, 'ctrl-c-twice');
    const w2 = await workOn(twice, outTwice);
    w2.child.kill('SIGINT');
    await waitForOutput(w2, (s) => s.includes('finishing the film in flight'), 10_000, 'the first Ctrl+C');
    w2.child.kill('SIGINT');
    const end2 = await w2.ended;
    expect(end2.code, end2.stderr).toBe(0);
    expect(end2.stderr).toContain(`${LONG}: handed back to the queue`);
    expect(await twice.getJobCounts('completed', 'waiting', 'active', 'failed')).toEqual({ completed: 0, waiting: 1, active: 0, failed: 0 });
    expect(readdirSync(outTwice).filter((n) => n.endsWith('.corpus.json'))).toEqual([]);
    await twice.close();
  } finally {
    for (const w of started) if (w.output().code === null) w.child.kill('SIGKILL');
    await conn.quit().catch(() => undefined);
    await redis.stop();
  }
});
