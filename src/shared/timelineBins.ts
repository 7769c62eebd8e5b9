import { shownConfidence } from './confidence';
import { argmax, mostVoted, N_CODES, SCALE_CODES, type ScaleCode } from './taxonomy';
import type { SecondResult } from './types';

/** One bar of the timeline: a second, or a bin of seconds for long films. */
export interface TimelineBin {
  slot: number;
  /** First sample index in the bin. */
  index: number;
  tSec: number;
  /** Seconds in the bin that have a result. */
  count: number;
  label: ScaleCode | null;
  /** The shown confidence of the bin's label (confidence.ts) under the bin's mean probabilities. */
  confidence: number;
  /** Mean probabilities over the bin. */
  probs: number[];
}

/** Most bars the timeline draws for one film; longer films are binned. */
export const TIMELINE_MAX_BARS = 600;

function binLayout(results: readonly SecondResult[], total: number, maxBins: number): { n: number; per: number } {
  const n = Math.max(total, results.length ? results[results.length - 1].index + 1 : 0);
  return { n, per: Math.max(1, Math.ceil(n / maxBins)) };
}

/** Seconds the timeline's time axis spans: its bars' slots end to end (the lane's right edge). */
export function timelineSpanSec(results: readonly SecondResult[], total: number, fps: number, maxBins = TIMELINE_MAX_BARS): number {
  const { n, per } = binLayout(results, total, maxBins);
  return (Math.ceil(n / per) * per) / fps;
}

/**
 * Groups `total` sample slots into at most `maxBins` bars. A bar's label is the label most of its
 * seconds have (so a one-second bar shows that second's answer, pooled within its shot or not),
 * the most probable of the tied labels in the bar's mean on a tie; slots without a result yet make
 * empty bars.
 */
export function timelineBins(results: readonly SecondResult[], total: number, fps: number, maxBins: number): TimelineBin[] {
  const { n, per } = binLayout(results, total, maxBins);
  const bins: TimelineBin[] = [];
  const labels: ScaleCode[][] = [];
  for (let slot = 0; slot * per < n; slot++) {
    bins.push({ slot, index: slot * per, tSec: (slot * per + 0.5) / fps, count: 0, label: null, confidence: 0, probs: new Array(N_CODES).fill(0) });
  }
  for (const r of results) {
    const bin = bins[Math.floor(r.index / per)];
    if (!bin) continue;
    bin.count++;
    r.probs.forEach((p, i) => (bin.probs[i] += p));
    (labels[bin.slot] ??= []).push(r.label);
  }
  for (const bin of bins) {
    if (bin.count === 0) continue;
    bin.probs = bin.probs.map((p) => p / bin.count);
    const byMean = SCALE_CODES[argmax(bin.probs)];
    bin.label = mostVoted(labels[bin.slot], byMean, (c) => bin.probs[SCALE_CODES.indexOf(c)]).label;
    bin.confidence = shownConfidence(bin.probs, SCALE_CODES.indexOf(bin.label));
  }
  return bins;
}

/** Share of analysed seconds per label, in code order. */
export function distribution(results: readonly SecondResult[]): { code: ScaleCode; count: number; share: number }[] {
  const counts = new Array<number>(N_CODES).fill(0);
  for (const r of results) counts[SCALE_CODES.indexOf(r.label)]++;
  const n = results.length || 1;
  return SCALE_CODES.map((code, i) => ({ code, count: counts[i], share: counts[i] / n }));
}
