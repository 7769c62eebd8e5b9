import * as Comlink from 'comlink';
import type { VisionResult } from '../src/shared/types';
import { VisionTasks, type VisionLoadOptions } from './vision/tasks';

let loading: Promise<VisionTasks> | undefined;
let loadMs = 0;
/** Why a create failed; MediaPipe's wasm cannot be re-created in the same worker after that. */
let broken: Error | undefined;

const api = {
  /**
   * Loads (once) MediaPipe FaceDetector and PoseLandmarker with the wasm and models served under
   * `baseUrl` (the app's base URL). After a failure the worker cannot load again: replace it.
   */
  async load(baseUrl: string, options?: VisionLoadOptions): Promise<{ loadMs: number }> {
    if (broken) throw new Error(`The vision worker failed to load before (${broken.message}); replace the worker`);
    if (!loading) {
      const t0 = performance.now();
      loading = VisionTasks.load(baseUrl, options).then((tasks) => {
        loadMs = performance.now() - t0;
        return tasks;
      });
    }
    try {
      await loading;
      return { loadMs };
    } catch (err) {
      broken = err as Error;
      throw err;
    }
  },

  /**
   * Faces and (when `withPose`) poses in one frame; takes ownership of the bitmap and closes it.
   * `tSec` is the frame's time.
   */
  async detect(frame: ImageBitmap, tSec: number, withPose = true): Promise<VisionResult> {
    try {
      if (!loading) throw new Error('Vision models not loaded');
      if (!Number.isFinite(tSec)) throw new Error(`bad frame time ${tSec}`);
      return (await loading).detect(frame, withPose);
    } finally {
      frame.close();
    }
  },
};

/** The vision worker's interface, imported as a type by the main thread. */
export type VisionApi = typeof api;

Comlink.expose(api);
