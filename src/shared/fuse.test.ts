import { describe, expect, it } from 'vitest';
import { fuseAll, softmax } from './fuse';
import { NA_INDEX, SCALE_CODES } from './taxonomy';

const sum = (a: readonly number[]) => a.reduce((x, y) => x + y, 0);

describe('softmax', () => {
  it('matches the definition and sums to 1', () => {
    const p = softmax([1, 2, 3]);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(p[0]).toBeCloseTo(Math.exp(1) / z, 12);
    expect(p[1]).toBeCloseTo(Math.exp(2) / z, 12);
    expect(p[2]).toBeCloseTo(Math.exp(3) / z, 12);
    expect(sum(p)).toBeCloseTo(1, 12);
  });

  it('is uniform for equal logits', () => {
    expect(softmax([4, 4, 4, 4])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('is stable for large logits', () => {
    const p = softmax(new Float32Array([1000, 1001, 999]));
    for (const v of p) expect(Number.isFinite(v)).toBe(true);
    expect(sum(p)).toBeCloseTo(1, 12);
    expect(p[1]).toBeCloseTo(Math.exp(1) / (1 + Math.exp(1) + Math.exp(-1)), 12);
    expect(softmax([-1000, -1001])[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });

  it('is invariant to shifting all logits', () => {
    const a = softmax([0.3, -1.2, 2.5]);
    const b = softmax([100.3, 98.8, 102.5]);
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 10));
  });
});

describe('fuseAll without geometry (the CNN and the NA detector)', () => {
  const fuse = (classes: readonly string[], probs: number[], na: number) => {
    const { probs: out } = fuseAll(classes, probs, null, na, 0.5);
    return { probs: out, label: SCALE_CODES[out.indexOf(Math.max(...out))], naProb: na };
  };
  const codes = [...SCALE_CODES];

  it('keeps the model distribution when the NA detector says 0', () => {
    const probs = [0.05, 0.6, 0.1, 0.1, 0.05, 0.05, 0.03, 0.02];
    const r = fuse(codes, probs, 0);
    expect(r).toEqual({ probs, label: 'CU', naProb: 0 });
  });

  it('scales the model by (1 - pNA) and adds pNA to NA', () => {
    const probs = [0, 0.6, 0, 0.3, 0, 0, 0, 0.1];
    const r = fuse(codes, probs, 0.25);
    const expected = [0, 0.45, 0, 0.225, 0, 0, 0, 0.1 * 0.75 + 0.25];
    r.probs.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 12));
    expect(sum(r.probs)).toBeCloseTo(1, 12);
    expect(r.label).toBe('CU');
    expect(r.naProb).toBe(0.25);
  });

  it('labels NA when the detector outweighs the model', () => {
    const r = fuse(codes, [0, 0.9, 0, 0.1, 0, 0, 0, 0], 0.6);
    expect(r.probs[NA_INDEX]).toBeCloseTo(0.6, 12);
    expect(r.probs[1]).toBeCloseTo(0.36, 12);
    expect(r.label).toBe('NA');
  });

  it('is all NA when the detector is certain', () => {
    const r = fuse(codes, [0.1, 0.2, 0.3, 0.4, 0, 0, 0, 0], 1);
    expect(r.probs).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r.label).toBe('NA');
  });

  it('maps a coarse model onto the codes before fusing; label is the argmax', () => {
    const r = fuse(['CU', 'MEDIUM', 'WS'], [0.2, 0.5, 0.3], 0.1);
    const expected = [0, 0.18, 0, 0.45, 0, 0.27, 0, 0.1];
    r.probs.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 12));
    expect(r.label).toBe('MS');
    expect(sum(r.probs)).toBeCloseTo(1, 12);
    const best = r.probs.indexOf(Math.max(...r.probs));
    expect(r.label).toBe(SCALE_CODES[best]);
  });

  it('sums to 1 for any detector probability', () => {
    const probs = [0.1, 0.1, 0.1, 0.2, 0.2, 0.1, 0.1, 0.1];
    for (const na of [0, 0.01, 0.3, 0.5, 0.99, 1]) expect(sum(fuse(codes, probs, na).probs)).toBeCloseTo(1, 12);
  });
});
