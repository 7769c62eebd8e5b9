import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeadlessApi } from '../src/pipeline/headless';
import { runScript } from './cli-run';
import { FIXTURES } from './fixtures';
import { filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { needProgram } from './programs';
import { expect, test } from './test';

// Which film a file is (issue 26): two files of the same size that differ only in the middle are
// two films, never one's results under the other's name; a byte copy named twice is analysed once
// and written under both names.

type ShotscaleWindow = { shotscale: HeadlessApi };

/**
 * Two 6 s MPEG-TS films of the same size whose bytes differ only in one byte in the middle: a
 * null (padding) packet's payload, which no decoder reads, so both decode to the same frames.
 */
function sameSizePair(): [string, string] {
  const dir = join(FIXTURES, 'identity');
  mkdirSync(dir, { recursive: true });
  const a = join(dir, 'capture-a.ts');
  const b = join(dir, 'capture-b.ts');
  if (!existsSync(a) || !existsSync(b)) {
    needProgram('ffmpeg');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=6', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '48', '-f', 'mpegts', '-muxrate', '3000k', a]);
    const bytes = readFileSync(a);
    const packets = bytes.length / 188;
    const isNull = (i: number) => bytes[i * 188] === 0x47 && (bytes[i * 188 + 1] & 0x1f) === 0x1f && bytes[i * 188 + 2] === 0xff;
    let i = Math.floor(packets / 2);
    while (!isNull(i)) i++;
    const copy = Buffer.from(bytes);
    copy[i * 188 + 100] ^= 0xff;
    writeFileSync(b, copy);
  }
  return [a, b];
}

test('two same-size files that differ in one middle byte are two films: the second is analysed, not restored from the first', async ({ page }) => {
  const [a, b] = sameSizePair();
  expect(readFileSync(a).length).toBe(readFileSync(b).length);
  await openApp(page);
  await pickFiles(page, [a]);
  await waitForStatus(page, 'capture-a.ts', 'done');
  await pickFiles(page, [b]);
  await waitForStatus(page, 'capture-b.ts', 'done');
  const films = await page.evaluate(() => (window as unknown as ShotscaleWindow).shotscale.films().map((f) => ({ name: f.name, key: f.key, fp: f.info?.fingerprint, notice: f.notice ?? '', n: f.results.length })));
  const [fa, fb] = ['capture-a.ts', 'capture-b.ts'].map((n) => films.find((f) => f.name === n)!);
  expect(fa, 'the first film keeps its card').toBeDefined();
  expect(fb.fp).not.toBe(fa.fp);
  expect(fb.key).not.toBe(fa.key);
  expect(fb.notice).not.toMatch(/Restored/);
  expect(fb.n).toBe(6);
  await expect(filmCard(page, 'capture-a.ts')).toHaveAttribute('data-status', 'done');
});

test('analyze: a byte copy named beside its original is analysed once and written under both names; every film shows its rate', async () => {
  test.setTimeout(240_000);
  const [a, b] = sameSizePair();
  const dir = mkdtempSync(join(tmpdir(), 'shotscale-identity-'));
  const copy = join(dir, 'copy-of-a.ts');
  copyFileSync(a, copy);
  const out = join(dir, 'out');
  const run = await runScript('analyze', [a, copy, b, '--out', out, '--backend', 'wasm']);
  expect(run.code, run.stderr).toBe(0);
  for (const stem of ['capture-a', 'copy-of-a', 'capture-b']) {
    for (const ext of ['csv', 'json', 'edl', 'fcpxml', 'otio', 'srt', 'shots.csv', 'chapters.txt']) expect(existsSync(join(out, `${stem}.shotscale.${ext}`)), `${stem}.${ext}`).toBe(true);
    const doc = JSON.parse(readFileSync(join(out, `${stem}.shotscale.json`), 'utf8'));
    expect(doc.film.name).toBe(`${stem}.ts`);
    expect(doc.seconds).toHaveLength(6);
  }
  const docs = ['capture-a', 'copy-of-a', 'capture-b'].map((stem) => JSON.parse(readFileSync(join(out, `${stem}.shotscale.json`), 'utf8')));
  // The copy is the same film (same fingerprint, same answers); the same-size file is another one.
  expect(docs[1].film.fingerprint).toBe(docs[0].film.fingerprint);
  expect(docs[1].seconds.map((s: { class: string }) => s.class)).toEqual(docs[0].seconds.map((s: { class: string }) => s.class));
  expect(docs[2].film.fingerprint).not.toBe(docs[0].film.fingerprint);
  // Analysed films give their rate; the copy says it was restored.
  expect(run.stdout).toMatch(/capture-a\.ts: .*, done, [\d.]+ frames\/s,/);
  expect(run.stdout).toMatch(/capture-b\.ts: .*, done, [\d.]+ frames\/s,/);
  expect(run.stdout).toMatch(/copy-of-a\.ts: .*, done, restored from an earlier analysis,/);
  expect(run.stdout).not.toMatch(/– frames\/s/);
});
