import { isEmptyCorrections, type Corrections } from '../shared/corrections';
import { analysisError } from '../shared/errors';
import type { ProjectAnalysis } from '../shared/project';
import type { SecondDetail, SecondResult, VideoInfo } from '../shared/types';
import { done, req } from './idb';

const DB_NAME = 'shotscale';
/**
 * 2: film times run from the first frame (VideoInfo.startTimestampSec); see upgradeTimeOrigin.
 * 3: a `corrections` store, keyed by file fingerprint (the user's, kept across models).
 */
const DB_VERSION = 3;

/** What is saved about one analysis (one film × model × sampling rate): what a project carries, and more. */
export interface SavedAnalysis extends ProjectAnalysis {
  /** When the film was first dropped (ms since the epoch), so saved films come back in drop order; absent on older records. */
  createdAt?: number;
  /** Opened from a project file: the seconds are here but not their frames and CAMs until the video is analysed again. */
  detailsMissing?: boolean;
  /** Opened from this corpus project: shown from the corpus table, not as a card when the page opens. */
  corpus?: string;
}

/** The key of an analysis: same file content, same model, same sampling rate. */
export function analysisKey(fingerprint: string, modelId: string, modelVersion: string, fps: number): string {
  return `${fingerprint}|${modelId}@${modelVersion}|${fps}fps`;
}

let opening: Promise<IDBDatabase> | undefined;

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
      if (e.oldVersion < 3) db.createObjectStore('corrections', { keyPath: 'fingerprint' });
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

/**
 * What is stored beside the results. A headless corpus run turns `details` off: it never shows a
 * frame or heatmap, and a corpus of long films would fill the disk with them.
 */
export const storageOptions = { details: true };

/** Saves a batch of per-second results and their details (unless storageOptions.details is off) in one transaction. */
export async function putSeconds(key: string, results: readonly SecondResult[], details: readonly SecondDetail[]): Promise<void> {
  const db = await open();
  const tx = db.transaction(['seconds', 'details'], 'readwrite');
  const seconds = tx.objectStore('seconds');
  const det = tx.objectStore('details');
  results.forEach((r, i) => {
    seconds.put(r, [key, r.index]);
    if (storageOptions.details) det.put(details[i], [key, r.index]);
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

/** A film's corrections (by file fingerprint), if any. */
export async function getCorrections(fingerprint: string): Promise<Corrections | undefined> {
  const db = await open();
  return req(db.transaction('corrections').objectStore('corrections').get(fingerprint) as IDBRequest<Corrections | undefined>);
}

/** Saves a film's corrections (replacing what was saved for that fingerprint). */
export async function putCorrections(c: Corrections): Promise<void> {
  const db = await open();
  const tx = db.transaction('corrections', 'readwrite');
  tx.objectStore('corrections').put(c);
  await done(tx);
}

/** Deletes a film's corrections. */
export async function deleteCorrections(fingerprint: string): Promise<void> {
  const db = await open();
  const tx = db.transaction('corrections', 'readwrite');
  tx.objectStore('corrections').delete(fingerprint);
  await done(tx);
}

/** Bytes an analysis takes in IndexedDB, estimated from its seconds (as JSON) and their thumbnails and CAMs. */
export async function analysisSizeBytes(key: string): Promise<number> {
  const db = await open();
  const tx = db.transaction(['seconds', 'details']);
  let bytes = 0;
  const seconds = req(tx.objectStore('seconds').getAll(range(key)) as IDBRequest<SecondResult[]>);
  await new Promise<void>((resolve, reject) => {
    const cur = tx.objectStore('details').openCursor(range(key));
    cur.onsuccess = () => {
      const c = cur.result;
      if (!c) return resolve();
      const d = c.value as SecondDetail;
      bytes += (d.thumb?.size ?? 0) + (d.cam?.byteLength ?? 0) + 8 * (d.modelProbs?.length ?? 0) + (d.vision ? JSON.stringify(d.vision).length : 0) + 128;
      c.continue();
    };
    cur.onerror = () => reject(cur.error);
  });
  return bytes + JSON.stringify(await seconds).length;
}

/**
 * Writes an analysis opened from a project (its record and seconds, no details) unless one with the
 * same key is saved already; resolves to whether it was written. One transaction: all or nothing.
 */
export async function putImportedAnalysis(a: SavedAnalysis, seconds: readonly SecondResult[]): Promise<boolean> {
  const db = await open();
  const tx = db.transaction(['analyses', 'seconds'], 'readwrite');
  let written = false;
  const check = tx.objectStore('analyses').getKey(a.key);
  check.onsuccess = () => {
    if (check.result !== undefined) return;
    written = true;
    tx.objectStore('analyses').put(a);
    const store = tx.objectStore('seconds');
    for (const r of seconds) store.put(r, [a.key, r.index]);
  };
  await done(tx);
  return written;
}

/**
 * Writes analyses opened from a project (records and seconds, no details) in one transaction, each
 * unless one with the same key is saved already (or comes earlier in the list); resolves to whether each was written.
 */
export async function putImportedAnalyses(items: readonly { analysis: SavedAnalysis; seconds: readonly SecondResult[] }[]): Promise<boolean[]> {
  const db = await open();
  const tx = db.transaction(['analyses', 'seconds'], 'readwrite');
  const analyses = tx.objectStore('analyses');
  const store = tx.objectStore('seconds');
  const written = items.map(() => false);
  const seen = new Set<string>();
  items.forEach(({ analysis, seconds }, i) => {
    if (seen.has(analysis.key)) return;
    seen.add(analysis.key);
    const check = analyses.getKey(analysis.key);
    check.onsuccess = () => {
      if (check.result !== undefined) return;
      written[i] = true;
      analyses.put(analysis);
      for (const r of seconds) store.put(r, [analysis.key, r.index]);
    };
  });
  await done(tx);
  return written;
}

/**
 * Saves corrections opened from a project in one transaction, each where this browser has none for
 * its file (or only empty ones); resolves to the fingerprints whose own, different corrections were kept.
 */
export async function putImportedCorrections(list: readonly Corrections[]): Promise<string[]> {
  const db = await open();
  const tx = db.transaction('corrections', 'readwrite');
  const store = tx.objectStore('corrections');
  const kept: string[] = [];
  for (const c of list) {
    const mine = store.get(c.fingerprint) as IDBRequest<Corrections | undefined>;
    mine.onsuccess = () => {
      if (!mine.result || isEmptyCorrections(mine.result)) store.put(c);
      else if (JSON.stringify(mine.result) !== JSON.stringify(c)) kept.push(c.fingerprint);
    };
  }
  await done(tx);
  return kept;
}
