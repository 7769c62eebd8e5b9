import type { PictureBounds } from './pictureBounds';

/** Cheap luminance statistics of a frame, enough to tell black, flat and title-card frames. */
export interface FrameStats {
  /** The picture inside burned-in black bars (pictureBounds), when measured. */
  picture?: PictureBounds;
  /** Mean luma in [0, 1]. */
  meanLuma: number;
  /** Standard deviation of luma. */
  stdLuma: number;
  /** Fraction of pixels with luma below DARK_LUMA. */
  darkFraction: number;
  /** Fraction of pixels between DARK_LUMA and BRIGHT_LUMA (the tones a real scene is made of). */
  midFraction: number;
  /** Mean chroma (max - min of RGB) in [0, 1]. */
  meanChroma: number;
}

/** Luma below this counts as black. */
export const DARK_LUMA = 0.1;
/** Luma above this counts as bright (title text). */
export const BRIGHT_LUMA = 0.6;

/** Statistics of an RGBA image, over the rectangle given (default: all of it), every `step`-th pixel. */
export function frameStats(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  rect = { x: 0, y: 0, width, height },
  step = 2,
): FrameStats {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let dark = 0;
  let mid = 0;
  let chroma = 0;
  for (let y = rect.y; y < rect.y + rect.height; y += step) {
    for (let x = rect.x; x < rect.x + rect.width; x += step) {
      const i = (y * width + x) * 4;
      const r = rgba[i] / 255;
      const g = rgba[i + 1] / 255;
      const b = rgba[i + 2] / 255;
      const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      sum += l;
      sumSq += l * l;
      if (l < DARK_LUMA) dark++;
      else if (l < BRIGHT_LUMA) mid++;
      chroma += Math.max(r, g, b) - Math.min(r, g, b);
      n++;
    }
  }
  if (n === 0) return { meanLuma: 0, stdLuma: 0, darkFraction: 1, midFraction: 0, meanChroma: 0 };
  const mean = sum / n;
  return {
    meanLuma: mean,
    stdLuma: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    darkFraction: dark / n,
    midFraction: mid / n,
    meanChroma: chroma / n,
  };
}

/** Linear ramp from 0 at `lo` to 1 at `hi` (either direction). */
function ramp(v: number, lo: number, hi: number): number {
  return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
}

/**
 * Probability that a frame has no subject: black or fade (nearly all dark), flat (almost no
 * contrast), or a title card (dark background, bright text, almost no mid tones). Scenes, even
 * night scenes, are made of mid tones, which keeps them out.
 */
export function naProbability(s: FrameStats): number {
  const black = ramp(s.darkFraction, 0.9, 0.98) * ramp(s.meanLuma, 0.08, 0.04);
  const flat = ramp(s.stdLuma, 0.03, 0.012);
  const titleCard = ramp(s.darkFraction, 0.7, 0.85) * ramp(s.midFraction, 0.06, 0.02) * ramp(s.meanChroma, 0.12, 0.06);
  return Math.max(black, flat, titleCard);
}
