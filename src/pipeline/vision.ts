import * as Comlink from 'comlink';
import type { VisionResult } from '../shared/types';
import type { VisionLoadOptions } from '../../workers/vision/tasks';
import { onWorkerCrash, visionWorker } from './workers';

/** Which MediaPipe networks the vision worker loads (the app's defaults; headless tools may change them before first use). */
export const visionModels: Required<VisionLoadOptions> = { face: 'short', pose: 'lite' };

let loading: Promise<{ loadMs: number }> | undefined;
// A replaced vision worker has no models: load them again on next use.
onWorkerCrash('vision', () => {
  loading = undefined;
});

/**
 * Loads MediaPipe face + pose in the vision worker once. A failed load replaces the worker (MediaPipe
 * cannot create a task again in a worker where one failed), so the next call starts clean.
 */
export function ensureVision(): Promise<{ loadMs: number }> {
  const base = new URL(import.meta.env.BASE_URL, location.href).href;
  loading ??= visionWorker()
    .load(base, { ...visionModels })
    .catch((err) => {
      loading = undefined;
      visionWorker(true);
      throw err;
    });
  return loading;
}

/** Faces and poses in one image file (decoded here; the bitmap is transferred to the worker). */
export async function detectVision(file: Blob, tSec = 0): Promise<VisionResult> {
  await ensureVision();
  const bitmap = await createImageBitmap(file);
  return visionWorker().detect(Comlink.transfer(bitmap, [bitmap]), tSec);
}

/** Chooses the MediaPipe networks (headless tools: measuring the full-range face detector or the full pose model); a worker that loaded others is replaced. */
export function setVisionModels(models: VisionLoadOptions): void {
  const next = { ...visionModels, ...models };
  if (next.face === visionModels.face && next.pose === visionModels.pose) return;
  Object.assign(visionModels, next);
  if (loading) {
    loading = undefined;
    visionWorker(true);
  }
}
