import * as Comlink from 'comlink';
import { softmax } from '../shared/fuse';
import { fuseFrame, NA_SKIP, needsPose, type FrameFeatures } from '../shared/frameFusion';
import { modelKey } from '../shared/modelCard';
import { naProbability } from '../shared/na';
import type { FrameBatch, ModelCard, SecondDetail, SecondResult, VisionResult } from '../shared/types';
import { ensureModel } from './model';
import { ensureVision } from './vision';
import { inferWorker, onWorkerCrash, visionWorker } from './workers';

/** Version of the analysis recipe (CNN + NA + geometry fusion); part of the saved-analysis key. */
export const FUSION_VERSION = 'fuse3+cuts1';

let visionState: 'unknown' | 'ready' | 'failed' = 'unknown';
let visionError = '';
onWorkerCrash('vision', () => {
  visionState = 'unknown';
});

/** Loads face and pose detection once; if it fails the analysis goes on with the CNN alone. */
async function visionReady(): Promise<boolean> {
  if (visionState === 'unknown') {
    try {
      await ensureVision();
      visionState = 'ready';
    } catch (err) {
      visionState = 'failed';
      visionError = (err as Error).message;
      console.warn('Face/pose detection unavailable:', err);
    }
  }
  return visionState === 'ready';
}

/** Why face/pose detection is off, or '' when it runs. */
export function visionProblem(): string {
  return visionState === 'failed' ? visionError : '';
}

/**
 * When pose runs: 'auto' only where it can change the answer (the app), 'always' on every frame
 * that is not blank (feature dumps for calibration; the answers stay the same, since fuseFrame
 * ignores poses where needsPose is false).
 */
export const visionOptions: { pose: 'auto' | 'always' } = { pose: 'auto' };

/** One frame's measurements (FrameFeatures) with the vision result in full. */
export interface MeasuredFrame extends FrameFeatures {
  modelProbs: number[];
  vision?: VisionResult;
}

/**
 * Measures one decoded batch: CNN (inference worker), NA detector, face and pose detection where
 * they can matter (vision worker). Takes ownership of the batch's buffers and bitmaps.
 */
export async function measureBatch(card: ModelCard, batch: FrameBatch, useVision = true): Promise<{ frames: MeasuredFrame[]; cam: Float32Array; camHeight: number; camWidth: number }> {
  const count = batch.indices.length;
  // Loads the model again if the inference worker was replaced after a crash.
  await ensureModel();
  const out = await inferWorker().classify(Comlink.transfer(batch.rgba, [batch.rgba.buffer as ArrayBuffer]), count, modelKey(card));
  const vision = useVision && (await visionReady());
  const k = card.classes.length;
  const frames: MeasuredFrame[] = [];
  for (let i = 0; i < count; i++) {
    const modelProbs = softmax(out.logits.subarray(i * k, (i + 1) * k));
    const naProb = naProbability(batch.stats[i]);
    const bitmap = batch.bitmaps[i];
    let seen: VisionResult | undefined;
    if (vision && naProb < NA_SKIP) {
      const pose = visionOptions.pose === 'always' || needsPose(card.classes, modelProbs, naProb);
      seen = await visionWorker().detect(Comlink.transfer(bitmap, [bitmap]), batch.tSec[i], pose);
    } else {
      bitmap.close();
    }
    frames.push({ modelProbs, naProb, vision: seen });
  }
  return { frames, cam: out.cam, camHeight: out.camHeight, camWidth: out.camWidth };
}

/**
 * The whole per-frame analysis of one decoded batch: measureBatch, then geometry and fusion
 * (fuseFrame). Takes ownership of the batch's buffers and bitmaps. The same code serves films,
 * stills, `npm run eval` and `analyze`.
 */
export async function analyseBatch(card: ModelCard, batch: FrameBatch, useVision = true): Promise<{ results: SecondResult[]; details: SecondDetail[] }> {
  const { frames, cam, camHeight, camWidth } = await measureBatch(card, batch, useVision);
  const camSize = card.classes.length * camHeight * camWidth;
  const results: SecondResult[] = [];
  const details: SecondDetail[] = [];
  frames.forEach((f, i) => {
    const { probs, label, why } = fuseFrame(card.classes, f);
    results.push({ index: batch.indices[i], tSec: batch.tSec[i], probs, label, naProb: f.naProb, why });
    details.push({
      cam: cam.slice(i * camSize, (i + 1) * camSize),
      camHeight,
      camWidth,
      thumb: batch.thumbs[i],
      content: batch.content,
      inputWidth: batch.width,
      inputHeight: batch.height,
      modelProbs: f.modelProbs,
      vision: f.vision,
    });
  });
  return { results, details };
}
