// Models the user added, kept in their own IndexedDB database (`shotscale-models`) so they work
// offline. The ONNX file is stored as a Blob: the browser keeps it on disk and reads it only when a
// session is created. Used by the page (list, delete) and by the inference worker (save, read).
import type { ModelCard } from '../shared/types';
import { done, req } from './idb';

const DB_NAME = 'shotscale-models';
const DB_VERSION = 1;
const STORE = 'models';

/** One stored model: its card and ONNX file. */
export interface StoredModel {
  /** `id@version` of the card (src/shared/modelCard.ts modelKey). */
  key: string;
  card: ModelCard;
  onnx: Blob;
  /** Name of the ONNX file as the user picked it. */
  fileName: string;
  sizeBytes: number;
  addedAt: number;
}

/** What the model list shows (no Blob). */
export type StoredModelSummary = Omit<StoredModel, 'onnx'>;

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, DB_VERSION);
    r.onupgradeneeded = () => {
      r.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    r.onsuccess = () => {
      r.result.onversionchange = () => {
        r.result.close();
        opening = undefined;
      };
      resolve(r.result);
    };
    r.onerror = () => reject(new Error(`IndexedDB could not be opened: ${r.error?.message}`));
    r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app.'));
  }).catch((err) => {
    opening = undefined;
    throw err;
  });
  return opening;
}

/** Saves (or replaces) a model. */
export async function putModel(m: StoredModel): Promise<void> {
  const db = await open();
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).put(m);
  await done(tx);
}

/** One stored model with its ONNX Blob, if present. */
export async function getModel(key: string): Promise<StoredModel | undefined> {
  const db = await open();
  return req(db.transaction(STORE).objectStore(STORE).get(key) as IDBRequest<StoredModel | undefined>);
}

/** Every stored model, oldest first, without their Blobs. */
export async function listModels(): Promise<StoredModelSummary[]> {
  const db = await open();
  const all = await req(db.transaction(STORE).objectStore(STORE).getAll() as IDBRequest<StoredModel[]>);
  return all.sort((a, b) => a.addedAt - b.addedAt).map(({ onnx: _onnx, ...rest }) => rest);
}

/** Removes a stored model. */
export async function deleteModel(key: string): Promise<void> {
  const db = await open();
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).delete(key);
  await done(tx);
}
