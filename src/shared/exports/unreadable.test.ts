import { describe, expect, it } from 'vitest';
import { answerableSeconds, filmShots, unreadableWarning, type CutSummary } from '../filmShots';
import { samplePlan } from '../shots';
import { filmStats } from '../stats';
import type { SecondResult } from '../types';
import { SCALE_CODES } from '../taxonomy';
import { edl } from './edl';
import { fcpxml } from './fcpxml';
import { ffmetadataChapters } from './ffmetadata';
import type { ExportFilm } from './film';
import { otio } from './otio';
import { shotsCsv, shotsJson } from './shotList';
import { srt } from './srt';
import { parseCsv } from './testSupport';

// A 20 s film at 24 fps whose frames 190–239 (7.92–10 s) could not be decoded: the scan's
// transitions open that stretch with 'unreadable' and the frames after it with 'resume'.
const CUTS: CutSummary = {
  transitions: [
    { kind: 'cut', startFrame: 100, endFrame: 100, shotStartFrame: 100, score: 0.9 },
    { kind: 'unreadable', startFrame: 190, endFrame: 239, shotStartFrame: 190, score: 1 },
    { kind: 'resume', startFrame: 240, endFrame: 240, shotStartFrame: 240, score: 0 },
  ],
  frameCount: 480,
  endSec: 20,
  unreadable: [{ startFrame: 190, endFrame: 239, startSec: 190 / 24, endSec: 10, reason: 'decoder error: Decoding error.' }],
};

function second(index: number, tSec: number, label: (typeof SCALE_CODES)[number]): SecondResult {
  const probs = SCALE_CODES.map((c) => (c === label ? 0.9 : 0.1 / (SCALE_CODES.length - 1)));
  return { index, tSec, frame: Math.floor(tSec * 24), probs, label, naProb: 0 } as SecondResult;
}

// Seconds 0–7 and 10–19 were answered; 8 and 9 lie in the stretch.
const SECONDS = [...Array(20).keys()].filter((i) => i < 8 || i >= 10).map((i) => second(i, i + 0.5, i < 4 ? 'CU' : 'LS'));
const shotsOf = () => filmShots(CUTS, SECONDS, []);
const FILM: ExportFilm = { name: 'damaged.mp4', durationSec: 20, frameRate: { num: 24, den: 1 }, frameCount: 480, width: 640, height: 360, unreadable: CUTS.unreadable };

describe('a film with an unreadable stretch', () => {
  it('has a shot for the stretch, marked unreadable, NA with no probabilities; the shot after it opens with resume', () => {
    const { shots } = shotsOf();
    expect(shots.map((s) => [s.startFrame, s.endFrame, s.transition.kind])).toEqual([
      [0, 99, 'start'],
      [100, 189, 'cut'],
      [190, 239, 'unreadable'],
      [240, 479, 'resume'],
    ]);
    const gap = shots[2];
    expect(gap.unreadable).toBe(true);
    expect(gap.scale).toBe('NA');
    expect(gap.sampleIndices).toEqual([]);
    expect(gap.probs.every((p) => p === 0)).toBe(true);
    expect(shots.filter((s) => s.unreadable)).toHaveLength(1);
  });

  it('takes no correction on the stretch', () => {
    const { shots } = filmShots(CUTS, SECONDS, []);
    expect(shots[2].corrected).toBe(false);
  });

  it('plans no extra sample inside the stretch', () => {
    const times = samplePlan(CUTS.transitions, CUTS.frameCount, { num: 24, den: 1 }, []);
    for (const t of times) expect(t >= 190 / 24 && t < 10).toBe(false);
    expect(times).toHaveLength(3);
  });

  it('leaves the stretch out of the statistics and gives its length apart', () => {
    const stats = filmStats(shotsOf().shots);
    expect(stats.shotCount).toBe(3);
    expect(stats.durationSec).toBeCloseTo(20 - 50 / 24, 9);
    expect(stats.unreadableSec).toBeCloseTo(50 / 24, 9);
    expect(stats.naShotCount).toBe(0);
  });

  it('counts the seconds that can have an answer, and says which stretch was skipped and why', () => {
    expect(answerableSeconds(20, 1, CUTS)).toBe(18);
    expect(answerableSeconds(20, 1, undefined)).toBe(20);
    const w = unreadableWarning(CUTS, 20);
    expect(w.title).toBe('Part of the file could not be read: one stretch, 2.1 s of 20.0 s');
    expect(w.detail).toContain('0:07–0:10 (decoder error: Decoding error.)');
  });

  it('exports: no EDL event, FCPXML marker, SRT cue or chapter in the stretch; an OTIO gap keeps the clips in place', () => {
    const { shots } = shotsOf();
    const events = edl(FILM, shots, { mode: 'cuts' })
      .split('\r\n')
      .filter((l) => /^\d{3}\s/.test(l));
    expect(events).toHaveLength(3);
    expect(events[2]).toContain('00:00:10:00 00:00:20:00 01:00:10:00 01:00:20:00');
    // One marker per readable shot on each of the two clips (the browser's and the project's).
    expect(fcpxml(FILM, shots).match(/<marker /g)).toHaveLength(6);
    expect(srt(shots).match(/-->/g)).toHaveLength(3);
    expect(ffmetadataChapters(FILM, shots).match(/\[CHAPTER\]/g)).toHaveLength(3);
    const track = JSON.parse(otio(FILM, shots)).tracks.children[0].children as { OTIO_SCHEMA: string; source_range: { duration: { value: number } } }[];
    expect(track.map((c) => c.OTIO_SCHEMA)).toEqual(['Clip.2', 'Clip.2', 'Gap.1', 'Clip.2']);
    expect(track.reduce((a, c) => a + c.source_range.duration.value, 0)).toBe(480);
  });

  it('the shot list marks the stretch: no scale, and the film says it is partial and why', () => {
    const { shots } = shotsOf();
    const rows = parseCsv(shotsCsv(FILM, shots));
    const header = rows[0];
    const row = rows[3];
    expect(row[header.indexOf('scale')]).toBe('');
    expect(row[header.indexOf('scale_name')]).toBe('Unreadable (not decoded)');
    expect(row[header.indexOf('transition')]).toBe('unreadable');
    const doc = JSON.parse(shotsJson(FILM, shots));
    expect(doc.film.partial).toBe(true);
    expect(doc.film.unreadable).toEqual([{ startFrame: 190, endFrame: 239, startSec: 7.916667, endSec: 10, reason: 'decoder error: Decoding error.' }]);
    expect(doc.shots[2]).toMatchObject({ scale: null, unreadable: true });
    expect(doc.stats.unreadableSec).toBeCloseTo(50 / 24, 5);
  });
});
