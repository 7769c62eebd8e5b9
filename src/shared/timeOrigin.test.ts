import { describe, expect, it } from 'vitest';
import { sampleTimes } from './sampling';
import { filmTimeSec, sourceTimestampSec, timeOrigin } from './timeOrigin';

describe('timeOrigin', () => {
  it('leaves a film that starts at 0 as it is', () => {
    expect(timeOrigin(0, 20)).toEqual({ startTimestampSec: 0, durationSec: 20 });
  });

  it('measures an MPEG-TS (ffmpeg starts it at 1.4 s plus the B-frame delay) from its first frame', () => {
    // 90 kHz ticks, as the demuxer gives them: 133500 / 90000 and 1933500 / 90000.
    const origin = timeOrigin(133500 / 90000, 1933500 / 90000);
    expect(origin.startTimestampSec).toBe(133500 / 90000);
    expect(origin.durationSec).toBe(20);
  });

  it('measures a file offset by 60 s from its first frame, not from the container’s 0', () => {
    expect(timeOrigin(60, 80)).toEqual({ startTimestampSec: 60, durationSec: 20 });
  });

  it('starts a stream cut mid-GOP at its first key frame', () => {
    // A broadcast capture whose first packets (from 120.36 s) cannot be decoded; the key frame is at 121.4 s.
    expect(timeOrigin(121.4, 131.4)).toEqual({ startTimestampSec: 121.4, durationSec: 10 });
  });

  it('treats a key frame before 0 as pre-roll: the film starts at 0 (MP4 edit list)', () => {
    expect(timeOrigin(-1.3, 12.7)).toEqual({ startTimestampSec: 0, durationSec: 12.7 });
  });

  it('rounds floating-point noise out of the duration, not out of the origin', () => {
    const first = 1.4833333333333334;
    const origin = timeOrigin(first, 21.483333333333334);
    expect(origin.durationSec).toBe(20);
    expect(origin.startTimestampSec).toBe(first);
  });

  it('gives a non-positive duration when the end is not after the first key frame (the caller rejects it)', () => {
    expect(timeOrigin(5, 5).durationSec).toBe(0);
    expect(timeOrigin(5, 4).durationSec).toBeLessThan(0);
    expect(timeOrigin(5, Number.NaN).durationSec).toBeNaN();
  });

  it('rejects a non-finite first key frame', () => {
    expect(() => timeOrigin(Number.NaN, 10)).toThrow(RangeError);
    expect(() => timeOrigin(Number.NEGATIVE_INFINITY, 10)).toThrow(RangeError);
  });
});

describe('sourceTimestampSec / filmTimeSec', () => {
  it('map film time to source timestamps and back', () => {
    const origin = timeOrigin(112.7, 115.3);
    expect(sourceTimestampSec(0.5, origin)).toBeCloseTo(113.2, 9);
    expect(filmTimeSec(113.2, origin)).toBeCloseTo(0.5, 9);
    expect(filmTimeSec(sourceTimestampSec(1.25, origin), origin)).toBeCloseTo(1.25, 12);
  });

  it('never asks the demuxer for a time before the first frame, even at film time 0', () => {
    const first = 133500 / 90000;
    const origin = timeOrigin(first, first + 20);
    expect(sourceTimestampSec(0, origin)).toBeGreaterThanOrEqual(first);
    for (const t of sampleTimes(origin.durationSec, 4)) expect(sourceTimestampSec(t, origin)).toBeGreaterThan(first);
  });

  it('samples an offset film exactly as the same film starting at 0', () => {
    const plain = timeOrigin(0, 20);
    const offset = timeOrigin(60, 80);
    const ts = timeOrigin(1.4833333333333334, 21.483333333333334);
    expect(sampleTimes(offset.durationSec)).toEqual(sampleTimes(plain.durationSec));
    expect(sampleTimes(ts.durationSec)).toEqual(sampleTimes(plain.durationSec));
    expect(sampleTimes(offset.durationSec).map((t) => sourceTimestampSec(t, offset))).toEqual(sampleTimes(20).map((t) => t + 60));
  });
});
