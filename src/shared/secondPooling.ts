import { spanIndexAt } from './shots';
import { mostVoted, SCALE_CODES, type ScaleCode } from './taxonomy';
import type { SecondResult } from './types';

/**
 * Per-second answers pooled within their shot.
 *
 * One frame's answer is noisy where the evidence is close (a pose that stops at the chest on one
 * frame, the CNN outweighing geometry on another), while a shot's scale holds for seconds and a
 * camera move changes it over seconds, not from one sample to the next. So each second with a
 * subject takes the answer most of its shot's samples within POOL_WINDOW_SEC agree on (its own
 * answer on a tie); a cut is never crossed, and NA seconds (black, titles) neither vote nor change.
 * The frame's own answer is kept in `pooled.frameLabel` whenever the pooled one differs, and its
 * probabilities are left as they are: they say what this frame alone showed.
 *
 * Votes count labels, not probabilities: fused probabilities are flat (the CNN's MEDIUM class
 * spreads over MCU and MS, geometry only tips the balance), so a mean over a shot follows the one
 * frame with a sharp distribution rather than the many that agree.
 */

/** How far from a second (seconds, either side, within its shot) the samples that vote on it lie. */
export const POOL_WINDOW_SEC = 2;

/** What pooling did to a second, when it changed the answer. */
export interface PooledFrom {
  /** This frame's own answer. */
  frameLabel: ScaleCode;
  /** How many samples in the window voted for the pooled answer, and how many voted. */
  votes: number;
  of: number;
}

/** The answer a sample gave on its own, before any pooling. */
export function frameLabelOf(r: Pick<SecondResult, 'label' | 'pooled'>): ScaleCode {
  return r.pooled?.frameLabel ?? r.label;
}

/** Shot spans (sorted, tiling the film) and where a second falls among them. */
export interface PoolingContext {
  shots: readonly { startFrame: number; endFrame: number }[];
  /** The frame a second showed (its decoded frame, or the one at its time). */
  frameOf: (r: SecondResult) => number;
}

/** The film's per-second results with each answer pooled within its shot (see the module comment); idempotent. */
export function poolSeconds(results: readonly SecondResult[], context: PoolingContext): SecondResult[] {
  const byShot = new Map<number, SecondResult[]>();
  const shotOf = results.map((r) => spanIndexAt(context.shots, context.frameOf(r)));
  results.forEach((r, i) => {
    if (shotOf[i] < 0 || frameLabelOf(r) === 'NA') return;
    const list = byShot.get(shotOf[i]) ?? [];
    list.push(r);
    byShot.set(shotOf[i], list);
  });
  for (const list of byShot.values()) list.sort((a, b) => a.tSec - b.tSec);
  return results.map((r, i) => {
    const own = frameLabelOf(r);
    const base: SecondResult = { ...r, label: own };
    delete base.pooled;
    if (own === 'NA' || shotOf[i] < 0) return r.pooled ? base : r;
    const inShot = byShot.get(shotOf[i]) ?? [];
    // The shot's voters in time order: only those within the window, found by bisection (a long shot has thousands).
    const reach = POOL_WINDOW_SEC + 1e-6;
    const window = inShot.slice(
      firstWhere(inShot, (s) => s.tSec >= r.tSec - reach),
      firstWhere(inShot, (s) => s.tSec > r.tSec + reach),
    );
    const probSum = (c: ScaleCode) => window.reduce((sum, s) => sum + s.probs[SCALE_CODES.indexOf(c)], 0);
    const { label, votes } = mostVoted(
      window.map((s) => frameLabelOf(s)),
      own,
      probSum,
    );
    if (label === own) return r.pooled ? base : r;
    return { ...base, label, pooled: { frameLabel: own, votes, of: window.length } };
  });
}

/** Index of the first element of `sorted` where `test` holds (it must hold for all after it), or its length. */
function firstWhere<T>(sorted: readonly T[], test: (x: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(sorted[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
