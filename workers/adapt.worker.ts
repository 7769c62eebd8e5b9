import * as Comlink from 'comlink';
import { fitHead, headProbs, type FitOptions } from '../src/shared/adapt';

const api = {
  /** Fits the adaptation head on the corrected items and returns its probabilities for the `others`. */
  refit(probs: number[][], labels: number[], others: number[][], opts?: FitOptions): number[][] {
    const head = fitHead(probs, labels, opts);
    return others.map((p) => headProbs(head, p));
  },
};

/** The adaptation worker's API (src/pipeline/adapt.ts). */
export type AdaptApi = typeof api;

Comlink.expose(api);
