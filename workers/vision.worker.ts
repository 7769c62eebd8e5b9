import * as Comlink from 'comlink';
import type { VisionResult } from '../src/shared/types';
import { VisionTasks, type VisionLoadOptions } from './vision/tasks';

// MediaPipe's wasm prints its informational log lines (e.g. "INFO: Created TensorFlow Lite XNNPACK
// delegate for CPU.") through stderr, which Emscripten maps to console.error; they are not
// errors, so they go to console.debug and real errors stay visible.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && isMediapipeInfo(args[0])) console.debug(...args);
  else consoleError(...args);
};

/** True for MediaPipe's informational stderr lines ("INFO: …", glog "I1128 12:00:00.000 …"). */
function isMediapipeInfo(line: string): boolean {
  return /^INFO: /.test(line) || /^I\d{4} \d\d:\d\d:\d\d/.test(line);
}

let loading: Promise<VisionTasks> | undefined;
let loadMs = 0;
/** Why a create failed; MediaPipe's wasm cannot be re-created in the same worker after that. */
let broken: Error | undefined;

const api = {
  /** Answers at once: the main thread's liveness check (src/pipeline/supervisor.ts). */
  ping(): true {
    return true;
  },

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
