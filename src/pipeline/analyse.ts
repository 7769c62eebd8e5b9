import * as Comlink from 'comlink';
import { softmax } from '../shared/fuse';
import { fuseFrame, NA_SKIP, needsPose, type FrameFeatures } from '../shared/frameFusion';
import { modelKey } from '../shared/modelCard';
import { naProbability } from '../shared/na';
import type { Transition } from '../shared/shotTypes';
import type { FrameBatch, ModelCard, SecondDetail, SecondResult, VisionResult } from '../shared/types';
import { visionNeeded, type VisionMemo } from '../shared/visionGate';
import { ensureModel } from './model';
import { ensureVision } from './vision';
import { inferWorker, onWorkerCrash, visionWorker } from './workers';

/** Version of the analysis recipe (CNN + NA + geometry fusion); part of the saved-analysis key. */
export const FUSION_VERSION = 'fuse6+cuts1';

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

/** A batch after the CNN and the NA detector, before face and pose detection. */
export interface InferredBatch {
  modelProbs: number[][];
  naProbs: number[];
  cam: Float32Array;
  camHeight: number;
  camWidth: number;
  /** Milliseconds waited for the inference worker. */
  cnnMs: number;
}

/** Runs the CNN (inference worker) and the NA detector on a decoded batch; takes ownership of its pixels. */
export async function inferBatch(card: ModelCard, batch: FrameBatch): Promise<InferredBatch> {
  const count = batch.indices.length;
  // Loads the model again if the inference worker was replaced after a crash.
  await ensureModel();
  const t0 = performance.now();
  const out = await inferWorker().classify(Comlink.transfer(batch.rgba, [batch.rgba.buffer as ArrayBuffer]), count, modelKey(card));
  const cnnMs = performance.now() - t0;
  const k = card.classes.length;
  const modelProbs: number[][] = [];
  const naProbs: number[] = [];
  for (let i = 0; i < count; i++) {
    modelProbs.push(softmax(out.logits.subarray(i * k, (i + 1) * k)));
    naProbs.push(naProbability(batch.stats[i]));
  }
  return { modelProbs, naProbs, cam: out.cam, camHeight: out.camHeight, camWidth: out.camWidth, cnnMs };
}

/**
 * A film's state for the vision gate (src/shared/visionGate.ts): the last detection and the
 * transitions found so far. Frames of a batch without frame numbers always run detection.
 */
export interface VisionGateState {
  memo?: VisionMemo;
  transitions: readonly Transition[];
  /** Frames whose detection the gate skipped. */
  skippedFrames: number;
}

/**
 * Face and pose detection (vision worker) where they can matter, on a batch the CNN has seen; takes
 * ownership of the batch's bitmaps (each is transferred or closed). With a gate, frames of a shot
 * already seen to have nobody in it are skipped (visionNeeded).
 */
export async function seeBatch(card: ModelCard, batch: FrameBatch, inferred: InferredBatch, useVision = true, gate?: VisionGateState): Promise<{ frames: MeasuredFrame[]; visionMs: number }> {
  const vision = useVision && (await visionReady());
  const frames: MeasuredFrame[] = [];
  let visionMs = 0;
  try {
    for (let i = 0; i < batch.indices.length; i++) {
      const modelProbs = inferred.modelProbs[i];
      const naProb = inferred.naProbs[i];
      const bitmap = batch.bitmaps[i];
      let seen: VisionResult | undefined;
      const frame = batch.frames?.[i] ?? -1;
      const pose = vision && naProb < NA_SKIP && (visionOptions.pose === 'always' || needsPose(card.classes, modelProbs, naProb));
      if (vision && naProb < NA_SKIP && gate?.memo && frame >= 0 && !visionNeeded(gate.memo, frame, modelProbs, pose, gate.transitions)) {
        gate.memo.skipped++;
        gate.skippedFrames++;
        bitmap.close();
      } else if (vision && naProb < NA_SKIP) {
        const t0 = performance.now();
        seen = await visionWorker().detect(Comlink.transfer(bitmap, [bitmap]), batch.tSec[i], pose);
        visionMs += performance.now() - t0;
        if (gate && frame >= 0) gate.memo = { frame, modelProbs, poseRan: pose, found: seen.faces.length > 0 || seen.poses.length > 0, skipped: 0 };
      } else {
        bitmap.close();
      }
      frames.push({ modelProbs, naProb, vision: seen, picture: batch.stats[i].picture });
    }
  } catch (err) {
    // Bitmaps not yet handed over are closed (closing a transferred one does nothing).
    closeBitmaps(batch);
    throw err;
  }
  return { frames, visionMs };
}

/** Closes a batch's frame bitmaps (after a failure; those already transferred are unaffected). */
export function closeBitmaps(batch: FrameBatch): void {
  for (const b of batch.bitmaps) b.close();
}

/**
 * Measures one decoded batch: CNN (inference worker), NA detector, face and pose detection where
 * they can matter (vision worker). Takes ownership of the batch's buffers and bitmaps.
 */
export async function measureBatch(card: ModelCard, batch: FrameBatch, useVision = true): Promise<{ frames: MeasuredFrame[]; cam: Float32Array; camHeight: number; camWidth: number; cnnMs: number; visionMs: number }> {
  const inferred = await inferBatch(card, batch);
  const { frames, visionMs } = await seeBatch(card, batch, inferred, useVision);
  return { frames, cam: inferred.cam, camHeight: inferred.camHeight, camWidth: inferred.camWidth, cnnMs: inferred.cnnMs, visionMs };
}

/** What analysing one batch gives: a result and a detail per frame, and the time each stage took. */
export interface AnalysedBatch {
  results: SecondResult[];
  details: SecondDetail[];
  stageMs: { cnn: number; vision: number; fusion: number };
}

/** Geometry and fusion (fuseFrame) of a measured batch: its results and details. */
export function fuseBatch(card: ModelCard, batch: FrameBatch, inferred: Pick<InferredBatch, 'cam' | 'camHeight' | 'camWidth'>, frames: readonly MeasuredFrame[]): { results: SecondResult[]; details: SecondDetail[] } {
  const { cam, camHeight, camWidth } = inferred;
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

/** Face and pose detection, then geometry and fusion, of a batch the CNN has seen. */
export async function finishBatch(card: ModelCard, batch: FrameBatch, inferred: InferredBatch, useVision = true, gate?: VisionGateState): Promise<AnalysedBatch> {
  const { frames, visionMs } = await seeBatch(card, batch, inferred, useVision, gate);
  const t0 = performance.now();
  const { results, details } = fuseBatch(card, batch, inferred, frames);
  return { results, details, stageMs: { cnn: inferred.cnnMs, vision: visionMs, fusion: performance.now() - t0 } };
}

/**
 * The whole per-frame analysis of one decoded batch: measureBatch, then geometry and fusion
 * (fuseFrame). Takes ownership of the batch's buffers and bitmaps. The same code serves films,
 * stills, `npm run eval` and `analyze`.
 */
export async function analyseBatch(card: ModelCard, batch: FrameBatch, useVision = true, gate?: VisionGateState): Promise<AnalysedBatch> {
  const inferred = await inferBatch(card, batch).catch((err) => {
    closeBitmaps(batch);
    throw err;
  });
  return finishBatch(card, batch, inferred, useVision, gate);
}
