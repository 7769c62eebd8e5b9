import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runScript } from './cli-run';
import { expectCmx3600 } from './exportChecks';
import { DAMAGE_BASE, fixture } from './fixtures';
import { filmCard, openApp, pickFiles, waitForStatus } from './helpers';
import { needProgram, xmllint } from './programs';
import { expect, test } from './test';

// A damaged stretch costs only that stretch (issue 26): after a decoder error the analysis goes on
// from the next key frame with a fresh decoder, the stretch is marked unreadable (no answer
// guessed), and the film ends with shots and every export for what was read. A file cut off early
// keeps everything up to where its data ends. Damage as bad sectors, broken downloads and old rips
// leave it, in a 20 s film with a key frame every 2 s and a cut at 10 s.

const EXPORTS = ['csv', 'json', 'shots.csv', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt'];
const DTD = join(import.meta.dirname, '..', '..', 'shared', 'data', 'fcpxml-dtd', 'FCPXMLv1_10.dtd');
const CASES = ['damaged-zeroed.mp4', 'damaged-two.mp4', 'damaged-flipped.mp4', 'damaged-cutoff.mp4'];

interface Stretch {
  startFrame: number;
  endFrame: number;
  startSec: number;
  endSec: number;
  reason: string;
}
interface FilmDoc {
  film: { durationSec: number; frameCount: number; partial?: boolean; unreadable?: Stretch[] };
  shots: { startFrame: number; endFrame: number; scale: string | null; unreadable?: boolean; transition: { kind: string } }[];
  seconds: { t: number; frame: number }[];
  stats: { shotCount: number; unreadableSec: number };
}

/** Frames ffmpeg decodes from a file (its own error concealment and resynchronisation). */
function ffmpegFrames(file: string): number {
  needProgram('ffprobe');
  return Number(execFileSync('ffprobe', ['-v', 'quiet', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim());
}

test('analyze: damaged films end partial, with every export for what was read and the stretches named', async () => {
  test.setTimeout(300_000);
  const files = CASES.map((name) => fixture(name));
  const out = mkdtempSync(join(tmpdir(), 'shotscale-damage-'));
  const run = await runScript('analyze', [...files, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  for (const file of files) {
    const name = basename(file);
    const stem = name.replace(/\.mp4$/, '');
    expect(run.stdout, name).toMatch(new RegExp(`${name.replace(/\./g, '\\.')}: 20\\.0 s, \\d+ samples at 1/s, partial, `));
    for (const ext of EXPORTS) expect(existsSync(join(out, `${stem}.shotscale.${ext}`)), `${name} .${ext}`).toBe(true);
    const doc = JSON.parse(readFileSync(join(out, `${stem}.shotscale.json`), 'utf8')) as FilmDoc;
    const stretches = doc.film.unreadable ?? [];
    expect(doc.film.partial, name).toBe(true);
    expect(stretches.length, name).toBeGreaterThan(0);
    expect(stretches.length, name).toBe(name === 'damaged-two.mp4' ? 2 : stretches.length);
    // The log says which stretches were skipped and why.
    for (const u of stretches) expect(run.stderr, name).toContain(`${name}: partial: ${u.startSec.toFixed(1)}–${u.endSec.toFixed(1)} s unreadable, skipped (${u.reason})`);
    // Kept: at least the seconds ffmpeg decodes, less one group of pictures per stretch.
    const ffmpegSec = Math.floor(ffmpegFrames(file) / DAMAGE_BASE.fps);
    expect(doc.seconds.length, `${name}: ${doc.seconds.length} s kept, ffmpeg decodes ${ffmpegSec} s`).toBeGreaterThanOrEqual(ffmpegSec - DAMAGE_BASE.gopSec * stretches.length);
    // No second is answered inside a stretch: those are not guessed.
    for (const s of doc.seconds) for (const u of stretches) expect(s.t >= u.startSec && s.t < u.endSec, `${name}: second at ${s.t} s in ${u.startSec}–${u.endSec}`).toBe(false);
    // Shots tile the film; each stretch is one unreadable shot, with no scale and not counted.
    expect(doc.shots[0].startFrame).toBe(0);
    for (let i = 1; i < doc.shots.length; i++) expect(doc.shots[i].startFrame, name).toBe(doc.shots[i - 1].endFrame + 1);
    expect(doc.shots.at(-1)!.endFrame + 1, name).toBe(doc.film.frameCount);
    const unreadable = doc.shots.filter((s) => s.unreadable);
    expect(unreadable.map((s) => [s.startFrame, s.endFrame]), name).toEqual(stretches.map((u) => [u.startFrame, u.endFrame]));
    for (const s of unreadable) expect(s.scale, name).toBeNull();
    expect(doc.stats.shotCount, name).toBe(doc.shots.length - unreadable.length);
    expect(doc.stats.unreadableSec, name).toBeCloseTo(stretches.reduce((a, u) => a + u.endSec - u.startSec, 0), 3);
    // The cut at 10 s is found where it was read (or a stretch ends on it).
    if (!stretches.some((u) => u.startFrame <= DAMAGE_BASE.cutFrame && u.endFrame >= DAMAGE_BASE.cutFrame)) expect(doc.shots.map((s) => s.startFrame), name).toContain(DAMAGE_BASE.cutFrame);
    // Editors' files: the EDL by CMX3600 rules with no event in a stretch, FCPXML against the DTD,
    // OTIO with a gap where each stretch is, its items summing to the film.
    const edl = readFileSync(join(out, `${stem}.shotscale.edl`), 'utf8');
    expectCmx3600(edl, { num: 24, den: 1 });
    expect(edl.split('\r\n').filter((l) => /^\d{3,4}\s/.test(l)).length, name).toBe(doc.stats.shotCount);
    xmllint(join(out, `${stem}.shotscale.fcpxml`), existsSync(DTD) ? DTD : undefined);
    const otio = JSON.parse(readFileSync(join(out, `${stem}.shotscale.otio`), 'utf8'));
    const items = otio.tracks.children[0].children as { OTIO_SCHEMA: string; source_range: { duration: { value: number } } }[];
    expect(items.filter((c) => c.OTIO_SCHEMA === 'Gap.1').length, name).toBe(stretches.length);
    expect(items.reduce((a, c) => a + c.source_range.duration.value, 0), name).toBe(DAMAGE_BASE.frames);
    // The shots CSV marks each stretch's row.
    const rows = readFileSync(join(out, `${stem}.shotscale.shots.csv`), 'utf8').trim().split('\n');
    expect(rows.filter((r) => r.includes('Unreadable (not decoded)')).length, name).toBe(stretches.length);
  }
  // The cut-off file's stretch runs to the end and says the data ends early.
  const cutoff = JSON.parse(readFileSync(join(out, 'damaged-cutoff.shotscale.json'), 'utf8')) as FilmDoc;
  expect(cutoff.film.unreadable!.at(-1)!.endSec).toBeCloseTo(20, 1);
  expect(cutoff.film.unreadable!.at(-1)!.reason).toMatch(/data ends at .* cut off/);
});

test('analyze: a file none of whose frames can be read fails with a message and a non-zero exit', async () => {
  const out = mkdtempSync(join(tmpdir(), 'shotscale-damage-all-'));
  const run = await runScript('analyze', [fixture('damaged-all.mp4'), fixture('damaged-zeroed.mp4'), '--out', out]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/damaged-all\.mp4: .*, error, /);
  expect(run.stderr).toMatch(/damaged-all\.mp4: .*(could be decoded|no key frame|Decoding failed)/i);
  // The other film is still analysed and written.
  expect(run.stdout).toMatch(/damaged-zeroed\.mp4: .*, partial, /);
});

test('the app: a damaged film ends done with its stretch marked on the shot lane and named on its card', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [fixture('damaged-zeroed.mp4')]);
  await waitForStatus(page, 'damaged-zeroed.mp4', 'done');
  const card = filmCard(page, 'damaged-zeroed.mp4');
  await expect(card.getByTestId('film-warning')).toContainText(/could not be read: one stretch/);
  await expect(card.getByTestId('film-warning')).toContainText(/decoder error/);
  const block = card.locator('[data-testid="shot-block"][data-scale="unreadable"]');
  await expect(block).toHaveCount(1);
  await block.hover();
  await expect(card.getByTestId('shot-tooltip')).toContainText(/Unreadable/);
  await page.screenshot({ path: 'test-results/damaged-film.png', fullPage: true });
  // Reopened, the saved analysis is complete: restored as it was, not analysed again.
  await page.reload();
  await waitForStatus(page, 'damaged-zeroed.mp4', 'done');
  await expect(filmCard(page, 'damaged-zeroed.mp4').locator('[data-testid="shot-block"][data-scale="unreadable"]')).toHaveCount(1);
});
