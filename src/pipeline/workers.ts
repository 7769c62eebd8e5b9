import * as Comlink from 'comlink';
import type { DecodeApi } from '../../workers/decode.worker';
import type { InferApi } from '../../workers/infer.worker';

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
