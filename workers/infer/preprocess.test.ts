import { describe, expect, it } from 'vitest';
import { rgbaToNchw } from './preprocess';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];
const norm = (v: number, c: number) => (v / 255 - MEAN[c]) / STD[c];

describe('rgbaToNchw', () => {
  // Two 2×2 RGBA frames; pixel p of frame n has R = 10n + p, G = 100 + 10n + p, B = 200 + 10n + p, A = 7.
  const H = 2;
  const W = 2;
  const rgba = new Uint8ClampedArray(2 * H * W * 4);
  for (let n = 0; n < 2; n++) {
    for (let p = 0; p < H * W; p++) {
      const i = (n * H * W + p) * 4;
      rgba[i] = 10 * n + p;
      rgba[i + 1] = 100 + 10 * n + p;
      rgba[i + 2] = 200 + 10 * n + p;
      rgba[i + 3] = 7;
    }
  }

  it('lays out frames as N × C × H × W, dropping alpha', () => {
    const out = rgbaToNchw(rgba, 2, H, W, [0, 0, 0], [1 / 255, 1 / 255, 1 / 255]);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out).toHaveLength(2 * 3 * H * W);
    // With mean 0 and std 1/255 the values are the raw bytes.
    const expected = [
      // frame 0: R plane, G plane, B plane (row-major pixels)
      0, 1, 2, 3, 100, 101, 102, 103, 200, 201, 202, 203,
      // frame 1
      10, 11, 12, 13, 110, 111, 112, 113, 210, 211, 212, 213,
    ];
    Array.from(out).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 3));
  });

  it('normalises each channel as (v / 255 - mean) / std', () => {
    const out = rgbaToNchw(rgba, 2, H, W, MEAN, STD);
    const plane = H * W;
    for (let n = 0; n < 2; n++) {
      for (let p = 0; p < plane; p++) {
        const i = (n * plane + p) * 4;
        for (let c = 0; c < 3; c++) expect(out[n * 3 * plane + c * plane + p]).toBeCloseTo(norm(rgba[i + c], c), 5);
      }
    }
  });

  it('maps black and white to the ends of the ImageNet range', () => {
    const px = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 255]);
    const out = rgbaToNchw(px, 1, 1, 2, MEAN, STD);
    expect(out[0]).toBeCloseTo(-MEAN[0] / STD[0], 5); // R of black
    expect(out[1]).toBeCloseTo((1 - MEAN[0]) / STD[0], 5); // R of white
    expect(out[4]).toBeCloseTo(-MEAN[2] / STD[2], 5); // B of black
    expect(out[5]).toBeCloseTo((1 - MEAN[2]) / STD[2], 5); // B of white
  });

  it('maps [-1, 1] scaling (mean 0.5, std 0.5)', () => {
    const px = new Uint8ClampedArray([0, 255, 51, 255]);
    const out = rgbaToNchw(px, 1, 1, 1, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]);
    expect(out[0]).toBeCloseTo(-1, 6);
    expect(out[1]).toBeCloseTo(1, 6);
    expect(out[2]).toBeCloseTo(-0.6, 6);
  });

  it('converts only the first `count` frames', () => {
    const out = rgbaToNchw(rgba, 1, H, W, [0, 0, 0], [1 / 255, 1 / 255, 1 / 255]);
    expect(out).toHaveLength(3 * H * W);
    expect(out[0]).toBeCloseTo(0, 3);
    expect(out[11]).toBeCloseTo(203, 3);
  });
});
