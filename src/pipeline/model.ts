import { analysisError, analysisErrorName, describeError } from '../shared/errors';
import type { ModelInfo } from '../shared/types';
import { setModel } from '../store/store';
import { inferWorker, onWorkerCrash } from './workers';

let loading: Promise<ModelInfo> | undefined;
// A replaced inference worker has no model: load it again on next use.
onWorkerCrash('infer', () => {
  loading = undefined;
});

/** Backend asked for in the URL (?backend=wasm|webgpu), else auto. */
function backendChoice(): 'auto' | 'wasm' | 'webgpu' {
  const b = new URLSearchParams(location.search).get('backend');
  return b === 'wasm' || b === 'webgpu' ? b : 'auto';
}

/** Loads the default model once, in the inference worker, and records it in the store. */
export function ensureModel(): Promise<ModelInfo> {
  const base = new URL(import.meta.env.BASE_URL, location.href);
  loading ??= inferWorker()
    .load(new URL('models/default.card.json', base).href, new URL('vendor/ort/', base).href, backendChoice())
    .then((info) => {
      setModel(info);
      return info;
    })
    .catch((err) => {
      loading = undefined;
      const named = analysisErrorName(err) ? err : analysisError('ModelLoadError', (err as Error)?.message ?? String(err));
      setModel(null, describeError(named));
      throw err;
    });
  return loading;
}
