import type * as Ort from 'onnxruntime-web';
import { analysisError } from '../../src/shared/errors';
import { cardInputName } from '../../src/shared/modelCard';
import type { Backend, InferOutput, ModelCard, ModelInfo } from '../../src/shared/types';
import { rgbaToNchw } from './preprocess';

/** Which backend the caller wants; 'auto' picks WebGPU when an adapter exists. */
export type BackendChoice = 'auto' | 'webgpu' | 'wasm';

interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<unknown | null> };
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches a model file from this origin, bypassing the HTTP cache (the service worker has its own
 * copy; a first visit's precache and this fetch writing one HTTP-cache entry at once made Chromium
 * fail one of them with ERR_CACHE_WRITE_FAILURE). One retry for a transient failure.
 */
async function fetchBytes(url: string | URL, attempts = 2): Promise<ArrayBuffer> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(url, { cache: 'no-store' });
      if (!res.ok) throw analysisError('ModelLoadError', `Could not fetch ${url}: HTTP ${res.status}`);
      return await res.arrayBuffer();
    } catch (err) {
      last = err;
      if ((err as Error).name === 'ModelLoadError') break;
    }
  }
  if ((last as Error).name === 'ModelLoadError') throw last;
  throw analysisError('ModelLoadError', `Could not fetch ${url}: ${(last as Error).message}`);
}

/** Decides the backend: WebGPU only when asked for (or auto) and an adapter is granted. */
async function pickBackend(choice: BackendChoice): Promise<{ backend: Backend; note: string }> {
  if (choice === 'wasm') return { backend: 'wasm', note: 'WASM requested' };
  const gpu = (navigator as unknown as GpuNavigator).gpu;
  if (!gpu) return { backend: 'wasm', note: 'WebGPU is not available in this browser' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { backend: 'wasm', note: 'no WebGPU adapter was granted' };
  return { backend: 'webgpu', note: 'WebGPU adapter found' };
}

/** WASM threads asked for by setWasmThreads (0: the machine's default, wasmThreadsFor). */
let wantedThreads = 0;
/** The thread count onnxruntime's WASM started with in this worker (it cannot change afterwards). */
let startedThreads: number | undefined;

/** Model files up to this size count as light: the default MobileNet (7 MB) is; ResNet-50 (98 MB) and DenseNet-121 (31 MB) are not. */
export const LIGHT_MODEL_BYTES = 24 * 2 ** 20;

/**
 * Threads for onnxruntime's WASM pool on a machine with `cores` logical cores, for a model file of
 * `modelBytes`. On two cores or fewer a light model runs on one thread: inside the pipeline the
 * CNN shares the cores with the decoder and face/pose detection, and one thread does the same work
 * in less CPU time (no pool to keep in step), which made whole analyses 2–12 % faster here, though
 * the CNN alone is slower (README "Speed"). A heavy model is the slowest stage and keeps every core;
 * so does every model on more cores (all of them, up to 4; not measured here).
 */
export function wasmThreadsFor(cores: number, modelBytes = 0): number {
  if (cores <= 2 && modelBytes <= LIGHT_MODEL_BYTES) return 1;
  return Math.max(1, Math.min(4, cores || 1));
}

/**
 * Sets the thread count of sessions created afterwards (0: the machine's default). onnxruntime
 * reads it once, when its WASM starts: it takes effect in a fresh worker only.
 */
export function setWasmThreads(threads: number): void {
  wantedThreads = Number.isInteger(threads) && threads >= 0 ? threads : 0;
}

/** A loaded model: its card, an onnxruntime session and the backend it runs on. */
export class ModelSession {
  private constructor(
    readonly info: ModelInfo,
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
  ) {}

  /** Loads the card and its ONNX file from this origin, verifies the hash and warms the session up. */
  static async load(cardUrl: string, wasmPrefix: string, choice: BackendChoice): Promise<ModelSession> {
    const t0 = performance.now();
    const cardBytes = await fetchBytes(cardUrl);
    let card: ModelCard;
    try {
      card = JSON.parse(new TextDecoder().decode(cardBytes)) as ModelCard;
    } catch {
      throw analysisError('ModelLoadError', `The model card ${cardUrl} is not valid JSON.`);
    }
    if (!card.file || !Array.isArray(card.classes) || !card.input?.width) {
      throw analysisError('ModelLoadError', `The model card ${cardUrl} lacks file, classes or input.`);
    }
    const modelUrl = new URL(card.file, new URL(cardUrl, self.location.href));
    const bytes = await fetchBytes(modelUrl);
    if (card.sha256) {
      const actual = await sha256Hex(bytes);
      if (actual !== card.sha256) throw analysisError('ModelLoadError', `${card.file} does not match the sha256 in its card (got ${actual.slice(0, 12)}…).`);
    }
    const model = await ModelSession.create(card, new Uint8Array(bytes), wasmPrefix, choice);
    model.info.loadMs = performance.now() - t0 - model.info.warmupMs;
    return model;
  }

  /**
   * Creates a session from verified ONNX bytes (the caller drops them afterwards: onnxruntime keeps
   * its own copy), picks the backend and warms it up on one blank frame; `warmupDims` are the
   * shapes that run gave.
   */
  static async create(card: ModelCard, bytes: Uint8Array, wasmPrefix: string, choice: BackendChoice): Promise<ModelSession> {
    const t0 = performance.now();
    let { backend, note } = await pickBackend(choice);
    let ort: typeof Ort;
    let session: Ort.InferenceSession | undefined;
    const threadsWanted = self.crossOriginIsolated ? wantedThreads || wasmThreadsFor(navigator.hardwareConcurrency, bytes.byteLength) : 1;
    // onnxruntime keeps the count its WASM started with in this worker.
    const threads = startedThreads ?? threadsWanted;
    startedThreads = threads;
    if (backend === 'webgpu') {
      ort = await import('onnxruntime-web/webgpu');
      configure(ort, wasmPrefix, threads);
      try {
        session = await ort.InferenceSession.create(bytes, { executionProviders: ['webgpu'], graphOptimizationLevel: 'all' });
      } catch (err) {
        backend = 'wasm';
        note = `WebGPU session failed (${(err as Error).message}); using WASM`;
      }
    }
    if (!session) {
      ort = await import('onnxruntime-web/wasm');
      configure(ort, wasmPrefix, threads);
      try {
        session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      } catch (err) {
        throw analysisError('ModelLoadError', `onnxruntime-web could not create a session: ${(err as Error).message}`);
      }
    }
    // The session holds the weights now; this copy can go before the warm-up run.
    bytes = new Uint8Array(0);
    const loadMs = performance.now() - t0;
    const info: ModelInfo = { card, backend, threads: backend === 'wasm' ? threads : 0, threadsWanted: backend === 'wasm' ? threadsWanted : 0, backendNote: note, loadMs, warmupMs: 0 };
    const model = new ModelSession(info, ort!, session);
    const t1 = performance.now();
    const { width, height } = card.input;
    try {
      const out = await model.run(new Uint8ClampedArray(width * height * 4), 1);
      model.warmupDims = { logits: out.logitsDims, cam: out.camDims };
    } catch (err) {
      await model.release();
      throw analysisError('ModelLoadError', `The model failed on a blank ${width}×${height} frame: ${(err as Error).message}`);
    }
    info.warmupMs = performance.now() - t1;
    return model;
  }

  /** Shapes of the outputs the warm-up run gave. */
  warmupDims: { logits: readonly number[]; cam: readonly number[] } = { logits: [], cam: [] };

  /** Frees the session (its weights in the wasm heap or on the GPU). */
  async release(): Promise<void> {
    await this.session.release().catch(() => undefined);
  }

  /** Runs the model on `count` letterboxed RGBA frames. */
  async run(rgba: Uint8ClampedArray, count: number): Promise<InferOutput & { logitsDims: readonly number[]; camDims: readonly number[] }> {
    const { card } = this.info;
    const { width, height, mean, std } = card.input;
    const data = rgbaToNchw(rgba, count, height, width, mean, std);
    const input = new this.ort.Tensor('float32', data, [count, 3, height, width]);
    const t0 = performance.now();
    const outputs = await this.session.run({ [cardInputName(card)]: input });
    const runMs = performance.now() - t0;
    const logits = outputs[card.outputs.logits];
    const cam = outputs[card.outputs.cam];
    // Copies, so each result owns a buffer that can be transferred to the main thread.
    const logitsData = new Float32Array((await logits.getData()) as Float32Array);
    const camData = new Float32Array((await cam.getData()) as Float32Array);
    const [, , camHeight, camWidth] = cam.dims;
    const logitsDims = [...logits.dims];
    const camDims = [...cam.dims];
    input.dispose();
    logits.dispose();
    cam.dispose();
    return { logits: logitsData, cam: camData, camHeight, camWidth, runMs, logitsDims, camDims };
  }
}

function configure(ort: typeof Ort, wasmPrefix: string, threads: number): void {
  ort.env.wasm.wasmPaths = wasmPrefix;
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
}
