import * as Comlink from 'comlink';
import type { DecodeApi } from '../../workers/decode.worker';
import type { InferApi } from '../../workers/infer.worker';
import type { VisionApi } from '../../workers/vision.worker';

let decode: Comlink.Remote<DecodeApi> | undefined;
let infer: Comlink.Remote<InferApi> | undefined;

/** The decode worker (created on first use). */
export function decodeWorker(): Comlink.Remote<DecodeApi> {
  decode ??= Comlink.wrap<DecodeApi>(new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'decode' }));
  return decode;
}

/** The inference worker (created on first use; it keeps the warmed-up model session). */
export function inferWorker(): Comlink.Remote<InferApi> {
  infer ??= Comlink.wrap<InferApi>(new Worker(new URL('../../workers/infer.worker.ts', import.meta.url), { type: 'module', name: 'infer' }));
  return infer;
}

let vision: { worker: Worker; api: Comlink.Remote<VisionApi> } | undefined;

/**
 * The vision worker (MediaPipe face + pose; created on first use). `replace` ends the current one
 * and starts a fresh worker: needed after a failed load, which MediaPipe cannot retry in place.
 */
export function visionWorker(replace = false): Comlink.Remote<VisionApi> {
  if (replace && vision) {
    vision.api[Comlink.releaseProxy]();
    vision.worker.terminate();
    vision = undefined;
  }
  if (!vision) {
    const worker = new Worker(new URL('../../workers/vision.worker.ts', import.meta.url), { type: 'module', name: 'vision' });
    vision = { worker, api: Comlink.wrap<VisionApi>(worker) };
  }
  return vision.api;
}
