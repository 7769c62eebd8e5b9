import type { ScaleCode } from './taxonomy';

/**
 * Types shared by cut detection (src/shared/cuts.ts), shot aggregation (shots.ts), statistics
 * (stats.ts) and the exports. Frames are counted in presentation order from 0, from the film's
 * first presented frame; times are seconds from that frame's timestamp (the time origin).
 */

/**
 * How a shot was entered. 'start' opens the film's first shot. 'unreadable' opens a stretch of
 * frames none of which could be decoded (damaged data, a file that ends early); 'resume' opens the
 * first frames read after one (whether the picture cut inside the stretch is not known).
 */
export type TransitionKind = 'start' | 'cut' | 'dissolve' | 'fade-in' | 'fade-out' | 'fade' | 'wipe' | 'unreadable' | 'resume';

/** A stretch of the film no frame of which could be decoded: damaged data, or a file that ends before its header says. */
export interface UnreadableStretch {
  /** First and last frame of the stretch (inclusive). */
  startFrame: number;
  endFrame: number;
  /** Film time of its first frame, and just after its last. */
  startSec: number;
  endSec: number;
  /** Why: what the decoder said, or that the file ends early. */
  reason: string;
}

/**
 * A shot boundary. For a hard cut, startFrame = endFrame = the first frame of the new shot.
 * For a gradual transition, its first and last frame (inclusive); the new shot starts at
 * `shotStartFrame` (inside or right after the transition).
 */
export interface Transition {
  kind: TransitionKind;
  /** First frame of the transition (inclusive). */
  startFrame: number;
  /** Last frame of the transition (inclusive). */
  endFrame: number;
  /** First frame of the shot this transition opens. */
  shotStartFrame: number;
  /** Detector confidence 0–1 (1 for 'start'). */
  score: number;
  /**
   * A hard cut found across a frame left undecoded (issue 24): the new shot may start up to this
   * many frames before shotStartFrame (absent: exact).
   */
  uncertaintyFrames?: number;
}

/** A film's frame rate as a rational (24000/1001 for 23.976). */
export interface FrameRate {
  num: number;
  den: number;
}

/** A shot: frames [startFrame, endFrame] inclusive, with its pooled scale. */
export interface Shot {
  /** 0-based shot number in the film. */
  index: number;
  startFrame: number;
  /** Last frame of the shot (inclusive). */
  endFrame: number;
  /** Time of the first frame, seconds from the time origin. */
  startSec: number;
  /** Time just after the last frame (= the next shot's startSec), seconds from the origin. */
  endSec: number;
  /** The transition that opened the shot. */
  transition: Transition;
  /** Pooled probabilities over SCALE_CODES. */
  probs: number[];
  scale: ScaleCode;
  /** Probability of `scale` in the pooled distribution. */
  confidence: number;
  /** The classified samples inside the shot (indices into the film's sample results). */
  sampleIndices: number[];
  /** True when the shot's samples disagree on the scale (a zoom, dolly or camera move). */
  changesScale: boolean;
  /** True when the user set the scale (or split/merged the shot) by hand. */
  corrected: boolean;
  /** True for an unreadable stretch (no frame decoded): scale NA, no samples, not counted in statistics. */
  unreadable?: boolean;
}
