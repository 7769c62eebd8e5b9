import * as Comlink from 'comlink';
import type { VisionResult } from '../shared/types';
import { onWorkerCrash, visionWorker } from './workers';

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
    .load(base)
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
