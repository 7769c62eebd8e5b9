import { describe, expect, it } from 'vitest';
import { BRIGHT_LUMA, DARK_LUMA, cardStats, frameStats, lightCardProbability, naProbability } from './na';
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

describe('light cards (intertitles)', () => {
  const CW = 168;
  const CH = 126;
  /** Dark lettering on a pale card with grain: `lines` lines of 2-pixel strokes, with a ruled border near the edge (outside the rows that count lines). */
  function lightCard(lines = 3, seed = 4, tone = 215): Uint8ClampedArray {
    const r = mulberry32(seed);
    const top = Math.round(CH / 2 - lines * 9);
    return image(CW, CH, (x, y) => {
      const k = Math.floor((y - top) / 18);
      const inLine = k >= 0 && k < lines && (y - top) % 18 < 8;
      const glyph = inLine && x >= 30 && x < CW - 30 && (x + 3 * k) % 5 < 2;
      const border = (x === 5 || x === CW - 6 || y === 5 || y === CH - 6) && x >= 5 && x <= CW - 6 && y >= 5 && y <= CH - 6;
      const v = glyph || border ? 30 + r() * 20 : tone + r() * 16 - 8;
      return [v * 1.02, v, v * 0.85];
    });
  }
  /** A pale snowfield under a paler sky, with one dark standing figure (an ELS or LS, not a card). */
  function snowFigure(): Uint8ClampedArray {
    const r = mulberry32(5);
    return image(CW, CH, (x, y) => {
      const figure = x >= 80 && x < 88 && y >= 50 && y < 96;
      const v = figure ? 40 : (y < 60 ? 225 : 205) + r() * 10;
      return [v, v, v];
    });
  }
  /** Pale pebbles: a high-key texture, detail everywhere. */
  function pebbles(): Uint8ClampedArray {
    const r = mulberry32(6);
    const cells = Array.from({ length: 200 }, () => [r() * CW, r() * CH, 3 + r() * 5]);
    return image(CW, CH, (x, y) => {
      const inside = cells.some(([cx, cy, rad]) => (x - cx) ** 2 + (y - cy) ** 2 < rad * rad && (x - cx) ** 2 + (y - cy) ** 2 > (rad - 1.5) ** 2);
      const v = inside ? 60 : 215 + r() * 12;
      return [v, v, v];
    });
  }
  const stats = (img: Uint8ClampedArray, rect?: { x: number; y: number; width: number; height: number }) => ({ ...frameStats(img, CW, CH, undefined, 1), card: cardStats(img, CW, CH, rect) });

  it('finds lettering on a pale card: one tone, short strokes, lines across the middle', () => {
    const c = cardStats(lightCard(), CW, CH);
    expect(c.background).toBeGreaterThan(0.75);
    expect(c.backgroundShare).toBeGreaterThan(0.8);
    expect(c.inkFraction).toBeGreaterThan(0.02);
    expect(c.inkRun).toBeLessThan(0.02);
    expect(c.textLines).toBe(3);
    // The dark-card rule misses it (no dark background); the light-card rule takes it.
    expect(naProbability(frameStats(lightCard(), CW, CH, undefined, 1))).toBeLessThan(0.05);
    expect(naProbability(stats(lightCard()))).toBeGreaterThan(0.95);
    expect(naProbability(stats(lightCard(1, 8, 180)))).toBeGreaterThan(0.95);
    expect(naProbability(stats(lightCard(6, 9)))).toBeGreaterThan(0.95);
  });

  it('leaves pale scenes alone: a figure on snow, a high-key texture', () => {
    expect(lightCardProbability(cardStats(snowFigure(), CW, CH))).toBeLessThan(0.05);
    expect(naProbability(stats(pebbles()))).toBeLessThan(0.05);
    // A dark scene is not a light card, however plain.
    expect(lightCardProbability(cardStats(nightScene(), W, H))).toBe(0);
  });

  it('measures only the picture given (a card inside black pillarbox bars)', () => {
    const card = lightCard();
    const barred = image(CW + 60, CH, (x, y) => {
      if (x < 30 || x >= CW + 30) return [0, 0, 0];
      const i = (y * CW + (x - 30)) * 4;
      return [card[i], card[i + 1], card[i + 2]];
    });
    const whole = cardStats(barred, CW + 60, CH);
    const inside = cardStats(barred, CW + 60, CH, { x: 30, y: 0, width: CW, height: CH });
    expect(inside.backgroundShare).toBeGreaterThan(whole.backgroundShare);
    expect(lightCardProbability(inside)).toBeGreaterThan(0.95);
    expect(cardStats(barred, CW + 60, CH, { x: 0, y: 0, width: 4, height: 4 }).textLines).toBe(0);
  });
});
