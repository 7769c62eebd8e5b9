import { shownConfidence } from './confidence';
import type { Shot, Transition } from './shotTypes';
import { argmax, mostVoted, N_CODES, ORDERED_SCALES, SCALE_CODES, type ScaleCode } from './taxonomy';
import { frameToSec, secToFrame, type FrameTiming } from './timecode';

/**
 * Shots from transitions and classified samples.
 *
 * Spans: shot k runs from its transition's `shotStartFrame` to the frame before the next shot's
 * `shotStartFrame`, so shots tile the film (the outgoing half of a gradual transition belongs to the
 * shot it leaves). A sample belongs to the shot holding its frame.
 *
 * Pooling: samples on a frame inside a gradual transition (a dissolve's mixed image, a fade) are
 * left out when the shot has others. The shot is NA when more than half of the remaining samples
 * say NA (black, title card); otherwise the NA samples are left out too and the shot's
 * probabilities are the mean of the rest. Its scale is the one most of those samples gave; on a tie,
 * the most probable of the tied scales in the mean. (Votes, not the mean alone: fused probabilities
 * are flat, so a mean follows the one sample with a sharp distribution rather than the many that
 * agree.)
 * A span opened by an 'unreadable' transition is a stretch no frame of which decoded: it is marked
 * `unreadable`, NA with no probabilities, and takes no correction.
 * A shot without a sample is NA with confidence 0 and no probabilities (a neighbouring shot's
 * sample is not evidence: a cut lies between them). A correction (keyed by the shot's start frame)
 * sets the scale, `corrected`, and confidence 1; the model's probabilities are kept.
 */

/** A classified sample: its index in the film's results, the frame it shows, its time and probabilities over SCALE_CODES. */
export interface ShotSample {
  index: number;
  /** 0-based frame number of the decoded frame. */
  frame: number;
  tSec: number;
  probs: readonly number[];
  /** The sample's own answer (default: its most probable code). */
  label?: ScaleCode;
}

/** A shot's frames and the transition that opened it. */
export interface ShotSpan {
  startFrame: number;
  /** Last frame (inclusive). */
  endFrame: number;
  transition: Transition;
}

/** What buildShots needs. */
export interface BuildShotsInput {
  transitions: readonly Transition[];
  frameCount: number;
  timing: FrameTiming;
  samples: readonly ShotSample[];
  /** User-set scales keyed by the shot's start frame. */
  corrections?: Readonly<Partial<Record<number, ScaleCode>>>;
}

const START: Transition = { kind: 'start', startFrame: 0, endFrame: 0, shotStartFrame: 0, score: 1 };

/** True for transitions that mix two pictures over several frames (dissolve, fade, wipe). */
export function isGradual(t: Transition): boolean {
  return t.kind === 'dissolve' || t.kind === 'fade-in' || t.kind === 'fade-out' || t.kind === 'fade' || t.kind === 'wipe';
}

/** Shot spans covering frames 0 … frameCount − 1, one per transition (a 'start' at frame 0 is added when missing). */
export function shotSpans(transitions: readonly Transition[], frameCount: number): ShotSpan[] {
  if (!(frameCount > 0)) return [];
  const opening = [...transitions]
    .filter((t) => t.shotStartFrame >= 0 && t.shotStartFrame < frameCount)
    .sort((a, b) => a.shotStartFrame - b.shotStartFrame || (a.kind === 'start' ? -1 : b.kind === 'start' ? 1 : b.score - a.score));
  const kept: Transition[] = [];
  for (const t of opening) if (kept.length === 0 || t.shotStartFrame > kept[kept.length - 1].shotStartFrame) kept.push(t);
  if (kept.length === 0 || kept[0].shotStartFrame > 0) kept.unshift(START);
  return kept.map((t, i) => ({
    startFrame: t.shotStartFrame,
    endFrame: (i + 1 < kept.length ? kept[i + 1].shotStartFrame : frameCount) - 1,
    transition: t,
  }));
}

/** Index of the span holding `frame` (spans sorted and tiling), or −1 outside them. */
export function spanIndexAt(spans: readonly { startFrame: number; endFrame: number }[], frame: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  if (hi < 0 || frame < spans[0].startFrame || frame > spans[hi].endFrame) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid].startFrame <= frame) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function transitionFrames(transitions: readonly Transition[]): [number, number][] {
  return transitions.filter(isGradual).map((t) => [t.startFrame, t.endFrame]);
}

function inAny(ranges: readonly [number, number][], frame: number): boolean {
  return ranges.some(([a, b]) => frame >= a && frame <= b);
}

/**
 * True when a shot's sample scales (ordered-scale indices in time order, NA left out) show a change
 * of scale: after dropping lone blips (an inner sample whose two neighbours agree with each other
 * and not with it), they span two or more steps (e.g. CU … MS), or two different scales are each
 * held for two or more samples in a row (MS MS MLS MLS). One step of jitter between single samples
 * (MS MLS MS) is classifier noise, not a move.
 */
export function changesScale(scales: readonly number[]): boolean {
  const kept = scales.filter((s, i) => !(i > 0 && i < scales.length - 1 && scales[i - 1] === scales[i + 1] && scales[i - 1] !== s));
  if (kept.length < 2) return false;
  if (Math.max(...kept) - Math.min(...kept) >= 2) return true;
  const held = new Set<number>();
  for (let i = 1; i < kept.length; i++) if (kept[i] === kept[i - 1]) held.add(kept[i]);
  return held.size >= 2;
}

function mean(vectors: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(N_CODES).fill(0);
  for (const v of vectors) for (let i = 0; i < N_CODES; i++) out[i] += (v[i] ?? 0) / vectors.length;
  return out;
}

function orderedArgmax(probs: readonly number[]): ScaleCode {
  let best = 0;
  for (let i = 1; i < ORDERED_SCALES.length; i++) if (probs[SCALE_CODES.indexOf(ORDERED_SCALES[i])] > probs[SCALE_CODES.indexOf(ORDERED_SCALES[best])]) best = i;
  return ORDERED_SCALES[best];
}

function sampleLabel(s: ShotSample): ScaleCode {
  return s.label ?? SCALE_CODES[argmax(s.probs)];
}

/** Shots with pooled scales (see the module comment for the rules). */
export function buildShots(input: BuildShotsInput): Shot[] {
  const { transitions, frameCount, timing, samples, corrections } = input;
  const spans = shotSpans(transitions, frameCount);
  const mixed = transitionFrames(transitions);
  const members: ShotSample[][] = spans.map(() => []);
  for (const s of samples) {
    const k = spanIndexAt(spans, s.frame);
    if (k >= 0) members[k].push(s);
  }
  return spans.map((span, index) => {
    const inShot = members[index].sort((a, b) => a.frame - b.frame || a.tSec - b.tSec);
    const clean = inShot.filter((s) => !inAny(mixed, s.frame));
    const candidates = clean.length > 0 ? clean : inShot;
    const subject = candidates.filter((s) => sampleLabel(s) !== 'NA');
    const isNa = candidates.length === 0 || subject.length * 2 < candidates.length;
    const pool = isNa ? candidates : subject;
    const probs = pool.length > 0 ? mean(pool.map((s) => s.probs)) : new Array<number>(N_CODES).fill(0);
    const modelScale: ScaleCode = isNa
      ? 'NA'
      : mostVoted(subject.map(sampleLabel), orderedArgmax(probs), (c) => probs[SCALE_CODES.indexOf(c)]).label;
    const unreadable = span.transition.kind === 'unreadable';
    const corrected = unreadable ? undefined : corrections?.[span.startFrame];
    const scale = corrected ?? modelScale;
    return {
      index,
      startFrame: span.startFrame,
      endFrame: span.endFrame,
      startSec: frameToSec(span.startFrame, timing),
      endSec: frameToSec(span.endFrame + 1, timing),
      transition: span.transition,
      probs,
      scale,
      confidence: corrected ? 1 : shownConfidence(probs, SCALE_CODES.indexOf(scale)),
      sampleIndices: inShot.map((s) => s.index),
      changesScale: changesScale(subject.map((s) => ORDERED_SCALES.indexOf(sampleLabel(s)))),
      corrected: corrected !== undefined,
      ...(unreadable ? { unreadable: true } : {}),
    };
  });
}

/**
 * Extra sample times (seconds, ascending) so that every shot has a sample outside its gradual
 * transitions: for each shot whose frames hold none of `regularTimesSec`, the middle of the
 * middle frame of its clean part (half a frame from either edge, so a seek lands on it).
 */
export function samplePlan(transitions: readonly Transition[], frameCount: number, timing: FrameTiming, regularTimesSec: readonly number[]): number[] {
  const spans = shotSpans(transitions, frameCount);
  const mixed = transitionFrames(transitions);
  const covered = new Set<number>();
  for (const t of regularTimesSec) {
    const frame = secToFrame(t, timing);
    const k = spanIndexAt(spans, frame);
    if (k >= 0 && !inAny(mixed, frame)) covered.add(k);
  }
  const extra: number[] = [];
  spans.forEach((span, k) => {
    if (covered.has(k) || span.transition.kind === 'unreadable') return;
    let first = span.startFrame;
    let last = span.endFrame;
    while (first <= last && inAny(mixed, first)) first++;
    while (last >= first && inAny(mixed, last)) last--;
    if (first > last) [first, last] = [span.startFrame, span.endFrame];
    const mid = Math.floor((first + last) / 2);
    const tSec = (frameToSec(mid, timing) + frameToSec(mid + 1, timing)) / 2;
    extra.push(Math.round(tSec * 1e6) / 1e6);
  });
  return extra;
}
