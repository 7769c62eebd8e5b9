import { describe, expect, it } from 'vitest';
import {
  fcpxmlTime,
  fcpxmlTimeToFrames,
  frameRateFromCount,
  frameToSec,
  framesToTimecode,
  isDropFrameRate,
  nominalFrameRate,
  otioRange,
  otioTime,
  secToFrame,
  timecodeBase,
  timecodeToFrames,
} from './timecode';

const R23976 = { num: 24000, den: 1001 };
const R24 = { num: 24, den: 1 };
const R25 = { num: 25, den: 1 };
const R2997 = { num: 30000, den: 1001 };
const R30 = { num: 30, den: 1 };
const R5994 = { num: 60000, den: 1001 };

describe('nominalFrameRate', () => {
  it('snaps measured rates to the standard rational rates', () => {
    expect(nominalFrameRate(23.976)).toEqual(R23976);
    expect(nominalFrameRate(23.98)).toEqual(R23976);
    expect(nominalFrameRate(24.004)).toEqual(R24);
    expect(nominalFrameRate(25)).toEqual(R25);
    expect(nominalFrameRate(29.97)).toEqual(R2997);
    expect(nominalFrameRate(29.99)).toEqual(R30);
    expect(nominalFrameRate(59.94)).toEqual(R5994);
    expect(nominalFrameRate(50.01)).toEqual({ num: 50, den: 1 });
  });

  it('keeps other rates as integers, NTSC-style or thousandths', () => {
    expect(nominalFrameRate(15)).toEqual({ num: 15, den: 1 });
    expect(nominalFrameRate(119.88)).toEqual({ num: 120000, den: 1001 });
    expect(nominalFrameRate(12.5)).toEqual({ num: 25, den: 2 });
    expect(nominalFrameRate(7.321)).toEqual({ num: 7321, den: 1000 });
  });

  it('derives the rate from a frame count and duration', () => {
    // 1 h of 23.976 is 86313.6 frames; 3,600.0 s of 25 fps is 90,000 frames.
    expect(frameRateFromCount(86314, 3600)).toEqual(R23976);
    expect(frameRateFromCount(90000, 3600)).toEqual(R25);
    expect(frameRateFromCount(1798, 60)).toEqual(R2997);
    expect(() => frameRateFromCount(0, 10)).toThrow(RangeError);
    expect(() => nominalFrameRate(Number.NaN)).toThrow(RangeError);
  });

  it('knows which rates drop frames and how many frames a timecode second counts', () => {
    expect(isDropFrameRate(R2997)).toBe(true);
    expect(isDropFrameRate({ num: 60000, den: 1001 })).toBe(true);
    expect(isDropFrameRate({ num: 2997, den: 100 })).toBe(false);
    expect(isDropFrameRate(R23976)).toBe(false);
    expect(isDropFrameRate(R30)).toBe(false);
    expect(timecodeBase(R23976)).toBe(24);
    expect(timecodeBase(R2997)).toBe(30);
  });
});

describe('SMPTE timecode', () => {
  it('labels 29.97 drop-frame as SMPTE 12M does', () => {
    expect(framesToTimecode(0, R2997, true)).toBe('00:00:00;00');
    expect(framesToTimecode(1799, R2997, true)).toBe('00:00:59;29');
    expect(framesToTimecode(1800, R2997, true)).toBe('00:01:00;02');
    expect(framesToTimecode(3597, R2997, true)).toBe('00:01:59;29');
    expect(framesToTimecode(3598, R2997, true)).toBe('00:02:00;02');
    expect(framesToTimecode(17981, R2997, true)).toBe('00:09:59;29');
    expect(framesToTimecode(17982, R2997, true)).toBe('00:10:00;00');
    expect(framesToTimecode(17984, R2997, true)).toBe('00:10:00;02');
    expect(framesToTimecode(107892, R2997, true)).toBe('01:00:00;00');
  });

  it('labels 59.94 drop-frame (four frames dropped a minute)', () => {
    expect(framesToTimecode(3600, R5994, true)).toBe('00:01:00;04');
    expect(framesToTimecode(35964, R5994, true)).toBe('00:10:00;00');
    expect(framesToTimecode(215784, R5994, true)).toBe('01:00:00;00');
  });

  it('labels non-drop rates by whole frames per second', () => {
    expect(framesToTimecode(86400, R24)).toBe('01:00:00:00');
    expect(framesToTimecode(86400, R23976)).toBe('01:00:00:00');
    expect(framesToTimecode(90000, R25)).toBe('01:00:00:00');
    expect(framesToTimecode(1234, R25)).toBe('00:00:49:09');
    expect(framesToTimecode(1800, R30)).toBe('00:01:00:00');
    expect(framesToTimecode(17982, R2997)).toBe('00:09:59:12');
    expect(framesToTimecode(23, R23976)).toBe('00:00:00:23');
  });

  it('parses timecode back to frames', () => {
    expect(timecodeToFrames('00:10:00;00', R2997)).toBe(17982);
    expect(timecodeToFrames('00:01:00;02', R2997)).toBe(1800);
    expect(timecodeToFrames('01:00:00;00', R2997)).toBe(107892);
    expect(timecodeToFrames('01:00:00:00', R2997)).toBe(108000);
    expect(timecodeToFrames('01:00:00:00', R2997, true)).toBe(107892);
    expect(timecodeToFrames('00:00:49:09', R25)).toBe(1234);
    expect(timecodeToFrames('01:00:00;00', R5994)).toBe(215784);
  });

  it('round-trips every frame of the first 11 minutes and each label is one frame on', () => {
    for (const [rate, df] of [
      [R2997, true],
      [R5994, true],
      [R2997, false],
      [R23976, false],
      [R25, false],
    ] as const) {
      let prev = '';
      for (let f = 0; f < 11 * 60 * 60; f++) {
        const tc = framesToTimecode(f, rate, df);
        if (!(tc > prev) || timecodeToFrames(tc, rate, df) !== f) throw new Error(`${tc} at ${rate.num}/${rate.den} is not frame ${f}`);
        prev = tc;
      }
    }
  });

  it('refuses labels drop-frame skips, bad fields and drop-frame at other rates', () => {
    expect(() => timecodeToFrames('00:01:00;00', R2997)).toThrow(RangeError);
    expect(() => timecodeToFrames('00:01:00;01', R2997)).toThrow(RangeError);
    expect(() => timecodeToFrames('00:01:00;03', R5994)).toThrow(RangeError);
    expect(timecodeToFrames('00:10:00;00', R2997)).toBe(17982);
    expect(() => timecodeToFrames('00:00:00:24', R24)).toThrow(RangeError);
    expect(() => timecodeToFrames('00:61:00:00', R24)).toThrow(RangeError);
    expect(() => timecodeToFrames('1:00:00', R24)).toThrow(SyntaxError);
    expect(() => framesToTimecode(10, R25, true)).toThrow(RangeError);
    expect(() => framesToTimecode(-1, R25)).toThrow(RangeError);
    expect(() => framesToTimecode(1.5, R25)).toThrow(RangeError);
  });
});

describe('frames and seconds', () => {
  it('converts at a constant rate', () => {
    expect(frameToSec(24, R23976)).toBeCloseTo(1.001, 12);
    expect(frameToSec(30, R2997)).toBeCloseTo(1.001, 12);
    expect(secToFrame(1.001, R23976)).toBe(24);
    expect(secToFrame(1.0009, R23976)).toBe(23);
    expect(secToFrame(0.5, R25)).toBe(12);
    expect(secToFrame(-1, R25)).toBe(0);
    for (let f = 0; f < 5000; f++) expect(secToFrame(frameToSec(f, R2997), R2997)).toBe(f);
  });

  it('converts with per-frame timestamps (variable frame rate)', () => {
    const timing = { frameTimesSec: [0, 0.04, 0.1, 0.5, 0.52], endSec: 0.6 };
    expect(frameToSec(3, timing)).toBe(0.5);
    expect(frameToSec(5, timing)).toBe(0.6);
    expect(secToFrame(0.3, timing)).toBe(2);
    expect(secToFrame(0.5, timing)).toBe(3);
    expect(secToFrame(0.59, timing)).toBe(4);
    expect(secToFrame(-0.1, timing)).toBe(0);
  });
});

describe('interchange time formats', () => {
  it('writes FCPXML rational seconds on frame boundaries', () => {
    expect(fcpxmlTime(0, R23976)).toBe('0s');
    expect(fcpxmlTime(1, R23976)).toBe('1001/24000s');
    expect(fcpxmlTime(48, R23976)).toBe('1001/500s');
    expect(fcpxmlTime(24, R24)).toBe('1s');
    expect(fcpxmlTime(1, R25)).toBe('1/25s');
    expect(fcpxmlTime(3, R2997)).toBe('1001/10000s');
    expect(fcpxmlTime(30, R30)).toBe('1s');
    expect(() => fcpxmlTime(0.5, R25)).toThrow(RangeError);
  });

  it('reads FCPXML times back to frames and refuses times between frames', () => {
    expect(fcpxmlTimeToFrames('1001/500s', R23976)).toBe(48);
    expect(fcpxmlTimeToFrames('0s', R23976)).toBe(0);
    expect(fcpxmlTimeToFrames('3600s', R25)).toBe(90000);
    expect(() => fcpxmlTimeToFrames('1/48s', R24)).toThrow(RangeError);
    expect(() => fcpxmlTimeToFrames('1.5s', R24)).toThrow(SyntaxError);
  });

  it('writes OTIO RationalTime and TimeRange at the film rate', () => {
    expect(otioTime(48, R23976)).toEqual({ OTIO_SCHEMA: 'RationalTime.1', rate: 24000 / 1001, value: 48 });
    expect(otioRange(10, 5, R25)).toEqual({
      OTIO_SCHEMA: 'TimeRange.1',
      start_time: { OTIO_SCHEMA: 'RationalTime.1', rate: 25, value: 10 },
      duration: { OTIO_SCHEMA: 'RationalTime.1', rate: 25, value: 5 },
    });
  });
});
