import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { analysisError } from '../../src/shared/errors';
import { checkOnnxAgainstCard, checkRunShapes, modelKey, parseModelCard } from '../../src/shared/modelCard';
import { OnnxFormatError, readOnnxInterface } from '../../src/shared/onnxGraph';
import type { ModelCard } from '../../src/shared/types';
import { getModel, putModel } from '../../src/store/modelDb';
import { ModelSession, type BackendChoice } from './session';

/** Where an import or a stored model's load stands. */
export interface ModelProgress {
  stage: 'reading' | 'checking' | 'loading' | 'saving';
  doneBytes: number;
  totalBytes: number;
}

/** Name of the error an import throws; its message holds one problem per line. */
export const MODEL_IMPORT_ERROR = 'ModelImportError';

function importError(problems: readonly string[]): Error {
  const err = new Error(problems.join('\n'));
  err.name = MODEL_IMPORT_ERROR;
  return err;
}

/** Progress reports at most every this many milliseconds (and at each stage change). */
const PROGRESS_EVERY_MS = 100;

/**
 * Reads a Blob into one buffer of its size, hashing each chunk as it arrives, so the file is held
 * once and never copied whole for the hash.
 */
export async function readAndHash(blob: Blob, onProgress?: (p: ModelProgress) => void): Promise<{ bytes: Uint8Array; sha256: string }> {
  const bytes = new Uint8Array(blob.size);
  const hash = sha256.create();
  const reader = blob.stream().getReader();
  let at = 0;
  let last = 0;
  onProgress?.({ stage: 'reading', doneBytes: 0, totalBytes: blob.size });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > bytes.length) throw analysisError('ModelLoadError', 'The ONNX file grew while it was read.');
    bytes.set(value, at);
    hash.update(value);
    at += value.length;
    const now = performance.now();
    if (now - last >= PROGRESS_EVERY_MS) {
      last = now;
      onProgress?.({ stage: 'reading', doneBytes: at, totalBytes: blob.size });
    }
  }
  if (at !== bytes.length) throw analysisError('ModelLoadError', `The ONNX file could be read only to ${at} of ${bytes.length} bytes.`);
  onProgress?.({ stage: 'reading', doneBytes: at, totalBytes: blob.size });
  return { bytes, sha256: bytesToHex(hash.digest()) };
}

/** Takes the bytes out of their holder, so that onnxruntime's copy is the only one left once its session exists. */
function takeBytes(holder: { bytes?: Uint8Array }): Uint8Array {
  const { bytes } = holder;
  holder.bytes = undefined;
  if (!bytes) throw new Error('ONNX bytes already handed over');
  return bytes;
}

/** Reads, hashes and checks an ONNX file against its card; the problems, or the verified bytes. */
async function verifiedBytes(card: ModelCard, onnx: Blob, onProgress?: (p: ModelProgress) => void): Promise<{ bytes?: Uint8Array; problems: string[] }> {
  const problems: string[] = [];
  if (onnx.size === 0) return { problems: ['The ONNX file is empty (0 bytes).'] };
  if (card.bytes !== undefined && card.bytes !== onnx.size) problems.push(`The ONNX file has ${onnx.size.toLocaleString('en')} bytes; the card’s \`bytes\` says ${card.bytes.toLocaleString('en')}.`);
  const { bytes, sha256 } = await readAndHash(onnx, onProgress);
  if (sha256 !== card.sha256) problems.push(`The ONNX file’s SHA-256 is ${sha256.slice(0, 16)}…, but the card’s \`sha256\` says ${card.sha256.slice(0, 16)}…: the file is not the one the card describes (or it is damaged).`);
  onProgress?.({ stage: 'checking', doneBytes: onnx.size, totalBytes: onnx.size });
  try {
    problems.push(...checkOnnxAgainstCard(card, readOnnxInterface(bytes)));
  } catch (err) {
    if (!(err instanceof OnnxFormatError)) throw err;
    problems.push(`The .onnx file is not a readable ONNX model: ${err.message}.`);
  }
  return problems.length ? { problems } : { bytes, problems };
}

/**
 * Checks a dropped card and ONNX file against the contract (card fields, SHA-256, declared input
 * and output names and shapes, then the shapes of a real run on one frame), saves them for offline
 * use and returns the warmed-up session. Throws a ModelImportError listing every problem found.
 */
export async function importModel(cardText: string, onnx: File, wasmPrefix: string, backend: BackendChoice, onProgress?: (p: ModelProgress) => void): Promise<ModelSession> {
  const parsed = parseModelCard(cardText);
  if (!parsed.card) throw importError(parsed.problems);
  const card = parsed.card;
  const checked = await verifiedBytes(card, onnx, onProgress);
  if (!checked.bytes) throw importError(checked.problems);
  onProgress?.({ stage: 'loading', doneBytes: onnx.size, totalBytes: onnx.size });
  let model: ModelSession;
  try {
    model = await ModelSession.create(card, takeBytes(checked), wasmPrefix, backend);
  } catch (err) {
    throw importError([`onnxruntime-web could not run the model: ${(err as Error).message}`]);
  }
  const shapeProblems = checkRunShapes(card, model.warmupDims.logits, model.warmupDims.cam);
  if (shapeProblems.length) {
    await model.release();
    throw importError(shapeProblems);
  }
  onProgress?.({ stage: 'saving', doneBytes: onnx.size, totalBytes: onnx.size });
  try {
    await putModel({ key: modelKey(card), card, onnx, fileName: onnx.name, sizeBytes: onnx.size, addedAt: Date.now() });
  } catch (err) {
    await model.release();
    throw importError([`The model could not be saved in this browser (${(err as Error).message}); free some space and add it again.`]);
  }
  return model;
}

/** Loads a model the user added earlier from IndexedDB, verifying its SHA-256 again. */
export async function loadStoredModel(key: string, wasmPrefix: string, backend: BackendChoice, onProgress?: (p: ModelProgress) => void): Promise<ModelSession> {
  const t0 = performance.now();
  const stored = await getModel(key).catch((err: Error) => {
    throw analysisError('ModelLoadError', `The models saved in this browser could not be read: ${err.message}`);
  });
  if (!stored) throw analysisError('ModelLoadError', `The model ${key} is no longer saved in this browser; add it again or pick another model.`);
  const read: { bytes?: Uint8Array; sha256: string } = await readAndHash(stored.onnx, onProgress);
  if (read.sha256 !== stored.card.sha256) throw analysisError('ModelLoadError', `The saved copy of ${key} is damaged (its SHA-256 no longer matches the card); remove it and add it again.`);
  onProgress?.({ stage: 'loading', doneBytes: stored.sizeBytes, totalBytes: stored.sizeBytes });
  const model = await ModelSession.create(stored.card, takeBytes(read), wasmPrefix, backend);
  model.info.loadMs = performance.now() - t0 - model.info.warmupMs;
  return model;
}
