import { describe, expect, it } from 'vitest';
import { BRIGHT_LUMA, DARK_LUMA, frameStats, naProbability } from './na';
import { mulberry32 } from './random';

const W = 64;
const H = 36;


/** An RGBA image whose pixel (x, y) has the colour fill(x, y). */
function image(width: number, height: number, fill: (x: number, y: number) => [number, number, number]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = fill(x, y);
      const i = (y * width + x) * 4;
      out[i] = r;
      out[i + 1] = g;
      out[i + 2] = b;
      out[i + 3] = 255;
    }
  }
  return out;
}

const black = () => image(W, H, () => [0, 0, 0]);
const grey = () => image(W, H, () => [128, 128, 128]);

/** White "text": three lines of 3-pixel-wide strokes on black, 12.5 % of the frame. */
function titleCard(): Uint8ClampedArray {
  return image(W, H, (x, y) => {
    const inLine = (y >= 8 && y < 12) || (y >= 16 && y < 20) || (y >= 24 && y < 28);
    const inGlyph = x >= 8 && x < 56 && x % 6 < 3;
    return inLine && inGlyph ? [255, 255, 255] : [0, 0, 0];
  });
}

function noisyScene(seed = 1): Uint8ClampedArray {
  const r = mulberry32(seed);
  return image(W, H, () => {
    const v = 50 + r() * 150;
    return [v + r() * 20 - 10, v + r() * 20 - 10, v + r() * 20 - 10];
  });
}

/** A night scene: mostly near-black with textured mid-tone areas (lit faces, windows, street). */
function nightScene(seed = 2): Uint8ClampedArray {
  const r = mulberry32(seed);
  return image(W, H, () => {
    if (r() < 0.72) {
      const v = r() * 22;
      return [v, v, v + 3];
    }
    const v = 45 + r() * 90;
    return [v + 10, v, v - 15];
  });
}

function colourful(seed = 3): Uint8ClampedArray {
  const r = mulberry32(seed);
  return image(W, H, (x) => {
    const hue = Math.floor(x / 8) % 3;
    const hi = 150 + r() * 105;
    const lo = r() * 40;
    return hue === 0 ? [hi, lo, lo] : hue === 1 ? [lo, hi, lo] : [lo, lo + 60, hi];
  });
}

describe('frameStats', () => {
  it('measures a half black, half white frame', () => {
    const img = image(4, 2, (x) => (x < 2 ? [0, 0, 0] : [255, 255, 255]));
    const s = frameStats(img, 4, 2, undefined, 1);
    expect(s.meanLuma).toBeCloseTo(0.5, 6);
    expect(s.stdLuma).toBeCloseTo(0.5, 6);
    expect(s.darkFraction).toBe(0.5);
    expect(s.midFraction).toBe(0);
    expect(s.meanChroma).toBe(0);
  });

  it('uses Rec. 709 luma and max-min chroma', () => {
    const red = frameStats(image(2, 2, () => [255, 0, 0]), 2, 2, undefined, 1);
    expect(red.meanLuma).toBeCloseTo(0.2126, 6);
    expect(red.stdLuma).toBeCloseTo(0, 6);
    expect(red.meanChroma).toBeCloseTo(1, 6);
    expect(red.midFraction).toBe(1);
    const green = frameStats(image(2, 2, () => [0, 255, 0]), 2, 2, undefined, 1);
    expect(green.meanLuma).toBeCloseTo(0.7152, 6);
    expect(green.midFraction).toBe(0);
    const blue = frameStats(image(2, 2, () => [0, 0, 255]), 2, 2, undefined, 1);
    expect(blue.darkFraction).toBe(1);
  });

  it('classifies tones against DARK_LUMA and BRIGHT_LUMA', () => {
    const v = (l: number) => Math.round(l * 255);
    // dark, mid, mid, bright
    const img = image(4, 1, (x) => {
      const l = [DARK_LUMA - 0.02, DARK_LUMA + 0.02, BRIGHT_LUMA - 0.02, BRIGHT_LUMA + 0.02][x];
      return [v(l), v(l), v(l)];
    });
    const s = frameStats(img, 4, 1, undefined, 1);
    expect(s.darkFraction).toBe(0.25);
    expect(s.midFraction).toBe(0.5);
  });

  it('samples every step-th pixel (default 2)', () => {
    // White only on odd columns or odd rows: step 2 sees only black pixels.
    const img = image(8, 8, (x, y) => (x % 2 === 1 || y % 2 === 1 ? [255, 255, 255] : [0, 0, 0]));
    expect(frameStats(img, 8, 8).meanLuma).toBe(0);
    expect(frameStats(img, 8, 8, undefined, 1).meanLuma).toBeCloseTo(0.75, 6);
  });

  it('restricts the statistics to the content rectangle (letterbox bars left out)', () => {
    const img = image(8, 8, (_x, y) => (y < 2 || y >= 6 ? [0, 0, 0] : [128, 128, 128]));
    const all = frameStats(img, 8, 8, undefined, 1);
    expect(all.darkFraction).toBe(0.5);
    const content = frameStats(img, 8, 8, { x: 0, y: 2, width: 8, height: 4 }, 1);
    expect(content.darkFraction).toBe(0);
    expect(content.meanLuma).toBeCloseTo(128 / 255, 6);
  });

  it('treats an empty rectangle as black', () => {
    expect(frameStats(black(), W, H, { x: 0, y: 0, width: 0, height: 0 })).toEqual({ meanLuma: 0, stdLuma: 0, darkFraction: 1, midFraction: 0, meanChroma: 0 });
  });
});

describe('naProbability', () => {
  const p = (rgba: Uint8ClampedArray, step = 2) => naProbability(frameStats(rgba, W, H, undefined, step));

  it('is high for a black frame', () => {
    expect(p(black())).toBeGreaterThan(0.95);
  });

  it('is high for a near-black fade with a little noise', () => {
    const r = mulberry32(9);
    const fade = image(W, H, () => {
      const v = r() * 14;
      return [v, v, v];
    });
    expect(p(fade)).toBeGreaterThan(0.9);
  });

  it('is high for a flat grey frame', () => {
    expect(p(grey())).toBeGreaterThan(0.95);
    expect(p(image(W, H, () => [230, 230, 230]))).toBeGreaterThan(0.95);
  });

  it('is high for white text on black', () => {
    const stats = frameStats(titleCard(), W, H, undefined, 1);
    expect(stats.darkFraction).toBeGreaterThan(0.85);
    expect(stats.darkFraction).toBeLessThan(0.9); // not black by the "black" rule alone
    expect(naProbability(stats)).toBeGreaterThan(0.95);
    expect(p(titleCard(), 1)).toBeGreaterThan(0.95);
  });

  it('is low for a noisy mid-tone scene', () => {
    expect(p(noisyScene())).toBeLessThan(0.05);
    expect(p(noisyScene(7))).toBeLessThan(0.05);
  });

  it('is low for a dark but textured night scene with mid tones', () => {
    const s = frameStats(nightScene(), W, H);
    expect(s.darkFraction).toBeGreaterThan(0.6);
    expect(s.meanLuma).toBeLessThan(0.2);
    expect(naProbability(s)).toBeLessThan(0.05);
  });

  it('is low for a colourful image', () => {
    const s = frameStats(colourful(), W, H);
    expect(s.meanChroma).toBeGreaterThan(0.4);
    expect(naProbability(s)).toBeLessThan(0.05);
  });

  it('stays in [0, 1]', () => {
    for (const img of [black(), grey(), titleCard(), noisyScene(), nightScene(), colourful()]) {
      const v = p(img);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});
