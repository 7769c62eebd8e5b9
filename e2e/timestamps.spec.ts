import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { runScript } from './cli-run';
import { fixture, VARIANT_KINDS, variantFixture, variantName, variantOrigin, type VariantKind } from './fixtures';
import { filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { expect, test } from './test';

// Films whose timestamps do not start at zero (issue 14): the same frames remuxed the way cameras,
// capture cards and stream-copy cutting leave them must give the same seconds and labels as the
// zero-start original, measured from the first presented frame.

/** The Tears of Steel excerpt in ../shared (CC BY 3.0); its variants are made in e2e/.generated, never committed. */
const TOS = join(import.meta.dirname, '..', '..', 'shared', 'data', 'clips', 'tears-of-steel-a-640x360.mp4');
/** Where the Tears of Steel variants cut: mid-GOP between its key frames at 8 and 10 s; pre-roll from the key frame at 6 s to 7 s. */
const TOS_CUT_SEC = 9;
const TOS_PREROLL_SEC = 7;
const FRAME_SEC = 1 / 24;

interface ExportedFilm {
  film: { name: string; durationSec: number; startTimestampSec: number };
  seconds: { t: number; class: string }[];
}

interface Case {
  original: string;
  variants: { file: string; kind: VariantKind }[];
}

function generatedCase(): Case {
  return { original: fixture('origin-12s.mp4'), variants: VARIANT_KINDS.map((kind) => ({ file: fixture(variantName('origin-12s', kind)), kind })) };
}

function tearsOfSteelCase(): Case {
  return { original: TOS, variants: VARIANT_KINDS.map((kind) => ({ file: variantFixture(TOS, 'tos-a', kind, TOS_CUT_SEC, TOS_PREROLL_SEC), kind })) };
}

/**
 * A variant gives the original's seconds from where its first frame lies in the original: as
 * many samples, the same labels, times and duration within a frame, and the source timestamp
 * of its first frame in the JSON.
 */
function expectSameFilm(variant: ExportedFilm, original: ExportedFilm, file: string, kind: VariantKind): void {
  const origin = variantOrigin(file);
  const what = `${basename(file)} (${kind})`;
  const skipped = Math.round(origin.startInOriginalSec);
  // The variants start on whole seconds of the original, so 1 frame/s samples the same frames.
  expect(Math.abs(origin.startInOriginalSec - skipped), what).toBeLessThan(FRAME_SEC);
  const expected = original.seconds.slice(skipped);
  expect(variant.film.name).toBe(basename(file));
  expect(Math.abs(variant.film.durationSec - (original.film.durationSec - origin.startInOriginalSec)), `${what} duration ${variant.film.durationSec}`).toBeLessThan(FRAME_SEC);
  expect(Math.abs(variant.film.startTimestampSec - origin.startTimestampSec), `${what} start ${variant.film.startTimestampSec}`).toBeLessThan(FRAME_SEC);
  expect(variant.seconds.map((s) => s.class), what).toEqual(expected.map((s) => s.class));
  variant.seconds.forEach((s, i) => expect(Math.abs(s.t - (expected[i].t - origin.startInOriginalSec)), `${what} t[${i}] = ${s.t}`).toBeLessThan(FRAME_SEC));
}

/** The original's labels must change with time, or a shifted reading would pass unnoticed. */
function expectTimeSensitive(original: ExportedFilm): void {
  const labels = original.seconds.map((s) => s.class);
  expect(new Set(labels).size).toBeGreaterThan(1);
  expect(labels.slice(1)).not.toEqual(labels.slice(0, -1));
}

/** Analyses files in the app and returns each film's JSON export, downloaded with its button. */
async function analyseInApp(page: Page, files: string[]): Promise<Map<string, ExportedFilm>> {
  await openApp(page);
  await pickFiles(page, files);
  const docs = new Map<string, ExportedFilm>();
  for (const file of files) {
    const name = basename(file);
    await waitForStatus(page, name, 'done', 300_000);
    const download = page.waitForEvent('download');
    await filmCard(page, name).getByRole('button', { name: 'JSON' }).click();
    docs.set(name, JSON.parse(readFileSync(await (await download).path(), 'utf8')) as ExportedFilm);
  }
  return docs;
}

/** Analyses files with npm run analyze and returns every JSON it wrote, by film name. */
async function analyseWithCli(files: string[]): Promise<Map<string, ExportedFilm>> {
  const out = mkdtempSync(join(tmpdir(), 'shotscale-timestamps-'));
  const run = await runScript('analyze', [...files, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  const docs = new Map<string, ExportedFilm>();
  for (const json of readdirSync(out).filter((f) => f.endsWith('.shotscale.json'))) {
    const doc = JSON.parse(readFileSync(join(out, json), 'utf8')) as ExportedFilm;
    expect(docs.has(doc.film.name), `${doc.film.name} written twice`).toBe(false);
    docs.set(doc.film.name, doc);
  }
  // Every input keeps its results, also where two share a stem (film.mp4 and film.mkv).
  expect([...docs.keys()].sort()).toEqual(files.map((f) => basename(f)).sort());
  return docs;
}

function checkCase(docs: Map<string, ExportedFilm>, c: Case): void {
  const original = docs.get(basename(c.original))!;
  expectTimeSensitive(original);
  for (const { file, kind } of c.variants) expectSameFilm(docs.get(basename(file))!, original, file, kind);
}

test('MPEG-TS is listed in the drop zone and accepted by the file picker', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('dropzone')).toContainText('MPEG-TS');
  const accept = (await page.getByTestId('file-input').getAttribute('accept'))!.split(',');
  for (const ext of ['.ts', '.m2ts', '.mts', '.mp4', '.mkv']) expect(accept).toContain(ext);
});

test('in the app, TS, M2TS, MTS, offset MP4/MKV, a broadcast cut and an edit-list pre-roll give the original’s seconds and labels', async ({ page }) => {
  test.setTimeout(600_000);
  const c = generatedCase();
  const files = [c.original, ...c.variants.map((v) => v.file)];
  const docs = await analyseInApp(page, files);
  checkCase(docs, c);
  // The card shows the film's own length, not the end timestamp (1:12 for the one offset by 60 s).
  await expect(filmCard(page, basename(c.variants.find((v) => v.kind === 'offset60.mp4')!.file)).getByText(/^0:12 ·/)).toBeVisible();
  await expect(filmCard(page, basename(c.variants.find((v) => v.kind === 'broadcast.ts')!.file)).getByTestId('film-error')).toHaveCount(0);
});

test('npm run analyze gives the same seconds and labels for every variant, and keeps each input’s results', async () => {
  test.setTimeout(600_000);
  const c = generatedCase();
  const docs = await analyseWithCli([c.original, ...c.variants.map((v) => v.file)]);
  checkCase(docs, c);
});

test.describe('Tears of Steel (needs ../shared)', () => {
  test.skip(!existsSync(TOS), 'needs ../shared/data/clips');

  test('in the app, every variant of the real clip gives the original’s seconds and labels', async ({ page }) => {
    test.setTimeout(900_000);
    const c = tearsOfSteelCase();
    checkCase(await analyseInApp(page, [c.original, ...c.variants.map((v) => v.file)]), c);
  });

  test('with npm run analyze, every variant of the real clip gives the original’s seconds and labels', async () => {
    test.setTimeout(900_000);
    const c = tearsOfSteelCase();
    checkCase(await analyseWithCli([c.original, ...c.variants.map((v) => v.file)]), c);
  });
});
