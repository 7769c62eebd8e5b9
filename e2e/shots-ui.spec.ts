import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parseCsv } from '../src/shared/exports/testSupport';
import { EDITS, fixture } from './fixtures';
import { analyseFile, filmCard, openApp } from './helpers';
import { xmllint } from './programs';
import { expect, test } from './test';

// The shots in the page: the shot lane on the seconds lane's time axis, the inspector's shot line,
// the statistics, the comparison of two films, and every export a user can download.

const FPS = 24;
const CODES = ['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS', 'NA'];

/** First frame of each shot of an edit fixture: 0 and the running sums of its shot lengths. */
function cutFrames(frames: readonly number[]): number[] {
  const starts = [0];
  for (const n of frames.slice(0, -1)) starts.push(starts.at(-1)! + n);
  return starts;
}

/** Clicks a button and returns the downloaded file's suggested name and text. */
async function downloadFrom(page: Page, button: Locator): Promise<{ name: string; path: string }> {
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  return { name: file.suggestedFilename(), path: await file.path() };
}

/** Python's zipfile lists the archive and checks every file's CRC. */
function zipListing(path: string): string[] {
  const script = 'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps(z.namelist()))';
  return JSON.parse(execFileSync('python3', ['-c', script, path]).toString());
}

test('three shots: lane on the seconds axis, inspector, statistics, exports; two films compared', async ({ page }) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  const name = 'edit-3-shots.mp4';
  const frames = EDITS[name];
  const frameCount = frames.reduce((a, b) => a + b, 0);
  const durationSec = frameCount / FPS;
  await analyseFile(page, fixture(name));
  const card = filmCard(page, name);

  await test.step('the shot lane shows the three shots at their frames, on the seconds lane’s time axis', async () => {
    const blocks = card.getByTestId('shot-lane').getByTestId('shot-block');
    await expect(blocks).toHaveCount(3);
    const starts = cutFrames(frames);
    for (let i = 0; i < 3; i++) {
      await expect(blocks.nth(i)).toHaveAttribute('data-start-frame', String(starts[i]));
      await expect(blocks.nth(i)).toHaveAttribute('data-end-frame', String(starts[i] + frames[i] - 1));
      expect(CODES).toContain(await blocks.nth(i).getAttribute('data-scale'));
    }
    // Shot 2 starts at 3 s, where the seconds lane's fourth band (3–4 s) starts.
    const cells = card.getByTestId('timeline-cell');
    await expect(cells).toHaveCount(9);
    const band = (await cells.nth(3).boundingBox())!;
    const block = (await blocks.nth(1).boundingBox())!;
    expect(Math.abs(block.x - band.x)).toBeLessThan(2);
    const lastBand = (await cells.nth(8).boundingBox())!;
    const lastBlock = (await blocks.nth(2).boundingBox())!;
    expect(Math.abs(lastBlock.x + lastBlock.width - (lastBand.x + lastBand.width))).toBeLessThan(2);
  });

  await test.step('hovering a shot names it with its timecodes; clicking it inspects a second inside it', async () => {
    const second = card.getByTestId('shot-block').nth(1);
    await second.hover();
    const tooltip = card.getByTestId('shot-tooltip');
    await expect(tooltip).toContainText('Shot 2');
    await expect(tooltip).toContainText('00:00:03:00–00:00:05:12');
    await expect(tooltip).toContainText('2.5 s');
    await second.click();
    const inspector = page.getByTestId('inspector');
    // Shot 2 holds frames 72–131 (3.0–5.5 s); the sample nearest its middle (4.25 s) is the one at 4.5 s.
    await expect(inspector).toHaveAttribute('data-index', '4');
    await expect(inspector.getByTestId('inspector-time')).toHaveText('0:04.5');
    await expect(inspector.getByTestId('inspector-shot')).toContainText('Shot 2: 00:00:03:00–00:00:05:12, 2.5 s');
    await expect(second).toHaveClass(/shot-selected/);
    // Stepping into the next shot moves the inspector's shot line with it.
    await page.keyboard.press('ArrowRight');
    await expect(inspector.getByTestId('inspector-shot')).toHaveAttribute('data-shot', '3');
  });

  await test.step('statistics: 3 shots, ASL = duration ÷ 3, scale shares, Salt’s counts, the Cinemetrics plot', async () => {
    const stats = card.getByTestId('film-stats');
    await expect(stats.getByTestId('stat-shots')).toHaveText('3');
    await expect(stats.getByTestId('stat-asl')).toHaveText(`${(durationSec / 3).toFixed(1)} s`);
    expect(Number(await stats.getAttribute('data-asl-sec'))).toBeCloseTo(durationSec / 3, 6);
    await expect(stats.getByTestId('stat-median')).toHaveText(`${(frames[0] / FPS).toFixed(1)} s`);
    await expect(stats.getByTestId('scale-shares')).toBeVisible();
    const salt = stats.getByTestId('salt-per-100').locator('td');
    await expect(salt).toHaveCount(7);
    const per100 = (await salt.allTextContents()).map(Number);
    expect(per100.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(99);
    await expect(stats.getByTestId('cinemetrics').locator('.recharts-scatter-symbol')).toHaveCount(3);
    await expect(page.getByTestId('legend')).toHaveCount(1);
    await expect(page.getByTestId('legend').locator('[data-code]')).toHaveCount(8);
    await page.mouse.move(0, 0);
    await card.screenshot({ path: 'test-results/shots-ui-card.png' });
    await page.screenshot({ path: 'test-results/shots-ui-page.png' });
  });

  await test.step('every export button downloads a file that parses', async () => {
    const buttons = card.getByTestId('exports').getByRole('button');
    await expect(buttons).toHaveText(['Seconds CSV', 'Shots CSV', 'JSON', 'EDL', 'FCPXML', 'OTIO', 'SRT', 'Chapters']);
    const got: Record<string, string> = {};
    for (const button of await buttons.all()) {
      const { name: file, path } = await downloadFrom(page, button);
      got[file] = path;
    }
    const base = 'edit-3-shots.shotscale';
    expect(Object.keys(got).sort()).toEqual(['csv', 'json', 'shots.csv', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt'].map((k) => `${base}.${k}`).sort());
    const text = (kind: string) => readFileSync(got[`${base}.${kind}`], 'utf8');

    const seconds = parseCsv(text('csv'));
    expect(seconds[0].slice(0, 6)).toEqual(['film', 't', 'timecode', 'frame', 'shot', 'class']);
    expect(seconds).toHaveLength(10);
    expect(seconds.slice(1).map((r) => r[4])).toEqual(['1', '1', '1', '2', '2', '3', '3', '3', '3']);
    const shots = parseCsv(text('shots.csv'));
    expect(shots).toHaveLength(4);
    expect(shots.slice(1).map((r) => Number(r[shots[0].indexOf('start_frame')]))).toEqual(cutFrames(frames));

    const doc = JSON.parse(text('json'));
    expect(doc.shots.map((s: { startFrame: number }) => s.startFrame)).toEqual(cutFrames(frames));
    expect(doc.stats.shotCount).toBe(3);
    expect(doc.seconds).toHaveLength(9);

    const edl = text('edl');
    expect(edl).toMatch(/^TITLE: edit-3-shots\r?\nFCM: NON-DROP FRAME/);
    expect(edl.split(/\r?\n/).filter((l) => /^\d{3,4}\s/.test(l))).toHaveLength(3);
    xmllint(got[`${base}.fcpxml`]);
    const dtd = join(import.meta.dirname, '..', '..', 'shared', 'data', 'fcpxml-dtd', 'FCPXMLv1_10.dtd');
    if (existsSync(dtd)) xmllint(got[`${base}.fcpxml`], dtd);
    expect(JSON.parse(text('otio')).OTIO_SCHEMA).toMatch(/^Timeline\./);
    const cues = text('srt').trim().split(/\r?\n\r?\n/);
    expect(cues).toHaveLength(3);
    expect(cues[1]).toMatch(/^2\r?\n00:00:03,000 --> 00:00:05,500\r?\n/);
    const chapters = text('chapters.txt');
    expect(chapters.startsWith(';FFMETADATA1\n')).toBe(true);
    expect(chapters.match(/^\[CHAPTER\]$/gm)).toHaveLength(3);
  });

  await test.step('two films ticked for comparison show the table, the overlaid distributions and a CSV', async () => {
    const other = 'edit-short-shot.mp4';
    await analyseFile(page, fixture(other));
    await expect(page.getByTestId('comparison')).toHaveCount(0);
    await card.getByTestId('compare').check();
    await expect(page.getByTestId('comparison')).toHaveCount(0);
    await filmCard(page, other).getByTestId('compare').check();
    const comparison = page.getByTestId('comparison');
    await expect(comparison).toBeVisible();
    const table = comparison.getByTestId('comparison-table');
    await expect(table.locator('thead th')).toHaveText(['', name, other]);
    await expect(table.locator('tr[data-key=shotCount] td')).toHaveText(['3', String(EDITS[other].length)]);
    await expect(table.locator('tr[data-key=aslSec] td').first()).toHaveText(`${(durationSec / 3).toFixed(1)} s`);
    await expect(table.locator('tr[data-key^="scale."]')).toHaveCount(8);
    // Each film's shares of shots add up to 100%.
    for (const column of [0, 1]) {
      const cells = await table.locator(`tr[data-key^="scale."] td:nth-of-type(${column + 1})`).allTextContents();
      expect(cells.reduce((a, c) => a + Number(c.split('%')[0]), 0)).toBeGreaterThanOrEqual(99);
    }
    await expect(comparison.getByTestId('comparison-chart-shots').locator('.recharts-bar')).toHaveCount(2);
    await expect(comparison.getByTestId('comparison-chart-screen').locator('.recharts-bar')).toHaveCount(2);
    await comparison.scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await comparison.screenshot({ path: 'test-results/shots-ui-comparison.png' });

    const csv = parseCsv(readFileSync((await downloadFrom(page, comparison.getByTestId('comparison-csv'))).path, 'utf8'));
    expect(csv[0]).toEqual(['key', 'figure', 'unit', name, other]);
    const asl = csv.find((r) => r[0] === 'aslSec')!;
    expect(Number(asl[3])).toBeCloseTo(durationSec / 3, 5);
    const otherFrames = EDITS[other].reduce((a, b) => a + b, 0);
    expect(Number(asl[4])).toBeCloseTo(otherFrames / FPS / EDITS[other].length, 5);

    await card.getByTestId('compare').uncheck();
    await expect(page.getByTestId('comparison')).toHaveCount(0);
  });

  await test.step('Export all: one ZIP with every film’s files', async () => {
    const zip = await downloadFrom(page, page.getByTestId('export-all'));
    expect(zip.name).toBe('shotscale-export.zip');
    const names = zipListing(zip.path);
    for (const stem of ['edit-3-shots', 'edit-short-shot']) {
      for (const kind of ['csv', 'json', 'shots.csv', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt']) expect(names).toContain(`${stem}.shotscale.${kind}`);
    }
    expect(names).toHaveLength(16);
  });
});
