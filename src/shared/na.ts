import { lumaAt, type PictureBounds } from './pictureBounds';

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
  /** Lettering on a plain card, measured inside the picture (cardStats); absent in older analyses. */
  card?: CardStats;
}

/** How much a picture looks like lettering on a plain card (see cardStats). */
export interface CardStats {
  /** The commonest luma (the card's tone), in [0, 1]. */
  background: number;
  /** Share of pixels within CARD_TONE of the background. */
  backgroundShare: number;
  /** Share of "ink" pixels: more than INK_CONTRAST from the background. */
  inkFraction: number;
  /** Mean length of the horizontal runs of ink, as a share of the picture's width (strokes are short). */
  inkRun: number;
  /** Share of the rows of the picture's middle (lettering is centred) with two or more ink pixels. */
  inkRows: number;
  /** Runs of such rows with a clear row above (lines of lettering). */
  textLines: number;
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

/** Luma within this of the card's commonest tone counts as the card. */
const CARD_TONE = 0.08;
/** Luma at least this far from the card's tone counts as ink. */
const INK_CONTRAST = 0.25;
const CARD_BINS = 32;

/**
 * Statistics of lettering on a plain card over the rectangle given (the picture inside any bars):
 * the card's tone and how much of the picture it covers, and how the rest (ink) lies: short
 * horizontal runs (strokes), in a few lines across the middle with clear rows between them. A
 * scene has no single dominant tone, or its detail does not come in thin strokes and lines.
 */
export function cardStats(rgba: ArrayLike<number>, width: number, height: number, rect = { x: 0, y: 0, width, height }): CardStats {
  const x0 = Math.max(0, Math.round(rect.x));
  const y0 = Math.max(0, Math.round(rect.y));
  const w = Math.min(width - x0, Math.round(rect.width));
  const h = Math.min(height - y0, Math.round(rect.height));
  const none: CardStats = { background: 0, backgroundShare: 0, inkFraction: 0, inkRun: 1, inkRows: 1, textLines: 0 };
  if (w < 8 || h < 8) return none;
  const luma = new Float32Array(w * h);
  const hist = new Array<number>(CARD_BINS).fill(0);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = lumaAt(rgba, ((y0 + y) * width + x0 + x) * 4);
      luma[y * w + x] = l;
      hist[Math.min(CARD_BINS - 1, Math.floor(l * CARD_BINS))]++;
    }
  }
  const mode = hist.indexOf(Math.max(...hist));
  const background = (mode + 0.5) / CARD_BINS;
  // Lettering is centred: count ink rows away from the edges, where borders and ornaments run.
  const cx0 = Math.floor(w * 0.12);
  const cx1 = Math.ceil(w * 0.88);
  const cy0 = Math.floor(h * 0.05);
  const cy1 = Math.ceil(h * 0.95);
  let near = 0;
  let ink = 0;
  let runs = 0;
  let inkRows = 0;
  let textLines = 0;
  let previousRowInk = false;
  for (let y = 0; y < h; y++) {
    let inRun = false;
    let middleInk = 0;
    for (let x = 0; x < w; x++) {
      const d = Math.abs(luma[y * w + x] - background);
      if (d < CARD_TONE) near++;
      const isInk = d > INK_CONTRAST;
      if (isInk) {
        ink++;
        if (!inRun) runs++;
        if (x >= cx0 && x < cx1) middleInk++;
      }
      inRun = isInk;
    }
    if (y >= cy0 && y < cy1) {
      const rowInk = middleInk >= 2;
      if (rowInk) inkRows++;
      if (rowInk && !previousRowInk && y > cy0) textLines++;
      previousRowInk = rowInk;
    }
  }
  const n = w * h;
  return {
    background,
    backgroundShare: near / n,
    inkFraction: ink / n,
    inkRun: runs ? ink / runs / w : 1,
    inkRows: inkRows / Math.max(1, cy1 - cy0),
    textLines,
  };
}

/** Linear ramp from 0 at `lo` to 1 at `hi` (either direction). */
function ramp(v: number, lo: number, hi: number): number {
  return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
}

/**
 * Probability that lettering on a light card (an intertitle: dark lettering on a pale, often
 * tinted, card) fills the picture: one pale tone covers most of it, and the rest is thin strokes in
 * lines across the middle. Dark cards are titleCard's in naProbability. Fitted on synthetic cards
 * (training/tools/title_cards.py) against the dev stills and the Tears of Steel frames
 * (docs/model.md, "How an answer is made").
 */
export function lightCardProbability(c: CardStats): number {
  if (c.textLines < 1) return 0;
  return (
    ramp(c.background, 0.35, 0.45) *
    ramp(c.backgroundShare, 0.7, 0.78) *
    ramp(c.inkFraction, 0.001, 0.003) *
    ramp(c.inkFraction, 0.25, 0.18) *
    ramp(c.inkRun, 0.035, 0.025) *
    ramp(c.inkRows, 0.8, 0.65)
  );
}

/**
 * Probability that a frame has no subject: black or fade (nearly all dark), flat (almost no
 * contrast), a title card (dark background, bright text, almost no mid tones), or lettering on a
 * light card (lightCardProbability). Scenes, even night scenes, are made of mid tones, which keeps
 * them out of the dark card; a scene's detail is not thin strokes in lines on one pale tone.
 */
export function naProbability(s: FrameStats): number {
  const black = ramp(s.darkFraction, 0.9, 0.98) * ramp(s.meanLuma, 0.08, 0.04);
  const flat = ramp(s.stdLuma, 0.03, 0.012);
  const titleCard = ramp(s.darkFraction, 0.7, 0.85) * ramp(s.midFraction, 0.06, 0.02) * ramp(s.meanChroma, 0.12, 0.06);
  const lightCard = s.card ? lightCardProbability(s.card) : 0;
  return Math.max(black, flat, titleCard, lightCard);
}
