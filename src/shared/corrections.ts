import { timingOf, type FrameTimes } from './frameTiming';
import { buildShots, type ShotSample } from './shots';
import type { FrameRate, Shot, Transition } from './shotTypes';
import { ORDERED_SCALES, SCALE_CODES, type ScaleCode } from './taxonomy';

/**
 * A user's corrections of one film, keyed by the file's content fingerprint (not by the analysis),
 * so they outlive re-analysis with another model. Shots are named by their first frame, which cut
 * detection (the same for every model) fixes.
 */
export interface Corrections {
  fingerprint: string;
  /** Scales the user set, by shot start frame. */
  scales: Record<number, ScaleCode>;
  /** Start frames of shots the user cut (split points), ascending. */
  splits: number[];
  /** Start frames of detected shots the user merged into the shot before, ascending. */
  merges: number[];
  /** Shots the user accepted as labelled, by start frame: the scale they accepted. */
  reviewed: Record<number, ScaleCode>;
  /** Scales re-labelled by "Apply to the rest of this film" (src/shared/adapt.ts), by shot start frame; the user's scales win. */
  adapted?: Record<number, ScaleCode>;
  /** How many corrected or accepted shots the adaptation learnt from. */
  adaptedFrom?: number;
  /** Milliseconds since the epoch of the last change. */
  updatedAt: number;
}

/** Below this pooled confidence a shot counts as low-confidence for review (N / Shift+N). */
export const LOW_CONFIDENCE = 0.6;

/** No corrections for a film. */
export function emptyCorrections(fingerprint: string): Corrections {
  return { fingerprint, scales: {}, splits: [], merges: [], reviewed: {}, updatedAt: 0 };
}

/** True when nothing was corrected, split, merged or accepted. */
export function isEmptyCorrections(c: Corrections): boolean {
  return Object.keys(c.scales).length === 0 && c.splits.length === 0 && c.merges.length === 0 && Object.keys(c.reviewed).length === 0;
}

/** The scale a digit key sets: 1–7 → ECU…ELS, 0 → NA; undefined for any other key. */
export function scaleForDigit(key: string): ScaleCode | undefined {
  if (key === '0') return 'NA';
  const n = Number(key);
  return /^[1-7]$/.test(key) ? ORDERED_SCALES[n - 1] : undefined;
}

/** The detected transitions with the user's merges removed and splits added (as hard cuts). */
export function correctedTransitions(transitions: readonly Transition[], c: Corrections): Transition[] {
  const merged = new Set(c.merges);
  const kept = transitions.filter((t) => t.kind === 'start' || !merged.has(t.shotStartFrame));
  const have = new Set(kept.map((t) => t.shotStartFrame));
  const added: Transition[] = c.splits.filter((f) => !have.has(f)).map((f) => ({ kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f, score: 1 }));
  return [...kept, ...added].sort((a, b) => a.shotStartFrame - b.shotStartFrame);
}

/** What a film knows to build its shots. */
export interface ShotSource {
  transitions: readonly Transition[];
  frameCount: number;
  frameRate: FrameRate;
  /** A variable-frame-rate film's frame times. */
  frameTimes?: FrameTimes;
  samples: readonly ShotSample[];
}

/**
 * The film's shots with the user's corrections: split and merged spans, set scales, and the
 * adapted scales of shots the user did not set (not `corrected`; their confidence is the model's
 * probability of the adapted scale). A shot is `corrected` when its scale was set or a split or
 * merge changed its span.
 */
export function correctedShots(src: ShotSource, c: Corrections): Shot[] {
  const shots = buildShots({ transitions: correctedTransitions(src.transitions, c), frameCount: src.frameCount, timing: timingOf(src), samples: src.samples, corrections: c.scales });
  const splits = new Set(c.splits);
  return shots.map((s) => {
    const edited = splits.has(s.startFrame) || splits.has(s.endFrame + 1) || c.merges.some((m) => m > s.startFrame && m <= s.endFrame);
    if (edited && !s.corrected) return { ...s, corrected: true };
    const adapted = c.adapted?.[s.startFrame];
    if (adapted && !s.corrected && c.reviewed[s.startFrame] === undefined) return { ...s, scale: adapted, confidence: s.probs[SCALE_CODES.indexOf(adapted)] ?? 0 };
    return s;
  });
}

/** The shots a film's adaptation learns from: those whose scale the user set or accepted (with samples), and their scales. */
export function labelledShots(shots: readonly Shot[], c: Corrections): { shot: Shot; scale: ScaleCode }[] {
  return shots.flatMap((shot) => {
    const scale = c.scales[shot.startFrame] ?? c.reviewed[shot.startFrame];
    return scale && shot.sampleIndices.length > 0 ? [{ shot, scale }] : [];
  });
}

/** Sets (or, with null, removes) the adapted scales. */
export function setAdapted(c: Corrections, adapted: Record<number, ScaleCode> | null, from: number, nowMs = Date.now()): Corrections {
  const { adapted: _, adaptedFrom: __, ...rest } = c;
  return stamp(adapted ? { ...rest, adapted, adaptedFrom: from } : rest, nowMs);
}

function withoutKey<T>(record: Record<number, T>, key: number): Record<number, T> {
  const { [key]: _, ...rest } = record;
  return rest;
}

function stamp(c: Corrections, nowMs: number): Corrections {
  return { ...c, updatedAt: nowMs };
}

/** Sets a shot's scale (its start frame names it); setting the model's own answer still counts as the user's. */
export function setShotScale(c: Corrections, startFrame: number, scale: ScaleCode, nowMs = Date.now()): Corrections {
  return stamp({ ...c, scales: { ...c.scales, [startFrame]: scale }, reviewed: withoutKey(c.reviewed, startFrame) }, nowMs);
}

/** Marks a shot reviewed with the scale it shows now. */
export function acceptShot(c: Corrections, shot: Pick<Shot, 'startFrame' | 'scale'>, nowMs = Date.now()): Corrections {
  return stamp({ ...c, reviewed: { ...c.reviewed, [shot.startFrame]: shot.scale } }, nowMs);
}

/**
 * Cuts the shot holding `frame` so that a new shot starts there; null when `frame` already starts
 * a shot or lies outside the film. Undoes a merge at that frame rather than adding a split.
 */
export function splitAt(c: Corrections, shots: readonly Pick<Shot, 'startFrame' | 'endFrame'>[], frame: number, nowMs = Date.now()): Corrections | null {
  const shot = shots.find((s) => frame > s.startFrame && frame <= s.endFrame);
  if (!shot) return null;
  if (c.merges.includes(frame)) return stamp({ ...c, merges: c.merges.filter((m) => m !== frame) }, nowMs);
  return stamp({ ...c, splits: [...c.splits, frame].sort((a, b) => a - b), reviewed: withoutKey(c.reviewed, shot.startFrame) }, nowMs);
}

/**
 * Joins shot `index` with the next one (the boundary between them goes; the joined shot keeps the
 * first one's start frame and set scale); null for the last shot.
 */
export function mergeWithNext(c: Corrections, shots: readonly Pick<Shot, 'startFrame'>[], index: number, nowMs = Date.now()): Corrections | null {
  const next = shots[index + 1];
  if (!shots[index] || !next) return null;
  const boundary = next.startFrame;
  const splits = c.splits.filter((f) => f !== boundary);
  const merges = splits.length < c.splits.length ? c.merges : [...c.merges, boundary].sort((a, b) => a - b);
  const reviewed = withoutKey(withoutKey(c.reviewed, boundary), shots[index].startFrame);
  return stamp({ ...c, splits, merges, scales: withoutKey(c.scales, boundary), reviewed }, nowMs);
}

/** True when a shot still wants a reviewer's eye: not corrected or accepted, and unsure or changing scale. */
export function isLowConfidence(shot: Pick<Shot, 'startFrame' | 'confidence' | 'changesScale' | 'corrected'>, c: Corrections): boolean {
  if (shot.corrected || c.reviewed[shot.startFrame] !== undefined) return false;
  return shot.confidence < LOW_CONFIDENCE || shot.changesScale;
}

/** Index of the next (direction 1) or previous (−1) low-confidence shot after `from`, wrapping round; −1 when none. */
export function nextLowConfidence(shots: readonly Pick<Shot, 'startFrame' | 'confidence' | 'changesScale' | 'corrected'>[], c: Corrections, from: number, direction: 1 | -1): number {
  const n = shots.length;
  for (let step = 1; step <= n; step++) {
    const i = (((from + direction * step) % n) + n) % n;
    if (isLowConfidence(shots[i], c)) return i;
  }
  return -1;
}

/** How many of a film's shots the user corrected, how many were reviewed (accepted or corrected), and how many low-confidence ones are left. */
export function reviewCounts(shots: readonly Pick<Shot, 'startFrame' | 'confidence' | 'changesScale' | 'corrected'>[], c: Corrections): { corrected: number; reviewed: number; low: number } {
  let corrected = 0;
  let reviewed = 0;
  let low = 0;
  for (const s of shots) {
    if (s.corrected) corrected++;
    if (s.corrected || c.reviewed[s.startFrame] !== undefined) reviewed++;
    if (isLowConfidence(s, c)) low++;
  }
  return { corrected, reviewed, low };
}

/** Checks that a stored or imported value is a Corrections record; returns it or a reason. */
export function parseCorrections(value: unknown): Corrections | string {
  const v = value as Partial<Corrections> | null;
  if (!v || typeof v !== 'object') return 'not an object';
  if (typeof v.fingerprint !== 'string' || !v.fingerprint) return 'no fingerprint';
  const frames = (xs: unknown) => Array.isArray(xs) && xs.every((x) => Number.isInteger(x) && x >= 0);
  const scaleMap = (m: unknown) => !!m && typeof m === 'object' && Object.entries(m).every(([k, s]) => /^\d+$/.test(k) && (ORDERED_SCALES.includes(s as ScaleCode) || s === 'NA'));
  if (!scaleMap(v.scales)) return 'scales are not frame → scale code';
  if (!frames(v.splits) || !frames(v.merges)) return 'splits or merges are not frame numbers';
  if (v.reviewed !== undefined && !scaleMap(v.reviewed)) return 'reviewed is not frame → scale code';
  if (v.adapted !== undefined && !scaleMap(v.adapted)) return 'adapted is not frame → scale code';
  const adapted = v.adapted ? { adapted: v.adapted, adaptedFrom: typeof v.adaptedFrom === 'number' ? v.adaptedFrom : 0 } : {};
  return { fingerprint: v.fingerprint, scales: v.scales!, splits: v.splits!, merges: v.merges!, reviewed: v.reviewed ?? {}, ...adapted, updatedAt: typeof v.updatedAt === 'number' ? v.updatedAt : 0 };
}

/** Undo history of a value: past states, the present, and states undone. */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

/** Undo steps kept per film. */
export const HISTORY_LIMIT = 500;

/** A history holding only `present`. */
export function historyOf<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** Records a new present (the redo list is dropped). */
export function historyPush<T>(h: History<T>, next: T): History<T> {
  return { past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: next, future: [] };
}

/** One step back; the same history when there is nothing to undo. */
export function historyUndo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

/** One step forward again; the same history when there is nothing to redo. */
export function historyRedo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}
