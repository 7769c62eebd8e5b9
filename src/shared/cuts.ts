import type { Transition, TransitionKind } from './shotTypes';

/**
 * Shot boundary detection from a tiny signature of every decoded frame (pure, no DOM).
 *
 * Reported: a hard cut at frame f is { kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f }.
 * A dissolve or wipe spans its blended frames; the new shot starts at its middle frame. Fades go
 * through black frames (dark and flat): a ramp to black, at most `maxBlackSec` of black and a ramp
 * from black make one 'fade' from the first darkening to the last brightening frame, the new shot
 * starting at the first frame after the black. With a hard cut on one side it is a 'fade-out' (ramp,
 * black, cut: the shot starts at the cut) or a 'fade-in' (cut to black, black, ramp: the shot starts
 * after the black). Longer black is a shot of its own: a 'fade-out' ends where it starts and a
 * 'fade-in' starts where it ends.
 *
 * How: frames are compared by the mean absolute difference of their luma and chroma grids. A hard cut
 * is a step well above the median step around it and above both neighbouring steps, that no pair of
 * frames across it undoes (a flash). A gradual transition is a peak of the distance across a window
 * (half-widths of 3 to 24 frames at 24 fps) with stable ends, a nearly straight path (the summed
 * steps, less the shots' own motion, close to the distance across), that nothing undoes within half
 * a second (something passing the lens), and that either switches cells abruptly at different times
 * (a wipe) or dips midway in luma variance or edge strength, as any blend of two images does (a
 * dissolve; a focus pull or a zoom does not). Timestamps only time the black inside a fade; windows
 * count frames at the nominal rate. Not handled: fades to white or colour, dissolves between
 * near-identical shots, dissolves over very fast motion.
 */

/** Width in pixels of the downscaled frame a signature is computed from. */
export const SIGNATURE_WIDTH = 64;
/** Height in pixels of the downscaled frame a signature is computed from. */
export const SIGNATURE_HEIGHT = 36;

const LUMA_COLS = 16;
const LUMA_ROWS = 9;
const LUMA_CELLS = LUMA_COLS * LUMA_ROWS;
const COARSE_COLS = 8;
const COARSE_ROWS = 4;
const COARSE_CELLS = COARSE_COLS * COARSE_ROWS;
const OFFSET_CB = LUMA_CELLS;
const OFFSET_CR = OFFSET_CB + COARSE_CELLS;
const OFFSET_EDGE = OFFSET_CR + COARSE_CELLS;
const OFFSET_MEAN = OFFSET_EDGE + COARSE_CELLS;
const OFFSET_STD = OFFSET_MEAN + 1;
/** Number of values in a frame signature. */
export const SIGNATURE_LENGTH = OFFSET_STD + 1;
/** Weight of the chroma grids against the luma grid in the frame distance. */
const CHROMA_WEIGHT = 1.5;

let scratchLuma = new Float32Array(SIGNATURE_WIDTH * SIGNATURE_HEIGHT);
const cellCounts = new Float32Array(LUMA_CELLS + 2 * COARSE_CELLS);

/**
 * Signature of one frame from its pixels, downscaled to about SIGNATURE_WIDTH × SIGNATURE_HEIGHT:
 * a 16×9 luma grid, 8×4 Cb and Cr grids, an 8×4 grid of edge strength, mean and spread of luma.
 */
export function frameSignature(
  pixels: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  channels = 4,
): Float32Array {
  if (width < LUMA_COLS || height < LUMA_ROWS) throw new RangeError(`frame ${width}×${height} is smaller than the ${LUMA_COLS}×${LUMA_ROWS} grid`);
  if (pixels.length < width * height * channels) throw new RangeError(`${pixels.length} bytes for a ${width}×${height}×${channels} frame`);
  const sig = new Float32Array(SIGNATURE_LENGTH);
  if (scratchLuma.length < width * height) scratchLuma = new Float32Array(width * height);
  const luma = scratchLuma;
  cellCounts.fill(0);
  let sum = 0;
  let sumSq = 0;
  for (let y = 0; y < height; y++) {
    const lumaRow = ((y * LUMA_ROWS) / height) | 0;
    const coarseRow = ((y * COARSE_ROWS) / height) | 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const r = pixels[i];
      const g = pixels[i + 1];
      const b = pixels[i + 2];
      const l = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
      luma[y * width + x] = l;
      sum += l;
      sumSq += l * l;
      const lc = lumaRow * LUMA_COLS + (((x * LUMA_COLS) / width) | 0);
      sig[lc] += l;
      cellCounts[lc]++;
      const cc = coarseRow * COARSE_COLS + (((x * COARSE_COLS) / width) | 0);
      sig[OFFSET_CB + cc] += (-0.168736 * r - 0.331264 * g + 0.5 * b) / 255;
      sig[OFFSET_CR + cc] += (0.5 * r - 0.418688 * g - 0.081312 * b) / 255;
      cellCounts[LUMA_CELLS + cc]++;
    }
  }
  for (let c = 0; c < LUMA_CELLS; c++) sig[c] /= cellCounts[c];
  for (let c = 0; c < COARSE_CELLS; c++) {
    sig[OFFSET_CB + c] /= cellCounts[LUMA_CELLS + c];
    sig[OFFSET_CR + c] /= cellCounts[LUMA_CELLS + c];
  }
  for (let y = 0; y < height - 1; y++) {
    const coarseRow = ((y * COARSE_ROWS) / height) | 0;
    for (let x = 0; x < width - 1; x++) {
      const i = y * width + x;
      const l = luma[i];
      const cc = coarseRow * COARSE_COLS + (((x * COARSE_COLS) / width) | 0);
      sig[OFFSET_EDGE + cc] += Math.abs(luma[i + 1] - l) + Math.abs(luma[i + width] - l);
      cellCounts[LUMA_CELLS + COARSE_CELLS + cc]++;
    }
  }
  for (let c = 0; c < COARSE_CELLS; c++) sig[OFFSET_EDGE + c] /= Math.max(1, cellCounts[LUMA_CELLS + COARSE_CELLS + c]);
  const n = width * height;
  const mean = sum / n;
  sig[OFFSET_MEAN] = mean;
  sig[OFFSET_STD] = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  return sig;
}

/** Distance between two frame signatures (mean absolute difference of the luma and chroma grids). */
export function signatureDistance(a: Float32Array, b: Float32Array, offsetA = 0, offsetB = 0): number {
  let luma = 0;
  for (let c = 0; c < LUMA_CELLS; c++) luma += Math.abs(a[offsetA + c] - b[offsetB + c]);
  let chroma = 0;
  for (let c = OFFSET_CB; c < OFFSET_EDGE; c++) chroma += Math.abs(a[offsetA + c] - b[offsetB + c]);
  return luma / LUMA_CELLS + (CHROMA_WEIGHT * chroma) / (2 * COARSE_CELLS);
}

/** Thresholds of the detector; frame counts are at 24 frames per second and scale with the rate. */
export interface CutParams {
  /** Least frame distance for a hard cut. */
  cutMin: number;
  /** A cut's distance must exceed this multiple of the median distance around it. */
  cutLevelRatio: number;
  /** Frames each side whose distances make that median. */
  cutLevelFrames: number;
  /** A cut's distance must exceed this multiple of both neighbouring distances (else it is gradual). */
  cutSharpRatio: number;
  /** A change undone within this many frames (a flash, something passing the lens) is no cut. */
  transientFrames: number;
  /** Every frame before the cut must differ from every frame after by this share of the cut's distance. */
  transientRatio: number;
  /** Half-widths in frames of the windows that look for gradual transitions. */
  gradualScales: number[];
  /** Least distance across a gradual transition. */
  gradualMin: number;
  /** The summed frame-to-frame distances, less the shots' own motion, may exceed the distance across by at most this factor. */
  gradualPathRatio: number;
  /** … and, motion or not, by at most this factor. */
  gradualPathMax: number;
  /** The distance across must exceed this multiple of the change at either end over half the window. */
  gradualStableRatio: number;
  /** A gradual change undone within this many frames (something passing the lens) is no transition. */
  gradualReturnFrames: number;
  /** … undone meaning back within this share of the distance across. */
  gradualReturnRatio: number;
  /** Midway through a dissolve, luma variance or edge strength falls to at most this share of the ends'. */
  dissolveDipMax: number;
  /** No single frame step may carry more than this share of the distance across. */
  gradualStepShare: number;
  /** Mean luma below which a flat frame is black. */
  blackMean: number;
  /** Luma spread below which a dark frame is black. */
  blackStd: number;
  /** Longest ramp to or from black, frames. */
  fadeMaxFrames: number;
  /** Longest black inside one fade, seconds. */
  maxBlackSec: number;
}

/** The measured defaults (see scripts/tools/cuts-eval.mjs). */
export const DEFAULT_CUT_PARAMS: CutParams = {
  cutMin: 0.06,
  cutLevelRatio: 3,
  cutLevelFrames: 12,
  cutSharpRatio: 1.8,
  transientFrames: 5,
  transientRatio: 0.5,
  gradualScales: [3, 6, 12, 24],
  gradualMin: 0.12,
  gradualPathRatio: 1.3,
  gradualPathMax: 2,
  gradualStableRatio: 2.5,
  gradualReturnFrames: 12,
  gradualReturnRatio: 0.5,
  dissolveDipMax: 0.85,
  gradualStepShare: 0.5,
  blackMean: 0.1,
  blackStd: 0.05,
  fadeMaxFrames: 48,
  maxBlackSec: 1,
};

/** Options of a CutDetector. */
export interface CutDetectorOptions {
  /** Nominal frame rate; window lengths scale with it (default 24). */
  framesPerSec?: number;
  /** Threshold overrides (for measurement). */
  params?: Partial<CutParams>;
}

interface Pending {
  t: Transition;
  /** Sequence numbers (push order) of the span, for ordering and conflicts. */
  startSeq: number;
  endSeq: number;
  /** Lower wins a conflict: fades 0, cuts 1, other gradual 2. */
  rank: number;
  /** Higher wins a conflict within a rank. */
  quality: number;
  /** Sequence number of the new shot's first frame (fades; gradual transitions take their middle). */
  shotSeq?: number;
}

interface Scale {
  halfWidth: number;
  /** Distance across the window centred at each sequence number (ring). */
  chord: Float32Array;
}

/**
 * Streaming shot boundary detector: push every decoded frame's signature in presentation order;
 * transitions come out once final, a few seconds of frames after they end. Memory is a fixed ring.
 */
export class CutDetector {
  private readonly p: CutParams;
  private readonly scales: Scale[];
  private readonly lagFrames: number;
  private readonly capacity: number;
  private readonly mask: number;
  private readonly sigs: Float32Array;
  private readonly frameIndices: Float64Array;
  private readonly timesSec: Float64Array;
  private readonly steps: Float32Array;
  /** 1 where the frame was not decoded and its signature is interpolated from its neighbours. */
  private readonly interpolated: Uint8Array;
  private readonly transientFrames: number;
  private readonly returnFrames: number;
  private readonly levelFrames: number;
  private readonly fadeMaxFrames: number;
  private readonly maxBlackFrames: number;
  private readonly emitLagFrames: number;
  private readonly levelScratch: Float32Array;
  /** Frames pushed so far. */
  private count = 0;
  /** Next sequence number to decide. */
  private decided = 0;
  private pending: Pending[] = [];
  /** Start of the current black run, or -1. */
  private blackStart = -1;
  /** Darkest mean luma of the current black run. */
  private blackMinMean = 0;
  /** Fade-out ramp found at the start of the current black run: its first frame, or -1. */
  private fadeOutStart = -1;
  private lastEmittedSeq = -1;

  constructor(options: CutDetectorOptions = {}) {
    this.p = { ...DEFAULT_CUT_PARAMS, ...options.params };
    const rate = (options.framesPerSec ?? 24) / 24;
    const frames = (n: number) => Math.max(1, Math.round(n * rate));
    this.transientFrames = frames(this.p.transientFrames);
    this.returnFrames = frames(this.p.gradualReturnFrames);
    this.levelFrames = frames(this.p.cutLevelFrames);
    this.fadeMaxFrames = frames(this.p.fadeMaxFrames);
    this.maxBlackFrames = Math.max(1, Math.round(1.5 * this.p.maxBlackSec * (options.framesPerSec ?? 24)));
    const halfWidths = [...new Set(this.p.gradualScales.map(frames))].sort((a, b) => a - b);
    const widest = halfWidths[halfWidths.length - 1] ?? 1;
    this.lagFrames = Math.max(3 * widest, widest + this.returnFrames, this.levelFrames, this.transientFrames + 1) + 1;
    this.emitLagFrames = this.lagFrames + this.maxBlackFrames + this.fadeMaxFrames + 2;
    let capacity = 1;
    while (capacity < this.emitLagFrames + this.lagFrames + this.fadeMaxFrames + 4 * widest + 8) capacity *= 2;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.sigs = new Float32Array(capacity * SIGNATURE_LENGTH);
    this.frameIndices = new Float64Array(capacity);
    this.timesSec = new Float64Array(capacity);
    this.steps = new Float32Array(capacity);
    this.interpolated = new Uint8Array(capacity);
    this.scales = halfWidths.map((halfWidth) => ({ halfWidth, chord: new Float32Array(capacity) }));
    this.levelScratch = new Float32Array(2 * Math.max(this.levelFrames, widest) + 4);
  }

  /** Frames held in memory (the ring's size). */
  get capacityFrames(): number {
    return this.capacity;
  }

  /** Transitions waiting to be final. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Adds the next frame in presentation order; returns the transitions that became final.
   * `interpolated` marks a frame left undecoded whose signature was blended from the decoded
   * frames either side of it (never two in a row): no cut is placed on it, and a cut across it is
   * placed on the decoded frame after it with an uncertainty of one frame.
   */
  push(frameIndex: number, timestampSec: number, signature: Float32Array, interpolated = false): Transition[] {
    if (signature.length !== SIGNATURE_LENGTH) throw new RangeError(`signature of ${signature.length} values, expected ${SIGNATURE_LENGTH}`);
    if (!Number.isFinite(timestampSec)) throw new RangeError(`timestamp ${timestampSec}`);
    const seq = this.count++;
    const slot = seq & this.mask;
    this.sigs.set(signature, slot * SIGNATURE_LENGTH);
    this.frameIndices[slot] = frameIndex;
    this.timesSec[slot] = timestampSec;
    this.interpolated[slot] = interpolated ? 1 : 0;
    this.steps[slot] = seq === 0 ? 0 : this.dist(seq - 1, seq);
    for (const s of this.scales) {
      const m = seq - s.halfWidth;
      if (m >= s.halfWidth) s.chord[m & this.mask] = this.dist(m - s.halfWidth, seq);
    }
    while (this.decided <= seq - this.lagFrames) this.decide(this.decided++);
    return this.emit(this.decided - this.emitLagFrames);
  }

  /** Ends the stream; returns the remaining transitions. */
  finish(): Transition[] {
    while (this.decided < this.count) this.decide(this.decided++);
    if (this.blackStart >= 0) this.closeBlackRun(this.count);
    return this.emit(Number.POSITIVE_INFINITY);
  }

  private dist(i: number, j: number): number {
    return signatureDistance(this.sigs, this.sigs, (i & this.mask) * SIGNATURE_LENGTH, (j & this.mask) * SIGNATURE_LENGTH);
  }

  private clampSeq(i: number): number {
    return Math.min(this.count - 1, Math.max(0, this.count - this.capacity, i));
  }

  private step(i: number): number {
    return i <= 0 || i >= this.count ? 0 : this.steps[i & this.mask];
  }

  private value(i: number, offset: number): number {
    return this.sigs[(i & this.mask) * SIGNATURE_LENGTH + offset];
  }

  private isBlack(i: number): boolean {
    return this.value(i, OFFSET_MEAN) < this.p.blackMean && this.value(i, OFFSET_STD) < this.p.blackStd;
  }

  /** True when black frames [start, end) last at most maxBlackSec (by their timestamps) and fit the ring's margin. */
  private shortBlack(start: number, end: number): boolean {
    if (end - start > this.maxBlackFrames) return false;
    const last = this.timesSec[(end - 1) & this.mask];
    const next = end < this.count ? this.timesSec[end & this.mask] : last + (last - this.timesSec[start & this.mask]) / Math.max(1, end - 1 - start);
    return next - this.timesSec[start & this.mask] <= this.p.maxBlackSec + 1e-6;
  }

  private frameOf(i: number): number {
    return this.frameIndices[this.clampSeq(i) & this.mask];
  }

  private decide(c: number): void {
    const black = this.isBlack(c);
    if (black) this.blackMinMean = this.blackStart < 0 ? this.value(c, OFFSET_MEAN) : Math.min(this.blackMinMean, this.value(c, OFFSET_MEAN));
    if (black && this.blackStart < 0) {
      this.blackStart = c;
      this.fadeOutStart = this.rampExtent(c, -1);
    } else if (!black && this.blackStart >= 0) {
      this.closeBlackRun(c);
    } else if (black && this.fadeOutStart >= 0 && !this.shortBlack(this.blackStart, c + 1)) {
      this.addFade(this.fadeOutStart, this.blackStart - 1, this.blackStart, 'fade-out');
      this.fadeOutStart = -1;
    }
    this.testCut(c);
    for (const s of this.scales) this.testGradual(c, s);
  }

  /** Farthest frame of a ramp of mean luma towards the black frame at `edge`, walking away in direction dir; -1 if none. */
  private rampExtent(edge: number, dir: -1 | 1): number {
    let ramp = -1;
    const lo = Math.max(0, this.count - this.capacity);
    for (let t = edge + dir, k = 0; k < this.fadeMaxFrames; t += dir, k++) {
      const away = t + dir;
      if (away < lo || away >= this.count) break;
      const brighter = this.value(away, OFFSET_MEAN);
      if (!(brighter > this.value(t, OFFSET_MEAN) + Math.max(0.002, 0.02 * brighter))) break;
      ramp = t;
    }
    // A left-out frame at the ramp's far end is a blend of the frames either side, darker than one
    // and brighter than the other whatever it really was: it does not make the ramp longer (a cut
    // into black would look like a one-frame fade).
    if (ramp >= 0 && this.isInterpolated(ramp)) ramp = ramp - dir === edge ? -1 : ramp - dir;
    return ramp;
  }

  private closeBlackRun(end: number): void {
    const start = this.blackStart;
    this.blackStart = -1;
    const fadeOut = this.fadeOutStart;
    this.fadeOutStart = -1;
    const fadeInEnd = end < this.count ? this.rampExtent(end - 1, 1) : -1;
    let light = end;
    const lo = Math.max(start + 1, this.count - this.capacity + 1);
    if (fadeInEnd >= 0) {
      while (light > lo && this.value(light - 1, OFFSET_MEAN) > this.blackMinMean + 0.01 && this.value(light - 1, OFFSET_MEAN) > this.value(light - 2, OFFSET_MEAN)) light--;
    }
    const short = end < this.count && this.shortBlack(start, end);
    if (short && fadeOut >= 0 && fadeInEnd >= 0) this.addFade(fadeOut, fadeInEnd, light, 'fade');
    else if (short && fadeOut >= 0) this.addFade(fadeOut, end - 1, end, 'fade-out');
    else if (short && fadeInEnd >= 0) this.addFade(start, fadeInEnd, light, 'fade-in');
    else {
      if (fadeOut >= 0) this.addFade(fadeOut, start - 1, start, 'fade-out');
      if (fadeInEnd >= 0) this.addFade(light, fadeInEnd, light, 'fade-in');
    }
  }

  private addFade(startSeq: number, endSeq: number, shotSeq: number, kind: TransitionKind): void {
    const endS = Math.max(startSeq, endSeq);
    this.pending.push({
      t: { kind, startFrame: this.frameOf(startSeq), endFrame: this.frameOf(endS), shotStartFrame: this.frameOf(shotSeq), score: 1 },
      startSeq,
      endSeq: endS,
      rank: 0,
      quality: endS - startSeq,
      shotSeq,
    });
  }

  private isInterpolated(i: number): boolean {
    return i >= 0 && i < this.count && this.interpolated[i & this.mask] === 1;
  }

  /**
   * A hard cut just before frame c: a step well above the motion around it. When the frame before
   * c was left undecoded (interpolated), the step across it (from the decoded frame before) is
   * tested instead, and the cut, placed at c, may lie one frame earlier.
   */
  private testCut(c: number): void {
    if (c < 1 || this.isInterpolated(c)) return;
    const p = this.p;
    const across = this.isInterpolated(c - 1);
    const last = across ? c - 2 : c - 1;
    if (last < 0 || this.isInterpolated(last)) return;
    const d = across ? this.dist(last, c) : this.step(c);
    if (d < p.cutMin) return;
    // Across a left-out frame the change spans two frames: it is weighed against the two-frame
    // changes either side, or twice a one-frame change between decoded frames where that is larger
    // (a blended signature understates motion).
    const before = across ? Math.max(last >= 2 ? this.dist(last - 2, last) : 0, this.isInterpolated(last - 1) ? 0 : 2 * this.step(last)) : this.step(last);
    const after = across ? Math.max(c + 2 < this.count ? this.dist(c, c + 2) : 0, this.isInterpolated(c + 1) ? 0 : 2 * this.step(c + 1)) : this.step(c + 1);
    if (d < p.cutSharpRatio * before || d < p.cutSharpRatio * after) return;
    let n = 0;
    for (let t = c - this.levelFrames; t <= c + this.levelFrames; t++) {
      if (t < 1 || t >= this.count || Math.abs(t - c) <= 1 || (across && t === last)) continue;
      this.levelScratch[n++] = this.step(t);
    }
    const level = n ? median(this.levelScratch, n) : 0;
    if (d < p.cutLevelRatio * level) return;
    let cross = Number.POSITIVE_INFINITY;
    for (let a = last - this.transientFrames; a <= last; a++) {
      if (a < 0 || this.isInterpolated(a)) continue;
      for (let b = c; b <= c + this.transientFrames && b < this.count; b++) {
        if ((a === last && b === c) || this.isInterpolated(b)) continue;
        cross = Math.min(cross, this.dist(a, b));
      }
    }
    if (Number.isFinite(cross) && cross < p.transientRatio * d) return;
    const f = this.frameOf(c);
    const score = 1 - Math.max(p.cutMin, p.cutLevelRatio * level) / d;
    const t: Transition = { kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f, score, ...(across ? { uncertaintyFrames: 1 } : {}) };
    this.pending.push({ t, startSeq: across ? last + 1 : c, endSeq: c, rank: 1, quality: d });
  }

  private testGradual(m: number, s: Scale): void {
    const w = s.halfWidth;
    const a = m - w;
    const b = m + w;
    if (a < 1 || b >= this.count) return;
    const p = this.p;
    const chord = s.chord[m & this.mask];
    if (chord < p.gradualMin) return;
    for (let k = 1; k <= w; k++) {
      // A window that starts or ends on a flash frame measures the flash, not the change: it does
      // not outrank this one (a flash just after a dissolve would hide the dissolve).
      if (m - k >= w && s.chord[(m - k) & this.mask] > chord && !this.isFlash(m - k - w)) return;
      if (m + k + w < this.count && s.chord[(m + k) & this.mask] >= chord && !this.isFlash(m + k + w)) return;
    }
    let path = 0;
    let maxStep = 0;
    for (let t = a + 1; t <= b; t++) {
      const st = this.step(t);
      path += st;
      if (st > maxStep) maxStep = st;
    }
    if (maxStep > p.gradualStepShare * chord) return;
    const k = Math.max(2, Math.round(w / 2));
    if (a - k < Math.max(0, this.count - this.capacity) || b + k >= this.count) return;
    let unstable = 0;
    let n = 0;
    for (let j = 1; j <= k; j++) {
      const before = a - j;
      const after = b + j;
      unstable = Math.max(unstable, this.dist(before, a), this.dist(b, after));
      this.levelScratch[n++] = this.step(a - j + 1);
      this.levelScratch[n++] = this.step(after);
    }
    if (chord < p.gradualStableRatio * unstable) return;
    const motion = median(this.levelScratch, n);
    if (path > p.gradualPathMax * chord || path - 2 * w * motion > p.gradualPathRatio * chord) return;
    if (this.returns(a, b, p.gradualReturnRatio * chord)) return;
    const [startSeq, endSeq] = this.refineSpan(a, b);
    const score = 1 - unstable / chord;
    this.pending.push({
      t: { kind: 'dissolve', startFrame: this.frameOf(startSeq), endFrame: this.frameOf(endSeq), shotStartFrame: this.frameOf(startSeq), score },
      startSeq,
      endSeq,
      rank: 2,
      quality: chord - unstable,
    });
  }

  /** True when frame t differs from both neighbours while they are alike (a flash, a one-frame glitch). */
  private isFlash(t: number): boolean {
    const lo = Math.max(0, this.count - this.capacity);
    if (t - 1 < lo || t + 1 >= this.count) return false;
    const change = Math.min(this.step(t), this.step(t + 1));
    return change >= this.p.cutMin && this.dist(t - 1, t + 1) < this.p.transientRatio * change;
  }

  /** Names a merged gradual change a wipe or a dissolve, from the frames either side of it; false when it is neither. */
  private classifyGradual(g: Pending): boolean {
    const a = this.clampSeq(g.startSeq - 1);
    const b = this.clampSeq(g.endSeq + 1);
    if (this.wipeLike(a, b, g.startSeq, g.endSeq)) g.t.kind = 'wipe';
    else if (this.dip(a, b, g.startSeq, g.endSeq) <= this.p.dissolveDipMax) g.t.kind = 'dissolve';
    else return false;
    g.t.startFrame = this.frameOf(g.startSeq);
    g.t.endFrame = this.frameOf(g.endSeq);
    g.shotSeq = g.startSeq + Math.floor((g.endSeq - g.startSeq + 1) / 2);
    g.t.shotStartFrame = this.frameOf(g.shotSeq);
    return true;
  }

  /** True when a frame up to returnFrames before a is within `near` of b, or one after b is within `near` of a. */
  private returns(a: number, b: number, near: number): boolean {
    const lo = Math.max(0, this.count - this.capacity);
    for (let j = 1; j <= this.returnFrames; j++) {
      if (b + j < this.count && this.dist(a, b + j) < near) return true;
      if (a - j >= lo && this.dist(a - j, b) < near) return true;
    }
    return false;
  }

  /**
   * Luma variance and edge strength midway between start and end, relative to their mean at a and b:
   * a blend of two unrelated images has about half their mean variance, whatever they are.
   */
  private dip(a: number, b: number, start: number, end: number): number {
    const mid = (start + end) >> 1;
    const edges = (i: number) => {
      let e = 0;
      for (let c = 0; c < COARSE_CELLS; c++) e += this.value(i, OFFSET_EDGE + c);
      return e;
    };
    let varianceMid = 0;
    let edgeMid = 0;
    let n = 0;
    for (let t = Math.max(start, mid - 1); t <= Math.min(end, mid + 1); t++) {
      varianceMid += this.value(t, OFFSET_STD) ** 2;
      edgeMid += edges(t);
      n++;
    }
    const varianceEnds = 0.5 * (this.value(a, OFFSET_STD) ** 2 + this.value(b, OFFSET_STD) ** 2);
    const edgeEnds = 0.5 * (edges(a) + edges(b));
    const varianceRatio = varianceEnds > 1e-6 ? varianceMid / n / varianceEnds : 1;
    const edgeRatio = edgeEnds > 1e-4 ? edgeMid / n / edgeEnds : 1;
    return Math.min(varianceRatio, edgeRatio);
  }

  /** The blended frames between a and b: where the projection on a→b leaves 0 and reaches 1. */
  private refineSpan(a: number, b: number): [number, number] {
    const oa = (a & this.mask) * SIGNATURE_LENGTH;
    const ob = (b & this.mask) * SIGNATURE_LENGTH;
    let norm = 0;
    for (let c = 0; c < OFFSET_EDGE; c++) {
      const v = this.sigs[ob + c] - this.sigs[oa + c];
      norm += v * v;
    }
    let start = b;
    let end = a;
    for (let t = a + 1; t < b; t++) {
      const ot = (t & this.mask) * SIGNATURE_LENGTH;
      let dot = 0;
      for (let c = 0; c < OFFSET_EDGE; c++) dot += (this.sigs[ot + c] - this.sigs[oa + c]) * (this.sigs[ob + c] - this.sigs[oa + c]);
      const alpha = norm > 0 ? dot / norm : 0;
      if (alpha > 0.1 && t < start) start = t;
      if (alpha < 0.9) end = t;
    }
    if (start > end) return [a + 1, b - 1];
    return [start, end];
  }

  /**
   * True when the luma cells that change switch from a's value to b's abruptly, each within a frame
   * or two and at different times, so that midway they sit near one end or the other (a wipe), not
   * in between (a dissolve, a zoom, a focus pull).
   */
  private wipeLike(a: number, b: number, start: number, end: number): boolean {
    const mid = (start + end) >> 1;
    const oa = (a & this.mask) * SIGNATURE_LENGTH;
    const ob = (b & this.mask) * SIGNATURE_LENGTH;
    const om = (mid & this.mask) * SIGNATURE_LENGTH;
    let between = 0;
    let nearA = 0;
    let nearB = 0;
    let abrupt = 0;
    let counted = 0;
    for (let c = 0; c < LUMA_CELLS; c++) {
      const span = this.sigs[ob + c] - this.sigs[oa + c];
      if (Math.abs(span) < 0.08) continue;
      counted++;
      const beta = (this.sigs[om + c] - this.sigs[oa + c]) / span;
      if (beta <= 0.25) nearA++;
      else if (beta >= 0.75) nearB++;
      else between++;
      let maxStep = 0;
      for (let t = a + 1; t <= b; t++) maxStep = Math.max(maxStep, Math.abs(this.value(t, c) - this.value(t - 1, c)));
      if (maxStep >= 0.35 * Math.abs(span)) abrupt++;
    }
    return counted >= 8 && between < 0.35 * counted && nearA >= 0.2 * counted && nearB >= 0.2 * counted && abrupt >= 0.6 * counted;
  }

  /**
   * True when a fade's or gradual transition's first, last or new-shot frame is a left-out frame
   * or next to one: with that frame decoded, the boundary could lie one frame over.
   */
  private besideInterpolated(k: Pending): boolean {
    for (const seq of [k.startSeq, k.endSeq, k.shotSeq ?? k.startSeq]) {
      for (let i = seq - 1; i <= seq + 1; i++) if (i >= Math.max(0, this.count - this.capacity) && this.isInterpolated(i)) return true;
    }
    return false;
  }

  /** Resolves conflicts among pending transitions and returns those ending before `uptoSeq`, in order. */
  private emit(uptoSeq: number): Transition[] {
    if (!this.pending.length) return [];
    const ready = this.pending.filter((x) => x.endSeq < uptoSeq);
    if (!ready.length) return [];
    const all = [...this.pending].sort((x, y) => x.rank - y.rank || y.quality - x.quality || x.startSeq - y.startSeq);
    const kept: Pending[] = [];
    for (const x of all) {
      const clash = kept.find((k) => x.startSeq <= k.endSeq + 1 && x.endSeq >= k.startSeq - 1);
      if (!clash) kept.push(x);
    }
    kept.sort((x, y) => x.startSeq - y.startSeq);
    const out: Transition[] = [];
    this.pending = [];
    for (const k of kept) {
      if (k.endSeq >= uptoSeq) this.pending.push(k);
      else if (k.startSeq > this.lastEmittedSeq && (k.rank !== 2 || this.classifyGradual(k))) {
        if (k.rank !== 1 && this.besideInterpolated(k)) k.t.uncertaintyFrames = 1;
        out.push(k.t);
        this.lastEmittedSeq = k.endSeq;
      }
    }
    return out;
  }
}

function median(values: Float32Array, n: number): number {
  const v = Array.from(values.subarray(0, n)).sort((x, y) => x - y);
  return n % 2 ? v[n >> 1] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}
