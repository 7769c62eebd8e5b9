import { describe, expect, it } from 'vitest';
import { COLORMAP_SIZE, heatmapColor, relativeLuminance } from './colormap';

describe('heatmapColor', () => {
  it('gets brighter all the way from cold to hot', () => {
    let prev = -1;
    for (let i = 0; i < COLORMAP_SIZE; i++) {
      const y = relativeLuminance(heatmapColor(i / (COLORMAP_SIZE - 1)));
      expect(y).toBeGreaterThan(prev);
      prev = y;
    }
  });

  it('runs from a dark violet to a pale yellow', () => {
    const [r0, g0, b0] = heatmapColor(0);
    expect(relativeLuminance([r0, g0, b0])).toBeLessThan(0.03);
    expect(b0).toBeGreaterThan(g0);
    expect(r0).toBeGreaterThan(g0);
    const [r1, g1, b1] = heatmapColor(1);
    expect(relativeLuminance([r1, g1, b1])).toBeGreaterThan(0.8);
    expect(r1).toBeGreaterThan(b1);
    expect(g1).toBeGreaterThan(b1);
  });

  it('is orange-red in the middle and clamps outside [0, 1] and NaN', () => {
    const [r, g, b] = heatmapColor(0.6);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
    expect(heatmapColor(-2)).toEqual(heatmapColor(0));
    expect(heatmapColor(5)).toEqual(heatmapColor(1));
    expect(heatmapColor(Number.NaN)).toEqual(heatmapColor(0));
  });

  it('changes evenly: no step between neighbours is much bigger than the average', () => {
    const ys = Array.from({ length: 17 }, (_, i) => Math.cbrt(relativeLuminance(heatmapColor(i / 16))));
    const steps = ys.slice(1).map((y, i) => y - ys[i]);
    const mean = steps.reduce((a, b) => a + b, 0) / steps.length;
    for (const s of steps) expect(s).toBeLessThan(2.5 * mean);
  });
});
