import { describe, expect, it } from 'vitest';
import { camForClass, camToRgba, heatColor, normalizeCam } from './cam';
import { heatmapColor } from './colormap';

describe('normalizeCam', () => {
  it('clips negative evidence and divides by the maximum', () => {
    expect(Array.from(normalizeCam([-1, 2, 4, 0, 1]))).toEqual([0, 0.5, 1, 0, 0.25]);
  });

  it('puts the maximum at exactly 1 whatever the scale', () => {
    const out = normalizeCam([0.001, 0.003, 0.002]);
    expect(out[1]).toBe(1);
    expect(out[0]).toBeCloseTo(1 / 3, 6);
    const big = normalizeCam([500, 1000, -2000]);
    expect(Array.from(big)).toEqual([0.5, 1, 0]);
  });

  it('gives zeros for a map with no positive evidence', () => {
    expect(Array.from(normalizeCam([-3, -1, -0.5]))).toEqual([0, 0, 0]);
    expect(Array.from(normalizeCam([0, 0]))).toEqual([0, 0]);
    expect(normalizeCam([])).toHaveLength(0);
  });

  it('does not modify its input and returns a Float32Array', () => {
    const cam = new Float32Array([-1, 2]);
    const out = normalizeCam(cam);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out).not.toBe(cam);
    expect(Array.from(cam)).toEqual([-1, 2]);
  });
});

describe('camForClass', () => {
  it('slices the h×w map of one class out of a [K, h, w] block', () => {
    const K = 3;
    const h = 2;
    const w = 3;
    const cams = Float32Array.from({ length: K * h * w }, (_, i) => i);
    expect(Array.from(camForClass(cams, 0, h, w))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(camForClass(cams, 1, h, w))).toEqual([6, 7, 8, 9, 10, 11]);
    expect(Array.from(camForClass(cams, 2, h, w))).toEqual([12, 13, 14, 15, 16, 17]);
  });

  it('composes with normalizeCam per class', () => {
    const cams = new Float32Array([1, 2, 3, 4, -1, -2, -3, -4]);
    expect(Array.from(normalizeCam(camForClass(cams, 0, 2, 2)))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(Array.from(normalizeCam(camForClass(cams, 1, 2, 2)))).toEqual([0, 0, 0, 0]);
  });
});

describe('heatColor and camToRgba', () => {
  it('uses the perceptual map and clamps outside [0, 1]', () => {
    expect(heatColor(0)).toEqual(heatmapColor(0));
    expect(heatColor(0.5)).toEqual(heatmapColor(0.5));
    expect(heatColor(-3)).toEqual(heatColor(0));
    expect(heatColor(7)).toEqual(heatColor(1));
  });

  it('writes RGBA per value, cold areas nearly transparent', () => {
    const rgba = camToRgba(new Float32Array([0, 0.5, 1]));
    expect(rgba).toBeInstanceOf(Uint8ClampedArray);
    expect(rgba).toHaveLength(12);
    expect(Array.from(rgba.subarray(0, 4))).toEqual([...heatmapColor(0), 16]);
    expect(Array.from(rgba.subarray(4, 8))).toEqual([...heatmapColor(0.5), 100]);
    expect(Array.from(rgba.subarray(8, 12))).toEqual([...heatmapColor(1), 255]);
  });

  it('alpha is strictly increasing in heat', () => {
    const values = Float32Array.from({ length: 21 }, (_, i) => i / 20);
    const rgba = camToRgba(values);
    for (let i = 1; i < values.length; i++) expect(rgba[i * 4 + 3]).toBeGreaterThan(rgba[(i - 1) * 4 + 3]);
  });
});
