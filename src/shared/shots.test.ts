import { shownConfidence } from './confidence';
import { describe, expect, it } from 'vitest';
import type { Transition } from './shotTypes';
import { buildShots, changesScale, samplePlan, shotSpans, spanIndexAt, type ShotSample } from './shots';
import { SCALE_CODES, type ScaleCode } from './taxonomy';

const R24 = { num: 24, den: 1 };

/** Probabilities with `p` on `code` and the rest spread evenly. */
function probs(code: ScaleCode, p: number): number[] {
  return SCALE_CODES.map((c) => (c === code ? p : (1 - p) / (SCALE_CODES.length - 1)));
}

const start: Transition = { kind: 'start', startFrame: 0, endFrame: 0, shotStartFrame: 0, score: 1 };
const cut = (frame: number, score = 0.9): Transition => ({ kind: 'cut', startFrame: frame, endFrame: frame, shotStartFrame: frame, score });
const dissolve: Transition = { kind: 'dissolve', startFrame: 118, endFrame: 129, shotStartFrame: 124, score: 0.8 };
// 10 s at 24 fps: shots [0,47] [48,123] [124,199] [200,239], a dissolve over frames 118–129.
const transitions = [start, cut(48), dissolve, cut(200)];

let nextIndex = 0;
function sample(frame: number, code: ScaleCode, p = 0.7): ShotSample {
  return { index: nextIndex++, frame, tSec: (frame + 0.5) / 24, probs: probs(code, p) };
}

describe('shotSpans', () => {
  it('tiles the film from each transition to the frame before the next', () => {
    expect(shotSpans(transitions, 240).map((s) => [s.startFrame, s.endFrame, s.transition.kind])).toEqual([
      [0, 47, 'start'],
      [48, 123, 'cut'],
      [124, 199, 'dissolve'],
      [200, 239, 'cut'],
    ]);
  });

  it('adds the opening shot, drops duplicates and transitions outside the film', () => {
    const spans = shotSpans([cut(200, 0.5), cut(30), cut(200, 0.9), cut(260), cut(-3)], 240);
    expect(spans.map((s) => [s.startFrame, s.endFrame])).toEqual([
      [0, 29],
      [30, 199],
      [200, 239],
    ]);
    expect(spans[0].transition.kind).toBe('start');
    expect(spans[2].transition.score).toBe(0.9);
    expect(shotSpans([cut(0)], 10).map((s) => s.transition.kind)).toEqual(['cut']);
    expect(shotSpans([start, cut(0)], 10).map((s) => s.transition.kind)).toEqual(['start']);
    expect(shotSpans(transitions, 0)).toEqual([]);
  });

  it('finds the span holding a frame', () => {
    const spans = shotSpans(transitions, 240);
    expect([0, 47, 48, 123, 124, 239].map((f) => spanIndexAt(spans, f))).toEqual([0, 0, 1, 1, 2, 3]);
    expect(spanIndexAt(spans, 240)).toBe(-1);
    expect(spanIndexAt(spans, -1)).toBe(-1);
  });
});

describe('buildShots', () => {
  it('takes the scale most samples gave, not the mean’s: one sharp sample does not outvote three flat ones', () => {
    // Three frames a shade MCU over MS (geometry tipped them), one frame sure of MS.
    const flat = SCALE_CODES.map((c) => (c === 'MCU' ? 0.37 : c === 'MS' ? 0.36 : 0.27 / 6));
    const samples = [10, 20, 30].map((frame) => ({ index: nextIndex++, frame, tSec: frame / 24, probs: flat }));
    const shots = buildShots({ transitions, frameCount: 240, timing: R24, samples: [...samples, sample(40, 'MS', 0.9)] });
    expect(shots[0].probs[SCALE_CODES.indexOf('MS')]).toBeGreaterThan(shots[0].probs[SCALE_CODES.indexOf('MCU')]);
    expect(shots[0].scale).toBe('MCU');
    // A sample's own label, when given, is what it votes (a pooled second votes its frame's answer).
    const labelled = buildShots({ transitions, frameCount: 240, timing: R24, samples: [sample(10, 'MS', 0.9), { ...sample(20, 'MS', 0.4), label: 'MCU' }, { ...sample(30, 'MS', 0.4), label: 'MCU' }] });
    expect(labelled[0].scale).toBe('MCU');
    // On a tie the mean decides.
    const tie = buildShots({ transitions, frameCount: 240, timing: R24, samples: [sample(10, 'MS', 0.9), sample(20, 'MCU', 0.5)] });
    expect(tie[0].scale).toBe('MS');
  });

  it('gives each shot its frames, times and transition', () => {
    const shots = buildShots({ transitions, frameCount: 240, timing: R24, samples: [] });
    expect(shots.map((s) => [s.index, s.startFrame, s.endFrame, s.startSec, s.endSec])).toEqual([
      [0, 0, 47, 0, 2],
      [1, 48, 123, 2, 124 / 24],
      [2, 124, 199, 124 / 24, 200 / 24],
      [3, 200, 239, 200 / 24, 10],
    ]);
    expect(shots[2].transition).toBe(dissolve);
    const ntsc = buildShots({ transitions, frameCount: 240, timing: { num: 24000, den: 1001 }, samples: [] });
    expect(ntsc[1].startSec).toBeCloseTo(2.002, 12);
    expect(ntsc[3].endSec).toBeCloseTo(10.01, 12);
  });

  it('pools the mean of its samples', () => {
    const a = sample(12, 'CU', 0.6);
    const b = sample(36, 'CU', 0.8);
    const [shot] = buildShots({ transitions, frameCount: 240, timing: R24, samples: [b, a] });
    expect(shot.scale).toBe('CU');
    expect(shot.probs[SCALE_CODES.indexOf(shot.scale)]).toBeCloseTo(0.7, 12);
    // What is shown is the sharpened, calibrated confidence (confidence.ts), not the mean itself.
    expect(shot.confidence).toBeCloseTo(shownConfidence(shot.probs, SCALE_CODES.indexOf(shot.scale)), 12);
    expect(shot.probs[SCALE_CODES.indexOf('ECU')]).toBeCloseTo((0.4 / 7 + 0.2 / 7) / 2, 12);
    expect(shot.sampleIndices).toEqual([a.index, b.index]);
    expect(shot.changesScale).toBe(false);
    expect(shot.corrected).toBe(false);
  });

  it('is NA when more than half its samples are NA, else pools only the others', () => {
    const naShot = [sample(204, 'NA', 0.9), sample(228, 'NA', 0.7), sample(216, 'MS', 0.6)];
    const msShot = [sample(60, 'NA', 0.9), sample(84, 'MS', 0.6), sample(108, 'MS', 0.8)];
    const tie = [sample(12, 'NA', 0.9), sample(36, 'LS', 0.5)];
    const shots = buildShots({ transitions, frameCount: 240, timing: R24, samples: [...naShot, ...msShot, ...tie] });
    expect(shots[3].scale).toBe('NA');
    expect(shots[3].probs[SCALE_CODES.indexOf(shots[3].scale)]).toBeCloseTo((0.9 + 0.7 + 0.4 / 7) / 3, 12);
    expect(shots[3].confidence).toBeCloseTo(shownConfidence(shots[3].probs, SCALE_CODES.indexOf(shots[3].scale)), 12);
    expect(shots[1].scale).toBe('MS');
    expect(shots[1].probs[SCALE_CODES.indexOf(shots[1].scale)]).toBeCloseTo(0.7, 12);
    expect(shots[1].confidence).toBeCloseTo(shownConfidence(shots[1].probs, SCALE_CODES.indexOf(shots[1].scale)), 12);
    expect(shots[1].probs[SCALE_CODES.indexOf('NA')]).toBeCloseTo((0.4 / 7 + 0.2 / 7) / 2, 12);
    expect(shots[1].sampleIndices).toHaveLength(3);
    expect(shots[0].scale).toBe('LS');
  });

  it('leaves samples inside a gradual transition out of the pool unless they are all it has', () => {
    const inDissolve = sample(120, 'ELS', 0.9);
    const shots = buildShots({
      transitions,
      frameCount: 240,
      timing: R24,
      samples: [sample(60, 'MCU', 0.6), inDissolve, sample(126, 'LS', 0.8)],
    });
    expect(shots[1].scale).toBe('MCU');
    expect(shots[1].probs[SCALE_CODES.indexOf(shots[1].scale)]).toBeCloseTo(0.6, 12);
    expect(shots[1].confidence).toBeCloseTo(shownConfidence(shots[1].probs, SCALE_CODES.indexOf(shots[1].scale)), 12);
    expect(shots[1].sampleIndices).toContain(inDissolve.index);
    expect(shots[2].scale).toBe('LS');
    expect(shots[2].probs[SCALE_CODES.indexOf(shots[2].scale)]).toBeCloseTo(0.8, 12);
    expect(shots[2].confidence).toBeCloseTo(shownConfidence(shots[2].probs, SCALE_CODES.indexOf(shots[2].scale)), 12);
  });

  it('picks one of the seven ordered scales for a subject shot even when the mean leans to NA', () => {
    const a = { index: 0, frame: 12, tSec: 0.5, probs: [0, 0.4, 0, 0.25, 0, 0, 0, 0.35] };
    const b = { index: 1, frame: 36, tSec: 1.5, probs: [0, 0.25, 0, 0.4, 0, 0, 0, 0.35] };
    const [shot] = buildShots({ transitions, frameCount: 240, timing: R24, samples: [a, b] });
    expect(shot.probs[SCALE_CODES.indexOf('NA')]).toBeCloseTo(0.35, 12);
    expect(['CU', 'MS']).toContain(shot.scale);
    expect(shot.probs[SCALE_CODES.indexOf(shot.scale)]).toBeCloseTo(0.325, 12);
    expect(shot.confidence).toBeCloseTo(shownConfidence(shot.probs, SCALE_CODES.indexOf(shot.scale)), 12);
  });

  it('makes a shot without samples NA with confidence 0', () => {
    const shots = buildShots({ transitions, frameCount: 240, timing: R24, samples: [sample(12, 'CU')] });
    expect(shots[1]).toMatchObject({ scale: 'NA', confidence: 0, sampleIndices: [], changesScale: false });
    expect(shots[1].probs).toEqual(new Array(8).fill(0));
  });

  it('applies corrections keyed by start frame and keeps the model probabilities', () => {
    const s = sample(60, 'MCU', 0.6);
    const shots = buildShots({ transitions, frameCount: 240, timing: R24, samples: [s], corrections: { 48: 'ECU', 7: 'LS' } });
    expect(shots[1]).toMatchObject({ scale: 'ECU', confidence: 1, corrected: true });
    expect(shots[1].probs).toEqual(s.probs);
    expect(shots.filter((x) => x.corrected)).toHaveLength(1);
  });

  it('flags a zoom and a sustained change of scale, not one stray frame', () => {
    const zoom = [sample(130, 'CU'), sample(150, 'MCU'), sample(170, 'MS'), sample(190, 'MLS')];
    const stray = [sample(52, 'MS'), sample(70, 'MS'), sample(90, 'ELS'), sample(100, 'MS'), sample(110, 'MS')];
    const shots = buildShots({ transitions, frameCount: 240, timing: R24, samples: [...zoom, ...stray] });
    expect(shots[2].changesScale).toBe(true);
    expect(shots[2].sampleIndices).toEqual(zoom.map((s) => s.index));
    expect(shots[1].changesScale).toBe(false);
    expect(shots[1].scale).toBe('MS');
  });

  it('uses per-frame timestamps when given (variable frame rate)', () => {
    const frameTimesSec = [0, 0.04, 0.08, 0.12, 0.16, 0.2, 0.3, 0.4, 0.5, 0.6];
    const shots = buildShots({ transitions: [cut(3), cut(6)], frameCount: 10, timing: { frameTimesSec, endSec: 0.8 }, samples: [] });
    expect(shots.map((s) => [s.startSec, s.endSec])).toEqual([
      [0, 0.12],
      [0.12, 0.3],
      [0.3, 0.8],
    ]);
  });
});

describe('changesScale', () => {
  const idx = (...codes: ScaleCode[]) => codes.map((c) => SCALE_CODES.indexOf(c));
  it('follows the documented rule', () => {
    expect(changesScale(idx('CU', 'MCU', 'MS', 'MLS'))).toBe(true);
    expect(changesScale(idx('CU', 'MS'))).toBe(true);
    expect(changesScale(idx('CU', 'CU', 'CU', 'LS'))).toBe(true);
    expect(changesScale(idx('MS', 'MS', 'MLS', 'MLS'))).toBe(true);
    expect(changesScale(idx('CU', 'CU', 'LS', 'CU', 'CU'))).toBe(false);
    expect(changesScale(idx('MS', 'MLS', 'MS', 'MLS'))).toBe(false);
    expect(changesScale(idx('MS', 'MS', 'MLS'))).toBe(false);
    expect(changesScale(idx('CU', 'MCU'))).toBe(false);
    expect(changesScale(idx('CU'))).toBe(false);
    expect(changesScale([])).toBe(false);
  });
});

describe('samplePlan', () => {
  const regular = Array.from({ length: 10 }, (_, i) => i + 0.5);

  it('adds nothing when every shot already has a clean sample', () => {
    expect(samplePlan(transitions, 240, R24, regular)).toEqual([]);
  });

  it('adds the middle of the middle frame of each shot without one', () => {
    // Shot [48,59] lies between the samples at 1.5 s (frame 36) and 2.5 s (frame 60).
    const extra = samplePlan([start, cut(48), cut(60)], 240, R24, regular);
    expect(extra).toEqual([Math.round((53.5 / 24) * 1e6) / 1e6]);
  });

  it('does not count a sample inside a dissolve and samples the clean part instead', () => {
    // Shot [124,135]: frames 124–129 are the dissolve's second half; the 5.5 s sample is frame 132.
    const plan = samplePlan([start, cut(48), dissolve, cut(136)], 240, R24, [0.5, 5.1, 6.5]);
    // Frame 122 (5.1 s) is in the dissolve: shot [48,123] gets its clean middle, frames 48–117 → 82.
    // Shot [124,135] has no sample: clean frames 130–135 → middle frame 132.
    expect(plan).toEqual([82.5 / 24, 132.5 / 24].map((t) => Math.round(t * 1e6) / 1e6));
  });

  it('gives every shot of a film a sample when added to the regular ones', () => {
    const many = [start, ...Array.from({ length: 60 }, (_, i) => cut(7 + i * 13))];
    const extra = samplePlan(many, 900, R24, regular);
    const all = [...regular, ...extra].map((t, index) => ({ index, frame: Math.floor(t * 24), tSec: t, probs: probs('MS', 0.5) }));
    const shots = buildShots({ transitions: many, frameCount: 900, timing: R24, samples: all });
    expect(shots.every((s) => s.sampleIndices.length > 0)).toBe(true);
    expect(extra.length).toBeGreaterThan(40);
  });
});
