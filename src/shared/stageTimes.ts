/**
 * The stages of a film's analysis whose time is measured. `decode`, `cuts` and `render` run in the
 * decode worker (frames decoded, cut signatures and detector, letterbox + thumbnail + bitmap);
 * `cnn`, `vision`, `fusion` and `storage` are waited for on the main thread; `decodeWait` is the
 * time the main thread waited for decoded frames (the decoder was the bottleneck then).
 */
export const STAGES = ['decode', 'cuts', 'render', 'cnn', 'vision', 'fusion', 'storage', 'decodeWait'] as const;

/** One stage's name. */
export type Stage = (typeof STAGES)[number];

/** Milliseconds spent per stage. */
export type StageMs = Record<Stage, number>;

/** All stages at zero. */
export function emptyStageMs(): StageMs {
  return Object.fromEntries(STAGES.map((s) => [s, 0])) as StageMs;
}

/** Adds `part` to `total` in place; returns `total`. Non-finite or negative parts are ignored. */
export function addStageMs(total: StageMs, part: Partial<StageMs>): StageMs {
  for (const s of STAGES) {
    const ms = part[s];
    if (ms !== undefined && Number.isFinite(ms) && ms > 0) total[s] += ms;
  }
  return total;
}

/**
 * The working stage (not `decodeWait`) that took longest, and its throughput: `samples` frames over
 * its time. Decode, cuts and render share one worker, so they count as one stage, `decoder`.
 */
export function slowestStage(ms: StageMs, samples: number): { stage: 'decoder' | Exclude<Stage, 'decode' | 'cuts' | 'render' | 'decodeWait'>; ms: number; framesPerSec: number } {
  const candidates = [
    ['decoder', ms.decode + ms.cuts + ms.render],
    ['cnn', ms.cnn],
    ['vision', ms.vision],
    ['fusion', ms.fusion],
    ['storage', ms.storage],
  ] as const;
  let best: (typeof candidates)[number] = candidates[0];
  for (const c of candidates) if (c[1] > best[1]) best = c;
  return { stage: best[0], ms: best[1], framesPerSec: best[1] > 0 ? samples / (best[1] / 1000) : Infinity };
}
