import * as Comlink from 'comlink';
import { modelKey } from '../src/shared/modelCard';
import type { InferOutput, ModelInfo } from '../src/shared/types';
import { ModelSession, setWasmThreads, type BackendChoice } from './infer/session';
import { importModel, loadStoredModel, type ModelProgress } from './infer/userModel';

/** Which model to load: the app's own (a card URL on this origin) or one the user added (its key). */
export type ModelSource = { kind: 'url'; cardUrl: string } | { kind: 'stored'; key: string };

/** The one model this worker holds (a 100 MB network is never kept twice). */
let current: { source: string; session: Promise<ModelSession> } | undefined;

function sourceId(source: ModelSource): string {
  return source.kind === 'url' ? `url:${source.cardUrl}` : `stored:${source.key}`;
}

/** Frees the model held now, once its load has ended (a failed load holds nothing). */
async function dropCurrent(): Promise<void> {
  const old = current;
  current = undefined;
  if (old) await (await old.session.catch(() => undefined))?.release();
}

const api = {
  /** Answers at once: the main thread's liveness check (src/pipeline/supervisor.ts). */
  ping(): true {
    return true;
  },

  /** WASM threads of models loaded afterwards in this worker (0: the machine's default); only before the first load counts. */
  setThreads(threads: number): void {
    setWasmThreads(threads);
  },

  /**
   * Loads the model (once); a different source replaces the model held before. Progress is
   * reported while a stored model is read and hashed.
   */
  async load(source: ModelSource, wasmPrefix: string, backend: BackendChoice, onProgress?: (p: ModelProgress) => void): Promise<ModelInfo> {
    const id = sourceId(source);
    if (current?.source !== id) {
      await dropCurrent();
      const session = source.kind === 'url' ? ModelSession.load(source.cardUrl, wasmPrefix, backend) : loadStoredModel(source.key, wasmPrefix, backend, onProgress);
      current = { source: id, session };
    }
    const mine = current;
    try {
      return (await mine.session).info;
    } catch (err) {
      if (current === mine) current = undefined;
      throw err;
    }
  },

  /**
   * Checks a user's card and ONNX file, saves them and makes the model the one this worker holds.
   * Throws a ModelImportError (one problem per line of its message) and keeps the model held
   * before when anything is wrong.
   */
  async importModel(cardText: string, onnx: File, wasmPrefix: string, backend: BackendChoice, onProgress?: (p: ModelProgress) => void): Promise<ModelInfo> {
    const model = await importModel(cardText, onnx, wasmPrefix, backend, onProgress);
    await dropCurrent();
    current = { source: sourceId({ kind: 'stored', key: modelKey(model.info.card) }), session: Promise.resolve(model) };
    return model.info;
  },

  /** Classifies `count` letterboxed RGBA frames with the model `expectedKey` (`id@version`); returns logits and CAMs. */
  async classify(rgba: Uint8ClampedArray, count: number, expectedKey?: string): Promise<InferOutput> {
    if (!current) throw new Error('Model not loaded');
    const model = await current.session;
    // Results of two models must never mix in one analysis.
    if (expectedKey !== undefined && modelKey(model.info.card) !== expectedKey) {
      throw new Error(`The model changed during the analysis (now ${modelKey(model.info.card)}, the analysis uses ${expectedKey}).`);
    }
    const { logits, cam, camHeight, camWidth, runMs } = await model.run(rgba, count);
    return Comlink.transfer({ logits, cam, camHeight, camWidth, runMs }, [logits.buffer as ArrayBuffer, cam.buffer as ArrayBuffer]);
  },
};

/** The inference worker's interface, imported as a type by the main thread. */
export type InferApi = typeof api;

Comlink.expose(api);
