import * as Comlink from 'comlink';
import { naProbability } from '../shared/na';
import { fuseSecond, softmax } from '../shared/fuse';
import type { ModelInfo, SecondResult } from '../shared/types';
import { useApp, type Film } from '../store/store';
import { ensureModel } from './model';
import { analyzeFiles, BATCH_SIZE, idle } from './pipeline';
import { decodeWorker, inferWorker } from './workers';

/** What `window.shotscale` offers to the analyze/eval scripts (and to curious users in devtools). */
export interface HeadlessApi {
  model(): Promise<ModelInfo>;
  analyze(files: File[]): string[];
  idle(): Promise<void>;
  films(): Film[];
  classifyStills(files: File[]): Promise<SecondResult[]>;
}

/** Classifies still images through the same decode → infer → fuse path as video frames. */
async function classifyStills(files: File[]): Promise<SecondResult[]> {
  const { card } = await ensureModel();
  const out: SecondResult[] = [];
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    const chunk = files.slice(start, start + BATCH_SIZE);
    const batch = await decodeWorker().stills(chunk, card.input.width, card.input.height);
    const res = await inferWorker().classify(Comlink.transfer(batch.rgba, [batch.rgba.buffer as ArrayBuffer]), chunk.length);
    const k = card.classes.length;
    chunk.forEach((_, i) => {
      const probs = softmax(res.logits.subarray(i * k, (i + 1) * k));
      out.push(fuseSecond(start + i, 0, card.classes, probs, naProbability(batch.stats[i])));
    });
  }
  return out;
}

/** Installs `window.shotscale`. */
export function installHeadlessApi(): void {
  const api: HeadlessApi = {
    model: ensureModel,
    analyze: analyzeFiles,
    idle,
    films: () => useApp.getState().films,
    classifyStills,
  };
  (window as unknown as { shotscale: HeadlessApi }).shotscale = api;
}
