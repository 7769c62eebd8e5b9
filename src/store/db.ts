import { analysisError } from '../shared/errors';
import type { CutSummary } from '../shared/filmShots';
import type { SecondDetail, SecondResult, VideoInfo } from '../shared/types';

const DB_NAME = 'shotscale';
/** 2: film times run from the first frame (VideoInfo.startTimestampSec); see upgradeTimeOrigin. */
const DB_VERSION = 2;

/** What is saved about one analysis (one film × model × sampling rate). */
export interface SavedAnalysis {
  key: string;
  info: VideoInfo;
  fps: number;
  total: number;
  modelId: string;
  complete: boolean;
  updatedAt: number;
  /** When the film was first dropped (ms since the epoch), so saved films come back in drop order; absent on older records. */
  createdAt?: number;
  /** What cut detection found, once the whole film was scanned. */
  cuts?: CutSummary;
}

/** The key of an analysis: same file content, same model, same sampling rate. */
export function analysisKey(fingerprint: string, modelId: string, modelVersion: string, fps: number): string {
  return `${fingerprint}|${modelId}@${modelVersion}|${fps}fps`;
}

let opening: Promise<IDBDatabase> | undefined;

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, DB_VERSION);
    r.onupgradeneeded = (e) => {
      const db = r.result;
      if (e.oldVersion < 1) {
        db.createObjectStore('analyses', { keyPath: 'key' });
        db.createObjectStore('seconds');
        db.createObjectStore('details');
      }
      if (e.oldVersion >= 1 && e.oldVersion < 2) upgradeTimeOrigin(r.transaction!);
    };
    r.onsuccess = () => {
      // A newer version of the app opened in another tab must not be blocked by this one.
      r.result.onversionchange = () => {
        r.result.close();
        opening = undefined;
      };
      resolve(r.result);
    };
    r.onerror = () => reject(analysisError('StorageError', `IndexedDB could not be opened: ${r.error?.message}`));
    r.onblocked = () => reject(analysisError('StorageError', 'IndexedDB is blocked by another tab of this app.'));
  }).catch((err) => {
    opening = undefined;
    throw err;
  });
  return opening;
}

/**
 * The info of an analysis saved before film times ran from the first frame, as it reads now; null
 * when its times were wrong (the file's first frame was not at 0: MPEG-TS, offset MP4/MKV).
 */
export function upgradeSavedInfo(info: Omit<VideoInfo, 'startTimestampSec'> & { startTimestampSec?: number; firstTimestampSec?: number }): VideoInfo | null {
  const { firstTimestampSec, startTimestampSec, ...rest } = info;
  if (typeof startTimestampSec === 'number') return { ...rest, startTimestampSec };
  if ((firstTimestampSec ?? 0) !== 0) return null;
  return { ...rest, startTimestampSec: 0 };
}

/** Version 1 → 2: keeps analyses whose times stay right and deletes the others with their seconds. */
function upgradeTimeOrigin(tx: IDBTransaction): void {
  const analyses = tx.objectStore('analyses');
  analyses.openCursor().onsuccess = (e) => {
    const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
    if (!cursor) return;
    const saved = cursor.value as SavedAnalysis;
    const info = upgradeSavedInfo(saved.info);
    if (info) {
      cursor.update({ ...saved, info });
    } else {
      cursor.delete();
      tx.objectStore('seconds').delete(range(saved.key));
      tx.objectStore('details').delete(range(saved.key));
    }
    cursor.continue();
  };
}

function range(key: string): IDBKeyRange {
  return IDBKeyRange.bound([key, 0], [key, Number.MAX_SAFE_INTEGER]);
}

/** Saves or updates an analysis record. */
export async function putAnalysis(a: SavedAnalysis): Promise<void> {
  const db = await open();
  const tx = db.transaction('analyses', 'readwrite');
  tx.objectStore('analyses').put(a);
  await done(tx);
}

/** All saved analyses, newest first. */
export async function listAnalyses(): Promise<SavedAnalysis[]> {
  const db = await open();
  const all = await req(db.transaction('analyses').objectStore('analyses').getAll() as IDBRequest<SavedAnalysis[]>);
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Saved analyses in the order their films were first dropped (older records without that date by their last update). */
export function inDropOrder(saved: readonly SavedAnalysis[]): SavedAnalysis[] {
  return [...saved].sort((a, b) => (a.createdAt ?? a.updatedAt) - (b.createdAt ?? b.updatedAt));
}

/** One saved analysis, if any. */
export async function getAnalysis(key: string): Promise<SavedAnalysis | undefined> {
  const db = await open();
  return req(db.transaction('analyses').objectStore('analyses').get(key) as IDBRequest<SavedAnalysis | undefined>);
}

/** The saved per-second results of an analysis, in index order. */
export async function getSeconds(key: string): Promise<SecondResult[]> {
  const db = await open();
  return req(db.transaction('seconds').objectStore('seconds').getAll(range(key)) as IDBRequest<SecondResult[]>);
}

/** Saves a batch of per-second results and their details in one transaction. */
export async function putSeconds(key: string, results: readonly SecondResult[], details: readonly SecondDetail[]): Promise<void> {
  const db = await open();
  const tx = db.transaction(['seconds', 'details'], 'readwrite');
  const seconds = tx.objectStore('seconds');
  const det = tx.objectStore('details');
  results.forEach((r, i) => {
    seconds.put(r, [key, r.index]);
    det.put(details[i], [key, r.index]);
  });
  await done(tx);
}

/** The heavy data (thumbnail, CAM) of one second. */
export async function getDetail(key: string, index: number): Promise<SecondDetail | undefined> {
  const db = await open();
  return req(db.transaction('details').objectStore('details').get([key, index]) as IDBRequest<SecondDetail | undefined>);
}

/** Deletes an analysis and everything saved with it. */
export async function deleteAnalysis(key: string): Promise<void> {
  const db = await open();
  const tx = db.transaction(['analyses', 'seconds', 'details'], 'readwrite');
  tx.objectStore('analyses').delete(key);
  tx.objectStore('seconds').delete(range(key));
  tx.objectStore('details').delete(range(key));
  await done(tx);
}
