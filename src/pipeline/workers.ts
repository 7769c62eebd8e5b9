import * as Comlink from 'comlink';
import type { DecodeApi } from '../../workers/decode.worker';
import type { InferApi } from '../../workers/infer.worker';
import type { VisionApi } from '../../workers/vision.worker';
import { WorkerSupervisor } from './supervisor';

/** Listeners told when a worker had to be replaced after a crash (they drop what it held). */
const crashListeners = { infer: [] as (() => void)[], vision: [] as (() => void)[] };

/** Registers a callback for when the inference or vision worker is replaced after a crash. */
export function onWorkerCrash(which: 'infer' | 'vision', listener: () => void): void {
  crashListeners[which].push(listener);
}

const decode = new WorkerSupervisor<DecodeApi>('video decoder', () => new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'decode' }));
const infer = new WorkerSupervisor<InferApi>(
  'shot-scale model',
  () => new Worker(new URL('../../workers/infer.worker.ts', import.meta.url), { type: 'module', name: 'infer' }),
  () => crashListeners.infer.forEach((l) => l()),
);
const vision = new WorkerSupervisor<VisionApi>(
  'face and pose detector',
  () => new Worker(new URL('../../workers/vision.worker.ts', import.meta.url), { type: 'module', name: 'vision' }),
  () => crashListeners.vision.forEach((l) => l()),
);

/** The decode worker (created on first use; replaced after a crash or a hang). */
export function decodeWorker(): ReturnType<WorkerSupervisor<DecodeApi>['remote']> {
  return decode.remote();
}

/** Ends the decode worker (it hung on a file); the next call starts a fresh one. */
export function replaceDecodeWorker(): void {
  decode.replace();
}

/** Ends the inference worker as a crash would (its model is dropped); the next call starts a fresh one. */
export function restartInferWorker(): void {
  infer.replace();
  crashListeners.infer.forEach((l) => l());
}

/**
 * Restarts the inference worker only if no call to it is waiting (a call in flight to a replaced
 * worker would never be answered); whether it did.
 */
export function restartIdleInferWorker(): boolean {
  if (infer.busy()) return false;
  restartInferWorker();
  return true;
}

/** A decode worker of its own, outside the supervisor (the bench's two-decoder measurement); the caller terminates it. */
export function extraDecodeWorker(): { remote: Comlink.Remote<DecodeApi>; terminate(): void } {
  const worker = new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'decode-extra' });
  return { remote: Comlink.wrap<DecodeApi>(worker), terminate: () => worker.terminate() };
}

/** The inference worker (created on first use; it keeps the warmed-up model session). */
export function inferWorker(): ReturnType<WorkerSupervisor<InferApi>['remote']> {
  return infer.remote();
}

/**
 * The vision worker (MediaPipe face + pose; created on first use). `replace` ends the current one
 * and starts a fresh worker: needed after a failed load, which MediaPipe cannot retry in place.
 */
export function visionWorker(replace = false): ReturnType<WorkerSupervisor<VisionApi>['remote']> {
  if (replace) vision.replace();
  return vision.remote();
}
