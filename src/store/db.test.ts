import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SecondDetail, SecondResult, VideoInfo } from '../shared/types';
import type { SavedAnalysis } from './db';
import { done } from './idb';

type Db = typeof import('./db');
let db: Db;

beforeEach(async () => {
  // A fresh, empty IndexedDB and a fresh module (db.ts caches its open connection).
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  db = await import('./db');
});

/** Opens the app's database at an earlier `version`, made as those releases made it (analyses, seconds, details). */
function openOldDatabase(version: 1 | 2): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open('shotscale', version);
    r.onupgradeneeded = () => {
      r.result.createObjectStore('analyses', { keyPath: 'key' });
      r.result.createObjectStore('seconds');
      r.result.createObjectStore('details');
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function info(fingerprint: string): VideoInfo {
  return { fingerprint, name: `${fingerprint}.mp4`, sizeBytes: 1000, durationSec: 10, startTimestampSec: 0, width: 640, height: 360, codec: 'avc1', container: 'mp4' };
}

function analysis(key: string, updatedAt: number, extra: Partial<SavedAnalysis> = {}): SavedAnalysis {
  return { key, info: info(key.split('|')[0]), fps: 1, total: 10, modelId: 'm@1', complete: false, updatedAt, ...extra };
}

function res(index: number, label: SecondResult['label'] = 'CU'): SecondResult {
  const probs = [0, 0, 0, 0, 0, 0, 0, 0];
  probs[label === 'CU' ? 1 : 5] = 1;
  return { index, tSec: index + 0.5, probs, label, naProb: 0 };
}

function detail(seed: number): SecondDetail {
  return {
    cam: Float32Array.from({ length: 2 * 3 * 3 }, (_, i) => seed + i / 10),
    camHeight: 3,
    camWidth: 3,
    thumb: new Blob([`thumb-${seed}`], { type: 'image/jpeg' }),
    content: { x: 0, y: 49, width: 224, height: 126 },
    inputWidth: 224,
    inputHeight: 224,
    modelProbs: [0.25, 0.75],
  };
}

describe('analysisKey', () => {
  it('combines fingerprint, model and rate', () => {
    expect(db.analysisKey('fp', 'mobilenet', '1.0', 1)).toBe('fp|mobilenet@1.0|1fps');
    expect(db.analysisKey('fp', 'mobilenet', '1.0', 2)).not.toBe(db.analysisKey('fp', 'mobilenet', '1.0', 1));
    expect(db.analysisKey('fp', 'mobilenet', '1.1', 1)).not.toBe(db.analysisKey('fp', 'mobilenet', '1.0', 1));
  });
});

describe('analyses', () => {
  it('saves, reads and updates an analysis', async () => {
    const a = analysis('fp1|m@1|1fps', 100);
    await db.putAnalysis(a);
    expect(await db.getAnalysis(a.key)).toEqual(a);
    await db.putAnalysis({ ...a, complete: true, updatedAt: 200 });
    expect(await db.getAnalysis(a.key)).toMatchObject({ complete: true, updatedAt: 200 });
    expect(await db.listAnalyses()).toHaveLength(1);
  });

  it('returns undefined for a missing key', async () => {
    expect(await db.getAnalysis('nope')).toBeUndefined();
  });

  it('lists analyses newest first', async () => {
    await db.putAnalysis(analysis('b|m@1|1fps', 200));
    await db.putAnalysis(analysis('a|m@1|1fps', 300));
    await db.putAnalysis(analysis('c|m@1|1fps', 100));
    expect((await db.listAnalyses()).map((x) => x.key)).toEqual(['a|m@1|1fps', 'b|m@1|1fps', 'c|m@1|1fps']);
  });

  it('lists nothing in an empty database', async () => {
    expect(await db.listAnalyses()).toEqual([]);
  });
});

describe('seconds and details', () => {
  // Keys chosen so one is a prefix of the other, and a third sorts between them.
  const K1 = 'fp|m@1|1fps';
  const K2 = 'fp|m@1|1fps2';
  const K3 = 'fp|m@1|1fpr';

  it('returns a key’s seconds in index order, whatever order they were saved in', async () => {
    await db.putSeconds(K1, [res(5), res(0)], [detail(5), detail(0)]);
    await db.putSeconds(K1, [res(2), res(10)], [detail(2), detail(10)]);
    expect((await db.getSeconds(K1)).map((r) => r.index)).toEqual([0, 2, 5, 10]);
  });

  it('keeps seconds of different keys apart', async () => {
    await db.putSeconds(K1, [res(0), res(1)], [detail(0), detail(1)]);
    await db.putSeconds(K2, [res(0, 'LS'), res(7, 'LS')], [detail(100), detail(107)]);
    await db.putSeconds(K3, [res(3)], [detail(3)]);
    const s1 = await db.getSeconds(K1);
    const s2 = await db.getSeconds(K2);
    expect(s1.map((r) => r.index)).toEqual([0, 1]);
    expect(s1.every((r) => r.label === 'CU')).toBe(true);
    expect(s2.map((r) => r.index)).toEqual([0, 7]);
    expect(s2.every((r) => r.label === 'LS')).toBe(true);
    expect((await db.getSeconds(K3)).map((r) => r.index)).toEqual([3]);
    expect(await db.getSeconds('other')).toEqual([]);
  });

  it('overwrites a second saved twice', async () => {
    await db.putSeconds(K1, [res(4)], [detail(1)]);
    await db.putSeconds(K1, [res(4, 'LS')], [detail(2)]);
    const s = await db.getSeconds(K1);
    expect(s).toHaveLength(1);
    expect(s[0].label).toBe('LS');
    expect((await db.getDetail(K1, 4))?.cam[0]).toBeCloseTo(2, 5);
  });

  it('round-trips a second’s result exactly', async () => {
    const r = { ...res(3), probs: [0.1, 0.2, 0.3, 0.05, 0.05, 0.1, 0.1, 0.1], naProb: 0.1 };
    await db.putSeconds(K1, [r], [detail(3)]);
    expect(await db.getSeconds(K1)).toEqual([r]);
  });

  it('returns the detail of one second, with its CAM and thumbnail', async () => {
    await db.putSeconds(K1, [res(0), res(1)], [detail(0), detail(1)]);
    await db.putSeconds(K2, [res(1)], [detail(50)]);
    const d = await db.getDetail(K1, 1);
    expect(d).toBeDefined();
    expect(d!.cam).toBeInstanceOf(Float32Array);
    expect(Array.from(d!.cam)).toEqual(Array.from(detail(1).cam));
    expect(d!.camHeight).toBe(3);
    expect(d!.content).toEqual({ x: 0, y: 49, width: 224, height: 126 });
    expect(d!.modelProbs).toEqual([0.25, 0.75]);
    expect(d!.thumb).toBeInstanceOf(Blob);
    expect(d!.thumb.type).toBe('image/jpeg');
    expect(await d!.thumb.text()).toBe('thumb-1');
    expect((await db.getDetail(K2, 1))!.cam[0]).toBeCloseTo(50, 5);
    expect(await db.getDetail(K1, 2)).toBeUndefined();
    expect(await db.getDetail('other', 1)).toBeUndefined();
  });
});

describe('deleteAnalysis', () => {
  const K1 = 'fp|m@1|1fps';
  const K2 = 'fp|m@1|1fps2';

  it('removes the analysis, its seconds and details, and nothing of other keys', async () => {
    await db.putAnalysis(analysis(K1, 1));
    await db.putAnalysis(analysis(K2, 2));
    await db.putSeconds(K1, [res(0), res(1), res(9)], [detail(0), detail(1), detail(9)]);
    await db.putSeconds(K2, [res(0), res(1)], [detail(20), detail(21)]);

    await db.deleteAnalysis(K1);

    expect(await db.getAnalysis(K1)).toBeUndefined();
    expect(await db.getSeconds(K1)).toEqual([]);
    expect(await db.getDetail(K1, 0)).toBeUndefined();
    expect(await db.getDetail(K1, 9)).toBeUndefined();

    expect((await db.getAnalysis(K2))?.key).toBe(K2);
    expect((await db.listAnalyses()).map((a) => a.key)).toEqual([K2]);
    expect((await db.getSeconds(K2)).map((r) => r.index)).toEqual([0, 1]);
    expect((await db.getDetail(K2, 1))!.cam[0]).toBeCloseTo(21, 5);
  });

  it('is harmless for a key that was never saved', async () => {
    await db.putAnalysis(analysis(K1, 1));
    await db.deleteAnalysis('missing');
    expect(await db.listAnalyses()).toHaveLength(1);
  });
});

describe('analyses saved before film times ran from the first frame (database version 1)', () => {
  /** Writes a version-1 database as the previous release did: info.firstTimestampSec, no startTimestampSec. */
  async function writeVersion1(records: { key: string; firstTimestampSec: number; seconds: number }[]): Promise<void> {
    const idb = await openOldDatabase(1);
    const tx = idb.transaction(['analyses', 'seconds', 'details'], 'readwrite');
    for (const { key, firstTimestampSec, seconds } of records) {
      const { startTimestampSec: _, ...legacyInfo } = info(key.split('|')[0]);
      tx.objectStore('analyses').put({ ...analysis(key, 1), info: { ...legacyInfo, firstTimestampSec } });
      for (let i = 0; i < seconds; i++) {
        tx.objectStore('seconds').put(res(i), [key, i]);
        tx.objectStore('details').put(detail(i), [key, i]);
      }
    }
    await done(tx);
    idb.close();
  }

  it('keeps those of films that started at 0 and deletes those whose times were offset, with their seconds', async () => {
    const zero = 'zero|m@1|1fps';
    const offset = 'offset|m@1|1fps';
    await writeVersion1([
      { key: zero, firstTimestampSec: 0, seconds: 3 },
      { key: offset, firstTimestampSec: 60, seconds: 80 },
    ]);

    const kept = await db.listAnalyses();
    expect(kept.map((a) => a.key)).toEqual([zero]);
    expect(kept[0].info.startTimestampSec).toBe(0);
    expect(kept[0].info).not.toHaveProperty('firstTimestampSec');
    expect((await db.getSeconds(zero)).map((r) => r.index)).toEqual([0, 1, 2]);
    expect(await db.getDetail(zero, 2)).toBeDefined();

    expect(await db.getAnalysis(offset)).toBeUndefined();
    expect(await db.getSeconds(offset)).toEqual([]);
    expect(await db.getDetail(offset, 0)).toBeUndefined();
  });

  it('upgradeSavedInfo keeps current records, upgrades those that started at 0, drops the others', () => {
    const current = { ...info('fp'), startTimestampSec: 1.483333 };
    expect(db.upgradeSavedInfo(current)).toEqual(current);
    const { startTimestampSec: _, ...legacy } = info('fp');
    expect(db.upgradeSavedInfo({ ...legacy, firstTimestampSec: 0 })).toEqual(info('fp'));
    expect(db.upgradeSavedInfo({ ...legacy, firstTimestampSec: 1.483333 })).toBeNull();
  });
});

describe('corrections (database version 3)', () => {
  const corrections = (fingerprint: string) => ({ fingerprint, scales: { 72: 'ELS' as const }, splits: [100], merges: [], reviewed: { 0: 'CU' as const }, updatedAt: 7 });

  it('saves, reads, replaces and deletes a film’s corrections by fingerprint', async () => {
    expect(await db.getCorrections('fp')).toBeUndefined();
    await db.putCorrections(corrections('fp'));
    await db.putCorrections(corrections('other'));
    expect(await db.getCorrections('fp')).toEqual(corrections('fp'));
    await db.putCorrections({ ...corrections('fp'), splits: [] });
    expect((await db.getCorrections('fp'))!.splits).toEqual([]);
    await db.deleteCorrections('fp');
    expect(await db.getCorrections('fp')).toBeUndefined();
    expect(await db.getCorrections('other')).toEqual(corrections('other'));
  });

  it('a version-2 database upgrades with its analyses and seconds intact and an empty corrections store', async () => {
    const key = 'old|m@1|1fps';
    const idb = await openOldDatabase(2);
    const tx = idb.transaction(['analyses', 'seconds'], 'readwrite');
    tx.objectStore('analyses').put(analysis(key, 1));
    tx.objectStore('seconds').put(res(0), [key, 0]);
    await done(tx);
    idb.close();

    expect((await db.listAnalyses()).map((a) => a.key)).toEqual([key]);
    expect(await db.getSeconds(key)).toEqual([res(0)]);
    expect(await db.getCorrections('old')).toBeUndefined();
    await db.putCorrections(corrections('old'));
    expect(await db.getCorrections('old')).toEqual(corrections('old'));
  });
});

describe('projects and the library', () => {
  it('putImportedAnalysis writes a new analysis with its seconds and leaves a saved one untouched', async () => {
    const key = 'fp|m@1|1fps';
    expect(await db.putImportedAnalysis(analysis(key, 5, { detailsMissing: true }), [res(0), res(1)])).toBe(true);
    expect((await db.getAnalysis(key))!.detailsMissing).toBe(true);
    expect((await db.getSeconds(key)).length).toBe(2);
    expect(await db.putImportedAnalysis(analysis(key, 9), [res(0, 'LS')])).toBe(false);
    expect((await db.getAnalysis(key))!.updatedAt).toBe(5);
    expect((await db.getSeconds(key))[0].label).toBe('CU');
  });

  it('putImportedAnalyses writes many in one go: new ones with their seconds, a saved one or a repeat untouched', async () => {
    await db.putImportedAnalysis(analysis('old|m@1|1fps', 5), [res(0, 'LS')]);
    const items = ['a', 'old', 'b', 'a'].map((fp, i) => ({ analysis: analysis(`${fp}|m@1|1fps`, 10 + i, { corpus: 'c' }), seconds: [res(0), res(1), res(2)].slice(0, i + 1) }));
    expect(await db.putImportedAnalyses(items)).toEqual([true, false, true, false]);
    expect((await db.getAnalysis('a|m@1|1fps'))).toMatchObject({ updatedAt: 10, corpus: 'c' });
    expect((await db.getSeconds('a|m@1|1fps')).length).toBe(1);
    expect((await db.getSeconds('b|m@1|1fps')).length).toBe(3);
    expect((await db.getAnalysis('old|m@1|1fps'))!.corpus).toBeUndefined();
    expect((await db.getSeconds('old|m@1|1fps'))[0].label).toBe('LS');
    expect(await db.putImportedAnalyses([])).toEqual([]);
  });

  it('putImportedCorrections saves where none (or empty ones) are saved and keeps a file’s own, naming it', async () => {
    const corrections = (fingerprint: string) => ({ fingerprint, scales: {}, splits: [], merges: [], reviewed: {}, updatedAt: 7 });
    const mine = { ...corrections('mine'), scales: { 0: 'LS' as const } };
    await db.putCorrections(mine);
    await db.putCorrections(corrections('empty'));
    const theirs = (fp: string) => ({ ...corrections(fp), scales: { 0: 'CU' as const } });
    expect(await db.putImportedCorrections([theirs('mine'), theirs('empty'), theirs('new'), mine])).toEqual(['mine']);
    expect((await db.getCorrections('mine'))!.scales).toEqual({ 0: 'LS' });
    expect((await db.getCorrections('empty'))!.scales).toEqual({ 0: 'CU' });
    expect((await db.getCorrections('new'))!.scales).toEqual({ 0: 'CU' });
  });

  it('analysisSizeBytes counts thumbnails, CAMs and seconds of that analysis only', async () => {
    await db.putSeconds('a|m@1|1fps', [res(0), res(1)], [detail(0), detail(1)]);
    await db.putSeconds('b|m@1|1fps', [res(0)], [detail(0)]);
    const a = await db.analysisSizeBytes('a|m@1|1fps');
    const b = await db.analysisSizeBytes('b|m@1|1fps');
    expect(b).toBeGreaterThan(detail(0).cam.byteLength + detail(0).thumb.size);
    expect(a).toBeGreaterThan(1.8 * b);
    expect(await db.analysisSizeBytes('none')).toBe(2);
  });
});

describe('inDropOrder', () => {
  it('orders saved analyses by when their films were first dropped, older records by their last update', async () => {
    const base = { info: {} as VideoInfo, fps: 1, total: 1, modelId: 'm', complete: true };
    const order = db.inDropOrder([
      { ...base, key: 'c', createdAt: 30, updatedAt: 100 },
      { ...base, key: 'a', createdAt: 10, updatedAt: 300 },
      { ...base, key: 'old', updatedAt: 20 },
    ] as SavedAnalysis[]);
    expect(order.map((a) => a.key)).toEqual(['a', 'old', 'c']);
  });
});
