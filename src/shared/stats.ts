import type { Shot } from './shotTypes';
import { ORDERED_SCALES, SCALE_CODES, type ScaleCode } from './taxonomy';

/**
 * Per-film statistics in the Salt / Cinemetrics tradition, from a film's shots.
 *
 * Every shot counts in the shot-length figures (count, ASL, median, SD, CV, histogram, the plot),
 * NA shots (black, titles) included: they are shots of the cut. Stretches that could not be
 * decoded (`unreadable` shots) are left out of everything and their length given apart: the shots
 * on either side of one end or start at it, so their lengths are a lower bound. The scale distributions by count
 * and by screen time list NA as its own category; Salt's counts per 100 shots leave NA out and are
 * scaled to the shots that have a scale. ASL is the film's duration over its number of shots,
 * which equals the mean shot length because shots tile the film. SD is the sample standard
 * deviation (n − 1); CV = SD / ASL.
 *
 * The Cinemetrics plot puts each shot's length at its start time. Its trend line is a least-squares
 * polynomial of degree 6 (Cinemetrics' customary trendline; lower when there are fewer shots),
 * fitted in a rescaled time −1 … 1 for numerical stability. A straight line (is the cutting getting
 * faster?) and a centred moving average over a window of shots come with it.
 */

/** The seven ordered scales (Salt's counts leave NA out). */
export type OrderedScale = Exclude<ScaleCode, 'NA'>;

/** Shot-length histogram: bin i counts lengths in [lowerSec[i], lowerSec[i] + binSec); the last bin is open-ended. */
export interface LengthHistogram {
  binSec: number;
  lowerSec: number[];
  counts: number[];
  fractions: number[];
}

/** One shot on the Cinemetrics plot. */
export interface LengthPoint {
  index: number;
  startSec: number;
  lengthSec: number;
  scale: ScaleCode;
  /** The polynomial trend at this shot's start. */
  trendSec: number;
  /** The centred moving average of shot lengths around this shot. */
  movingAverageSec: number;
}

/** Shot length over time with its trend lines. */
export interface LengthSeries {
  points: LengthPoint[];
  /** Degree of the fitted polynomial (6, or fewer for short films). */
  degree: number;
  /** The polynomial sampled evenly from the first to the last shot's start. */
  trend: { tSec: number; lengthSec: number }[];
  /** Least-squares line: lengthSec ≈ interceptSec + slopeSecPerMin · tSec / 60. */
  linear: { interceptSec: number; slopeSecPerMin: number };
  movingAverageShots: number;
}

/** Statistics of one film. */
export interface FilmStats {
  shotCount: number;
  durationSec: number;
  aslSec: number;
  medianSec: number;
  sdSec: number;
  cv: number;
  minSec: number;
  maxSec: number;
  naShotCount: number;
  changesScaleCount: number;
  correctedCount: number;
  lengthHistogram: LengthHistogram;
  scaleShotCounts: Record<ScaleCode, number>;
  scaleShotFractions: Record<ScaleCode, number>;
  scaleScreenSec: Record<ScaleCode, number>;
  scaleScreenFractions: Record<ScaleCode, number>;
  saltPer100: Record<OrderedScale, number>;
  series: LengthSeries;
  /** Seconds of the film in stretches that could not be decoded (left out of every figure above). */
  unreadableSec: number;
}

/** Options of filmStats. */
export interface StatsOptions {
  /** Histogram bin width, seconds (default 1). */
  binSec?: number;
  /** Lengths at or above this go to the last, open-ended bin (default 30). */
  maxSec?: number;
  /** Highest polynomial degree of the trend (default 6). */
  trendDegree?: number;
  /** Points the trend curve is sampled at (default 200). */
  trendPoints?: number;
  /** Shots in the centred moving-average window, odd (default 11). */
  movingAverageShots?: number;
}

/** Length of each shot, seconds. */
export function shotLengthsSec(shots: readonly Shot[]): number[] {
  return shots.map((s) => s.endSec - s.startSec);
}

/** Arithmetic mean (0 for none). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Median (0 for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Sample standard deviation, n − 1 (0 for fewer than two values). */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

/** Histogram of lengths in bins of `binSec` from 0, the last bin holding everything from `maxSec` up. */
export function lengthHistogram(lengthsSec: readonly number[], binSec = 1, maxSec = 30): LengthHistogram {
  if (!(binSec > 0) || !(maxSec >= binSec)) throw new RangeError(`Bad histogram bins: ${binSec} s up to ${maxSec} s`);
  const bins = Math.ceil(maxSec / binSec - 1e-9) + 1;
  const counts = new Array<number>(bins).fill(0);
  for (const len of lengthsSec) counts[Math.min(bins - 1, Math.max(0, Math.floor(len / binSec + 1e-9)))]++;
  return {
    binSec,
    lowerSec: counts.map((_, i) => Math.round(i * binSec * 1e9) / 1e9),
    counts,
    fractions: counts.map((c) => (lengthsSec.length ? c / lengthsSec.length : 0)),
  };
}

/** Least-squares polynomial coefficients c0 … cd (y ≈ Σ ci·x^i), by Householder QR; degree is lowered to fit the data. */
export function polyfit(x: readonly number[], y: readonly number[], degree: number): number[] {
  const distinct = new Set(x).size;
  const d = Math.max(0, Math.min(degree, distinct - 1));
  const n = x.length;
  if (n === 0) return [0];
  const cols = d + 1;
  const a = x.map((xi) => Array.from({ length: cols }, (_, j) => xi ** j));
  const b = [...y];
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm += a[i][k] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = a[k][k] > 0 ? -norm : norm;
    const v = new Array<number>(n).fill(0);
    for (let i = k; i < n; i++) v[i] = a[i][k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < n; i++) vv += v[i] ** 2;
    if (vv === 0) continue;
    for (let j = k; j < cols; j++) {
      let dot = 0;
      for (let i = k; i < n; i++) dot += v[i] * a[i][j];
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) a[i][j] -= f * v[i];
    }
    let dot = 0;
    for (let i = k; i < n; i++) dot += v[i] * b[i];
    const f = (2 * dot) / vv;
    for (let i = k; i < n; i++) b[i] -= f * v[i];
  }
  const c = new Array<number>(cols).fill(0);
  for (let k = cols - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < cols; j++) s -= a[k][j] * c[j];
    c[k] = Math.abs(a[k][k]) > 1e-12 ? s / a[k][k] : 0;
  }
  return c;
}

/** Value of the polynomial Σ ci·x^i. */
export function polyval(coefficients: readonly number[], x: number): number {
  let y = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) y = y * x + coefficients[i];
  return y;
}

/** Centred moving average over `window` values (odd), the window shrinking symmetrically at the ends. */
export function movingAverage(values: readonly number[], window: number): number[] {
  const half = Math.max(0, Math.floor(window / 2));
  return values.map((_, i) => {
    const h = Math.min(half, i, values.length - 1 - i);
    return mean(values.slice(i - h, i + h + 1));
  });
}

function perCode(fill: (code: ScaleCode) => number): Record<ScaleCode, number> {
  return Object.fromEntries(SCALE_CODES.map((c) => [c, fill(c)])) as Record<ScaleCode, number>;
}

function lengthSeries(shots: readonly Shot[], lengths: readonly number[], options: StatsOptions): LengthSeries {
  const window = options.movingAverageShots ?? 11;
  const xs = shots.map((s) => s.startSec);
  const x0 = xs.length ? Math.min(...xs) : 0;
  const x1 = xs.length ? Math.max(...xs) : 0;
  const span = x1 - x0 || 1;
  const u = (t: number) => (2 * (t - x0)) / span - 1;
  const coefficients = polyfit(xs.map(u), lengths, options.trendDegree ?? 6);
  const line = polyfit(xs, lengths, 1);
  const average = movingAverage(lengths, window);
  const samples = xs.length ? Math.max(2, options.trendPoints ?? 200) : 0;
  return {
    points: shots.map((s, i) => ({ index: s.index, startSec: s.startSec, lengthSec: lengths[i], scale: s.scale, trendSec: polyval(coefficients, u(s.startSec)), movingAverageSec: average[i] })),
    degree: coefficients.length - 1,
    trend: Array.from({ length: samples }, (_, i) => {
      const tSec = x0 + ((x1 - x0) * i) / (samples - 1);
      return { tSec, lengthSec: polyval(coefficients, u(tSec)) };
    }),
    linear: { interceptSec: line[0] ?? 0, slopeSecPerMin: (line[1] ?? 0) * 60 },
    movingAverageShots: window,
  };
}

/** Statistics of a film from its shots (see the module comment for what counts where). */
export function filmStats(allShots: readonly Shot[], options: StatsOptions = {}): FilmStats {
  // Stretches that could not be decoded are no shots of the cut: they are counted apart.
  const shots = allShots.filter((s) => !s.unreadable);
  const unreadableSec = allShots.reduce((a, s) => a + (s.unreadable ? s.endSec - s.startSec : 0), 0);
  const lengths = shotLengthsSec(shots);
  const n = shots.length;
  const durationSec = lengths.reduce((a, b) => a + b, 0);
  const aslSec = n ? durationSec / n : 0;
  const sdSec = sampleSd(lengths);
  const scaleShotCounts = perCode((c) => shots.filter((s) => s.scale === c).length);
  const scaleScreenSec = perCode((c) => shots.reduce((a, s, i) => a + (s.scale === c ? lengths[i] : 0), 0));
  const withScale = n - scaleShotCounts.NA;
  return {
    shotCount: n,
    durationSec,
    aslSec,
    medianSec: median(lengths),
    sdSec,
    cv: aslSec ? sdSec / aslSec : 0,
    minSec: n ? Math.min(...lengths) : 0,
    maxSec: n ? Math.max(...lengths) : 0,
    naShotCount: scaleShotCounts.NA,
    changesScaleCount: shots.filter((s) => s.changesScale).length,
    correctedCount: shots.filter((s) => s.corrected).length,
    lengthHistogram: lengthHistogram(lengths, options.binSec, options.maxSec),
    scaleShotCounts,
    scaleShotFractions: perCode((c) => (n ? scaleShotCounts[c] / n : 0)),
    scaleScreenSec,
    scaleScreenFractions: perCode((c) => (durationSec ? scaleScreenSec[c] / durationSec : 0)),
    saltPer100: Object.fromEntries(ORDERED_SCALES.map((c) => [c, withScale ? (100 * scaleShotCounts[c]) / withScale : 0])) as Record<OrderedScale, number>,
    series: lengthSeries(shots, lengths, options),
    unreadableSec,
  };
}

/** One row of the comparison table: a figure for each film, in the films' order. */
export interface ComparisonRow {
  key: string;
  label: string;
  unit: 's' | '%' | 'shots' | 'per 100 shots' | '';
  values: number[];
}

/** Films side by side: a table, and distributions on shared bins for overlaying. */
export interface FilmComparison {
  names: string[];
  rows: ComparisonRow[];
  /** Shot-length histograms on the same bins, one fractions array per film. */
  lengthHistogram: { binSec: number; lowerSec: number[]; fractions: number[][] };
  /** Per code, each film's share of shots and of screen time. */
  scales: { code: ScaleCode; shotFractions: number[]; screenFractions: number[] }[];
}

/** Compares films: table rows (counts, lengths, scale shares, Salt's counts) and overlayable distributions. */
export function compareFilms(films: readonly { name: string; stats: FilmStats }[], options: Pick<StatsOptions, 'binSec' | 'maxSec'> = {}): FilmComparison {
  const col = (f: (s: FilmStats) => number) => films.map((film) => f(film.stats));
  const rows: ComparisonRow[] = [
    { key: 'shotCount', label: 'Shots', unit: 'shots', values: col((s) => s.shotCount) },
    { key: 'durationSec', label: 'Duration', unit: 's', values: col((s) => s.durationSec) },
    { key: 'aslSec', label: 'ASL', unit: 's', values: col((s) => s.aslSec) },
    { key: 'medianSec', label: 'Median shot length', unit: 's', values: col((s) => s.medianSec) },
    { key: 'sdSec', label: 'Standard deviation', unit: 's', values: col((s) => s.sdSec) },
    { key: 'cv', label: 'Coefficient of variation', unit: '', values: col((s) => s.cv) },
    { key: 'naShotCount', label: 'NA shots', unit: 'shots', values: col((s) => s.naShotCount) },
    { key: 'changesScaleCount', label: 'Shots that change scale', unit: 'shots', values: col((s) => s.changesScaleCount) },
    ...SCALE_CODES.map((c): ComparisonRow => ({ key: `shots.${c}`, label: `${c} (share of shots)`, unit: '%', values: col((s) => 100 * s.scaleShotFractions[c]) })),
    ...SCALE_CODES.map((c): ComparisonRow => ({ key: `screen.${c}`, label: `${c} (share of screen time)`, unit: '%', values: col((s) => 100 * s.scaleScreenFractions[c]) })),
    ...ORDERED_SCALES.map((c): ComparisonRow => ({ key: `salt.${c}`, label: `${c} per 100 shots`, unit: 'per 100 shots', values: col((s) => s.saltPer100[c as OrderedScale]) })),
  ];
  const histograms = films.map((film) => lengthHistogram(film.stats.series.points.map((p) => p.lengthSec), options.binSec, options.maxSec));
  const shared = histograms[0] ?? lengthHistogram([], options.binSec, options.maxSec);
  return {
    names: films.map((f) => f.name),
    rows,
    lengthHistogram: { binSec: shared.binSec, lowerSec: shared.lowerSec, fractions: histograms.map((h) => h.fractions) },
    scales: SCALE_CODES.map((code) => ({ code, shotFractions: col((s) => s.scaleShotFractions[code]), screenFractions: col((s) => s.scaleScreenFractions[code]) })),
  };
}
