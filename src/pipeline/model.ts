import * as Comlink from 'comlink';
import { analysisError, analysisErrorName, describeError } from '../shared/errors';
import { formatBytes } from '../shared/format';
import type { ModelInfo } from '../shared/types';
import { DEFAULT_MODEL, setModelActivity, useModels } from '../store/models';
import { setModel } from '../store/store';
import type { ModelSource } from '../../workers/infer.worker';
import { inferWorker, onWorkerCrash, restartIdleInferWorker, restartInferWorker } from './workers';

let loading: { choice: string; info: Promise<ModelInfo> } | undefined;
// A replaced inference worker has no model: load it again on next use.
onWorkerCrash('infer', () => {
  loading = undefined;
});

/** WASM threads of the CNN (0: the machine's default, workers/infer/session.ts wasmThreadsFor). */
let wasmThreads = 0;

/**
 * Runs the CNN on `threads` WASM threads (0: the machine's default) from now on: onnxruntime fixes
 * its thread count when its WASM starts, so the inference worker is restarted and the model loaded
 * again on next use (the bench measures the thread count inside the pipeline).
 */
export function setCnnThreads(threads: number): void {
  wasmThreads = threads;
  restartInferWorker();
}

/** Backend asked for in the URL (?backend=wasm|webgpu), else auto. */
export function backendChoice(): 'auto' | 'wasm' | 'webgpu' {
  const b = new URLSearchParams(location.search).get('backend');
  return b === 'wasm' || b === 'webgpu' ? b : 'auto';
}

/** Where the onnxruntime-web wasm files are served from. */
export function wasmPrefix(): string {
  return new URL('vendor/ort/', new URL(import.meta.env.BASE_URL, location.href)).href;
}

/** Where the built-in model's card is served from. */
export function defaultCardUrl(): string {
  return new URL('models/default.card.json', new URL(import.meta.env.BASE_URL, location.href)).href;
}

function sourceOf(choice: string): ModelSource {
  return choice === DEFAULT_MODEL ? { kind: 'url', cardUrl: defaultCardUrl() } : { kind: 'stored', key: choice };
}

/** Whether a loaded model runs on another WASM thread count than a fresh worker would give it. */
export function threadsMismatch(info: ModelInfo): boolean {
  return info.backend === 'wasm' && info.threadsWanted !== undefined && info.threadsWanted !== info.threads;
}

/** Records a model the worker already holds (just added) as loaded for `choice`. */
export function modelLoaded(choice: string, info: ModelInfo): void {
  loading = { choice, info: Promise.resolve(info) };
  setModel(info);
}

/** Loads the chosen model (built-in or added by the user) once, in the inference worker, and records it in the store. */
export function ensureModel(): Promise<ModelInfo> {
  const choice = useModels.getState().choice;
  if (loading?.choice === choice) return loading.info;
  if (loading) setModel(null);
  const label = choice === DEFAULT_MODEL ? 'built-in model' : choice;
  const onProgress = Comlink.proxy((p: { stage: 'reading' | 'checking' | 'loading' | 'saving'; doneBytes: number; totalBytes: number }) => {
    if (loading?.choice !== choice) return;
    const what = p.stage === 'reading' ? `Reading ${label} (${formatBytes(p.doneBytes)} of ${formatBytes(p.totalBytes)})` : `Starting ${label}`;
    setModelActivity({ label: what, ...p });
  });
  const mine: { choice: string; info: Promise<ModelInfo> } = {
    choice,
    info: Promise.resolve(wasmThreads ? inferWorker().setThreads(wasmThreads) : undefined)
      .then(() => inferWorker().load(sourceOf(choice), wasmPrefix(), backendChoice(), onProgress))
      .then((info) => {
        // The worker's onnxruntime started with another thread count (for another model): this
        // model gets a fresh worker with its own count, once, unless another call (a model being
        // added) is using the worker; then it keeps the count until the next switch or reload.
        if (!wasmThreads && threadsMismatch(info) && loading === mine && restartIdleInferWorker()) {
          loading = mine;
          return inferWorker().load(sourceOf(choice), wasmPrefix(), backendChoice(), onProgress);
        }
        return info;
      })
      .then((info) => {
        if (loading === mine) {
          setModel(info);
          setModelActivity(null);
        }
        return info;
      })
      .catch((err) => {
        if (loading === mine) {
          loading = undefined;
          setModelActivity(null);
          const named = analysisErrorName(err) ? err : analysisError('ModelLoadError', (err as Error)?.message ?? String(err));
          setModel(null, describeError(named));
        }
        throw err;
      }),
  };
  loading = mine;
  return mine.info;
}
