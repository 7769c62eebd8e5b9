import { describe, expect, it } from 'vitest';
import { formatBytes, formatSeconds, formatTime, pct } from './format';

describe('formatTime', () => {
  it('formats minutes and seconds', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(5)).toBe('0:05');
    expect(formatTime(59.9)).toBe('0:59');
    expect(formatTime(61)).toBe('1:01');
    expect(formatTime(600)).toBe('10:00');
  });

  it('adds hours for long films', () => {
    expect(formatTime(3600)).toBe('1:00:00');
    expect(formatTime(3661)).toBe('1:01:01');
    expect(formatTime(2 * 3600 + 15 * 60 + 7.8)).toBe('2:15:07');
  });

  it('shows tenths when asked', () => {
    expect(formatTime(0.5, true)).toBe('0:00.5');
    expect(formatTime(61.34, true)).toBe('1:01.3');
    expect(formatTime(3600 + 12.5, true)).toBe('1:00:12.5');
  });

  it('carries a rounded-up tenth into the minute', () => {
    // e.g. the last sample of a 119.97 s film, clamped to its duration
    expect(formatTime(59.96, true)).toBe('1:00.0');
    expect(formatTime(119.97, true)).toBe('2:00.0');
    expect(formatTime(3599.99, true)).toBe('1:00:00.0');
  });

  it('clamps negatives and marks non-finite values', () => {
    expect(formatTime(-3)).toBe('0:00');
    expect(formatTime(Number.NaN)).toBe('–');
    expect(formatTime(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatBytes', () => {
  it('formats bytes and binary multiples', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(20 * 1024)).toBe('20 KiB');
    expect(formatBytes(5.25 * 1024 * 1024)).toBe('5.3 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TiB');
    expect(formatBytes(2048 * 1024 ** 4)).toBe('2048 TiB');
  });
});

describe('pct', () => {
  it('rounds a probability to a whole percentage', () => {
    expect(pct(0)).toBe('0%');
    expect(pct(0.5)).toBe('50%');
    expect(pct(0.876)).toBe('88%');
    expect(pct(1)).toBe('100%');
  });
});

describe('formatSeconds', () => {
  it('gives one decimal and the unit', () => {
    expect(formatSeconds(4.25)).toBe('4.3 s');
    expect(formatSeconds(0)).toBe('0.0 s');
    expect(formatSeconds(125.04)).toBe('125.0 s');
    expect(formatSeconds(Number.NaN)).toBe('–');
  });
});
