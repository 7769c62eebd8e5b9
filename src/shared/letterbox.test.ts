import { describe, expect, it } from 'vitest';
import { contentInGrid, letterboxRect } from './letterbox';

describe('letterboxRect', () => {
  it('fits 16:9 into 224×224 with bars top and bottom', () => {
    // 224 × 1080/1920 = 126; (224 - 126) / 2 = 49
    expect(letterboxRect(1920, 1080, 224, 224)).toEqual({ x: 0, y: 49, width: 224, height: 126 });
  });

  it('fits 2.39:1 scope into 224×224', () => {
    // 804 × 224/1920 = 93.8 → 94; (224 - 94) / 2 = 65
    expect(letterboxRect(1920, 804, 224, 224)).toEqual({ x: 0, y: 65, width: 224, height: 94 });
  });

  it('fits 4:3 into 224×224', () => {
    expect(letterboxRect(640, 480, 224, 224)).toEqual({ x: 0, y: 28, width: 224, height: 168 });
  });

  it('fits portrait video with bars left and right', () => {
    expect(letterboxRect(1080, 1920, 224, 224)).toEqual({ x: 49, y: 0, width: 126, height: 224 });
  });

  it('scales square sources exactly, up or down', () => {
    expect(letterboxRect(1000, 1000, 224, 224)).toEqual({ x: 0, y: 0, width: 224, height: 224 });
    expect(letterboxRect(100, 100, 224, 224)).toEqual({ x: 0, y: 0, width: 224, height: 224 });
  });

  it('handles non-square destinations', () => {
    // 4:3 into a 16:9 box: height limits, bars left and right.
    expect(letterboxRect(640, 480, 320, 180)).toEqual({ x: 40, y: 0, width: 240, height: 180 });
    // 16:9 into a tall box: width limits.
    expect(letterboxRect(1920, 1080, 160, 320)).toEqual({ x: 0, y: 115, width: 160, height: 90 });
    // Same aspect ratio: no padding at all.
    expect(letterboxRect(1280, 720, 320, 180)).toEqual({ x: 0, y: 0, width: 320, height: 180 });
  });

  it('keeps the content inside the destination and centred', () => {
    for (const [sw, sh] of [[1920, 1080], [1998, 1080], [720, 576], [3840, 1600], [1, 1000], [1000, 1]]) {
      const r = letterboxRect(sw, sh, 224, 224);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(224);
      expect(r.y + r.height).toBeLessThanOrEqual(224);
      expect(Math.max(r.width, r.height)).toBe(224);
      expect(Math.abs(224 - r.width - 2 * r.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(224 - r.height - 2 * r.y)).toBeLessThanOrEqual(1);
    }
  });

  it('never gives a zero-sized side for extreme aspect ratios', () => {
    expect(letterboxRect(10000, 1, 224, 224)).toEqual({ x: 0, y: 111, width: 224, height: 1 });
  });

  it('rejects empty or invalid sizes', () => {
    expect(() => letterboxRect(0, 1080, 224, 224)).toThrow(/Bad letterbox/);
    expect(() => letterboxRect(1920, -1, 224, 224)).toThrow(/Bad letterbox/);
    expect(() => letterboxRect(1920, 1080, 0, 224)).toThrow(/Bad letterbox/);
    expect(() => letterboxRect(Number.NaN, 1080, 224, 224)).toThrow(/Bad letterbox/);
  });
});

describe('contentInGrid', () => {
  it('maps the content rectangle of a 224 input onto a 7×7 grid', () => {
    const content = letterboxRect(1920, 1080, 224, 224);
    const g = contentInGrid(content, 224, 224, 7, 7);
    expect(g.x).toBe(0);
    expect(g.width).toBe(7);
    expect(g.y).toBeCloseTo(49 / 32, 10);
    expect(g.height).toBeCloseTo(126 / 32, 10);
  });

  it('scales x and y independently for non-square inputs and grids', () => {
    expect(contentInGrid({ x: 40, y: 10, width: 240, height: 160 }, 320, 180, 10, 6)).toEqual({ x: 1.25, y: 1 / 3, width: 7.5, height: 160 / 30 });
  });

  it('maps the whole input onto the whole grid', () => {
    expect(contentInGrid({ x: 0, y: 0, width: 224, height: 224 }, 224, 224, 7, 7)).toEqual({ x: 0, y: 0, width: 7, height: 7 });
  });
});
