import * as Comlink from 'comlink';
import { fuseAll, softmax } from '../shared/fuse';
import { subjectGeometry } from '../shared/geometry';
import { naProbability } from '../shared/na';
import { argmax, SCALE_CODES, toScaleProbs } from '../shared/taxonomy';
import type { FrameBatch, ModelCard, SecondDetail, SecondResult, VisionResult } from '../shared/types';
import { ensureVision } from './vision';
import { inferWorker, visionWorker } from './workers';

/** Weight of subject geometry in the fused answer, at full geometry confidence. */
export const GEOMETRY_WEIGHT = 0.5;
/** Version of the analysis recipe (CNN + NA + geometry fusion); part of the saved-analysis key. */
export const FUSION_VERSION = 'fuse2';
/** Above this NA probability the frame is blank or a title: no face or pose detection. */
const NA_SKIP = 0.5;
/** CNN mass on the scales where the body's cut decides (CU, MEDIUM, LS) below which pose is skipped. */
const POSE_MIN_MASS = 0.15;

/** Whether pose detection can change this frame's answer (the CNN is not sure it is ECU, ELS or NA). */
export function needsPose(classes: readonly string[], cnnProbs: readonly number[], naProb: number): boolean {
  if (naProb >= NA_SKIP) return false;
  const p = toScaleProbs(classes, cnnProbs);
  const bodyCut = p[SCALE_CODES.indexOf('CU')] + p[SCALE_CODES.indexOf('MCU')] + p[SCALE_CODES.indexOf('MS')] + p[SCALE_CODES.indexOf('MLS')] + p[SCALE_CODES.indexOf('LS')];
  return bodyCut >= POSE_MIN_MASS;
}

let visionState: 'unknown' | 'ready' | 'failed' = 'unknown';
let visionError = '';

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
 * The whole per-frame analysis of one decoded batch: CNN (inference worker), NA detector, face and
 * pose detection where they can matter (vision worker), geometry, fusion. Takes ownership of the
 * batch's buffers and bitmaps. The same code serves films, stills, `npm run eval` and `analyze`.
 */
export async function analyseBatch(card: ModelCard, batch: FrameBatch, useVision = true): Promise<{ results: SecondResult[]; details: SecondDetail[] }> {
  const count = batch.indices.length;
  const out = await inferWorker().classify(Comlink.transfer(batch.rgba, [batch.rgba.buffer as ArrayBuffer]), count);
  const vision = useVision && (await visionReady());
  const k = card.classes.length;
  const camSize = k * out.camHeight * out.camWidth;
  const results: SecondResult[] = [];
  const details: SecondDetail[] = [];
  for (let i = 0; i < count; i++) {
    const modelProbs = softmax(out.logits.subarray(i * k, (i + 1) * k));
    const naProb = naProbability(batch.stats[i]);
    const bitmap = batch.bitmaps[i];
    let seen: VisionResult | undefined;
    if (vision && naProb < NA_SKIP) {
      seen = await visionWorker().detect(Comlink.transfer(bitmap, [bitmap]), batch.tSec[i], needsPose(card.classes, modelProbs, naProb));
    } else {
      bitmap.close();
    }
    const geometry = seen ? subjectGeometry(seen.faces, seen.poses.map((p) => p.landmarks)) : null;
    const { probs, note } = fuseAll(card.classes, modelProbs, geometry, naProb, GEOMETRY_WEIGHT);
    const label = SCALE_CODES[argmax(probs)];
    results.push({ index: batch.indices[i], tSec: batch.tSec[i], probs, label, naProb, why: naProb >= NA_SKIP ? `blank or title frame (${Math.round(naProb * 100)}%)` : note.why });
    details.push({
      cam: out.cam.slice(i * camSize, (i + 1) * camSize),
      camHeight: out.camHeight,
      camWidth: out.camWidth,
      thumb: batch.thumbs[i],
      content: batch.content,
      inputWidth: batch.width,
      inputHeight: batch.height,
      modelProbs,
      vision: seen,
    });
  }
  return { results, details };
}
