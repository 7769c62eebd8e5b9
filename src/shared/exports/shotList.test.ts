import { describe, expect, it } from 'vitest';
import { SCALE_CODES, SCALE_NAMES } from '../taxonomy';
import { timecodeToFrames } from '../timecode';
import { SHOTS_CSV_HEADER, shotsCsv, shotsJson } from './shotList';
import { parseCsv, TEST_FILM_NAME, TEST_FRAME_COUNT, TEST_RATES, testFilm } from './testSupport';

describe.each(TEST_RATES)('shot list at $label fps', ({ rate, dropFrame }) => {
  const { film, shots } = testFilm(rate, dropFrame);

  it('writes one CSV row per shot that reads back to the shots', () => {
    const [header, ...rows] = parseCsv(shotsCsv(film, shots));
    expect(header).toEqual([...SHOTS_CSV_HEADER]);
    expect(rows).toHaveLength(shots.length);
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    let frames = 0;
    rows.forEach((row, i) => {
      const s = shots[i];
      expect(row).toHaveLength(header.length);
      expect(col(row, 'film')).toBe(TEST_FILM_NAME);
      expect(Number(col(row, 'shot'))).toBe(i + 1);
      expect(Number(col(row, 'start_frame'))).toBe(s.startFrame);
      expect(Number(col(row, 'end_frame'))).toBe(s.endFrame);
      expect(timecodeToFrames(col(row, 'in_tc'), rate, dropFrame)).toBe(s.startFrame);
      expect(timecodeToFrames(col(row, 'out_tc'), rate, dropFrame)).toBe(s.endFrame + 1);
      expect(Number(col(row, 'start_sec'))).toBeCloseTo((s.startFrame * rate.den) / rate.num, 6);
      expect(Number(col(row, 'end_sec'))).toBeCloseTo(((s.endFrame + 1) * rate.den) / rate.num, 6);
      expect(col(row, 'scale')).toBe(s.scale);
      expect(col(row, 'scale_name')).toBe(SCALE_NAMES[s.scale]);
      expect(col(row, 'corrected')).toBe(String(s.corrected));
      expect(col(row, 'transition')).toBe(s.transition.kind);
      frames += Number(col(row, 'duration_frames'));
      const probs = SCALE_CODES.map((c) => Number(col(row, `p_${c}`)));
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    });
    expect(frames).toBe(TEST_FRAME_COUNT);
  });

  it('writes the JSON the headless contract asks for', () => {
    const doc = JSON.parse(shotsJson(film, shots, { id: 'm', version: '1', backend: 'wasm' }));
    expect(Object.keys(doc)).toEqual(['film', 'model', 'classes', 'shots', 'stats']);
    expect(doc.film).toMatchObject({ name: TEST_FILM_NAME, frameRate: rate, frameCount: TEST_FRAME_COUNT, dropFrame, width: 1920, height: 800 });
    expect(doc.model).toEqual({ id: 'm', version: '1', backend: 'wasm' });
    expect(doc.shots).toHaveLength(shots.length);
    doc.shots.forEach((j: Record<string, any>, i: number) => {
      const s = shots[i];
      expect(j).toMatchObject({ index: i, number: i + 1, startFrame: s.startFrame, endFrame: s.endFrame, scale: s.scale, corrected: s.corrected, changesScale: s.changesScale });
      expect(j.startSec).toBeCloseTo(s.startSec, 6);
      expect(j.endSec).toBeCloseTo(s.endSec, 6);
      expect(j.confidence).toBeCloseTo(s.confidence, 5);
      expect(j.transition).toMatchObject({ kind: s.transition.kind, startFrame: s.transition.startFrame, endFrame: s.transition.endFrame });
      expect(timecodeToFrames(j.inTimecode, rate, dropFrame)).toBe(s.startFrame);
      expect(Object.keys(j.probs)).toEqual([...SCALE_CODES]);
    });
    expect(doc.shots[5].transition).toEqual({ kind: 'dissolve', startFrame: 9990, endFrame: 10009, shotStartFrame: 10000, score: 0.7 });
    expect(doc.stats.shotCount).toBe(shots.length);
    expect(doc.stats.durationSec).toBeCloseTo(film.durationSec, 6);
    expect(doc.stats.series).toBeUndefined();
    expect(doc.stats.trend.degree).toBe(6);
  });
});

describe('shot list JSON', () => {
  it('writes null for an unknown model', () => {
    const { film, shots } = testFilm({ num: 25, den: 1 }, false);
    expect(JSON.parse(shotsJson(film, shots)).model).toBeNull();
  });
});
