import { describe, expect, it } from 'vitest';
import { argmaxOf, fitHead, headProbs, identityHead, seededRandom, simulateReview } from './adapt';

/** A film whose true class-2 items the model calls class 1 (0.55 vs 0.35), and others it gets right. */
function biasedFilm(n: number, seed: number): { probs: number[][]; labels: number[] } {
  const rand = seededRandom(seed);
  const probs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = Math.floor(rand() * 4);
    const p = [0.04, 0.04, 0.04, 0.04].map((v) => v + 0.02 * rand());
    if (label === 2) {
      p[1] = 0.5 + 0.1 * rand();
      p[2] = 0.3 + 0.1 * rand();
    } else p[label] = 0.7 + 0.2 * rand();
    const s = p.reduce((a, b) => a + b, 0);
    probs.push(p.map((v) => v / s));
    labels.push(label);
  }
  return { probs, labels };
}

describe('adaptation head', () => {
  it('the identity head gives back the model’s answer', () => {
    const p = [0.1, 0.6, 0.3];
    const q = headProbs(identityHead(3), p);
    q.forEach((v, i) => expect(v).toBeCloseTo(p[i], 3));
  });

  it('fitted on a few corrections, it learns the film’s systematic confusion', () => {
    const { probs, labels } = biasedFilm(300, 1);
    const train = [...Array(25).keys()];
    const head = fitHead(
      train.map((i) => probs[i]),
      train.map((i) => labels[i]),
    );
    const rest = probs.slice(25);
    const before = rest.filter((p, i) => argmaxOf(p) === labels[i + 25]).length / rest.length;
    const after = rest.filter((p, i) => argmaxOf(headProbs(head, p)) === labels[i + 25]).length / rest.length;
    expect(before).toBeLessThan(0.8);
    expect(after).toBeGreaterThan(0.95);
  });

  it('simulateReview: deterministic by seed; no change below the minimum of corrections', () => {
    const { probs, labels } = biasedFilm(200, 2);
    expect(simulateReview(probs, labels, 10, 7)).toEqual(simulateReview(probs, labels, 10, 7));
    const none = simulateReview(probs, labels, 3, 7);
    expect(none.after).toBe(none.before);
    expect(none.n).toBe(197);
  });

  it('on a film the model already gets right, the head does not make it worse', () => {
    const rand = seededRandom(3);
    const probs = Array.from({ length: 200 }, () => {
      const p = [0.1, 0.1, 0.1];
      p[Math.floor(rand() * 3)] = 0.8;
      return p;
    });
    const labels = probs.map((p) => argmaxOf(p));
    const r = simulateReview(probs, labels, 10, 1);
    expect(r.after).toBe(1);
  });
});
