import * as Comlink from 'comlink';
import type { InferOutput, ModelInfo } from '../src/shared/types';
import { ModelSession, type BackendChoice } from './infer/session';

let loading: Promise<ModelSession> | undefined;

const api = {
  /** Answers at once: the main thread's liveness check (src/pipeline/supervisor.ts). */
  ping(): true {
    return true;
  },

  /** Loads (once) the model described by the card; later calls return the same session's info. */
  async load(cardUrl: string, wasmPrefix: string, backend: BackendChoice): Promise<ModelInfo> {
    loading ??= ModelSession.load(cardUrl, wasmPrefix, backend);
    try {
      return (await loading).info;
    } catch (err) {
      loading = undefined;
      throw err;
    }
  },

  /** Classifies `count` letterboxed RGBA frames; returns logits and CAMs. */
  async classify(rgba: Uint8ClampedArray, count: number): Promise<InferOutput> {
    if (!loading) throw new Error('Model not loaded');
    const out = await (await loading).run(rgba, count);
    return Comlink.transfer(out, [out.logits.buffer as ArrayBuffer, out.cam.buffer as ArrayBuffer]);
  },
};

/** The inference worker's interface, imported as a type by the main thread. */
export type InferApi = typeof api;

Comlink.expose(api);
