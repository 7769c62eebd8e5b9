import * as Comlink from 'comlink';
import { analysisError, describeError } from '../shared/errors';
import { filmShots, filmTiming, framesRead, inUnreadable, isShotSample, SHOT_SAMPLE_INDEX_BASE, unreadableWarning, type CutSummary } from '../shared/filmShots';
import { formatBytes, formatTime } from '../shared/format';
import { samplePlan } from '../shared/shots';
import type { Transition } from '../shared/shotTypes';
import { secToFrame } from '../shared/timecode';
import { sampleTimes } from '../shared/sampling';
import type { FrameBatch, ModelCard, SecondResult, VideoInfo } from '../shared/types';
import * as db from '../store/db';
import type { SavedAnalysis } from '../store/db';
import { loadCorrections } from '../store/review';
import { setFilmFile } from '../store/media';
import { addFilm, addResults, removeFilm, updateFilm, useApp, type Film, type ProgressStage } from '../store/store';
import { ensureModel } from './model';
import { addStageMs, emptyStageMs, type StageMs } from '../shared/stageTimes';
import { deleteSavedAnalysis } from './project';
import { modelsIdle } from './userModels';
import { analyseBatch, closeBitmaps, finishBatch, FUSION_VERSION, inferBatch, visionProblem, type AnalysedBatch, type VisionGateState } from './analyse';
import type { SkipCounts } from '../../workers/decode/skippingDecoder';
import { decodeWorker, replaceDecodeWorker } from './workers';

/** Frames per inference batch (measured best on 2-core WASM). */
export const BATCH_SIZE = 8;
/** A decode call that takes longer than this means the decoder hung on the file. */
const DECODE_STALL_MS = 90_000;
/** Films longer than this get a notice before they run. */
const LONG_FILM_SEC = 45 * 60;

/**
 * How films are analysed: `cuts` scans every frame for shot boundaries; `overlap` runs the CNN on
 * one batch while face/pose and saving finish the one before; `vision` runs face and pose detection;
 * `visionGate` skips it on frames of a shot already seen to have nobody in it (src/shared/visionGate.ts).
 * All on in the app; the bench and soak turn them off to measure what each costs or pays.
 * `skipNonReference` leaves H.264 frames no other frame needs undecoded in the cut scan
 * (workers/decode/skippingDecoder.ts): on; `npm run skip:eval` shows every hard cut on the frame
 * a full decode finds, and fades and gradual transitions within a frame or two, flagged.
 */
export const pipelineOptions = { cuts: true, overlap: true, vision: true, visionGate: true, skipNonReference: true };

/** Milliseconds per stage of each film analysed in this page (the bench reads them). */
const filmStageMs = new Map<string, StageMs>();

/** Frames the cut scan decoded and left undecoded, per film analysed in this page (when it skipped). */
const filmSkipCounts = new Map<string, SkipCounts>();

/** What the cut scan of a film analysed in this page decoded and left undecoded, or null when it decoded every frame. */
export function skipCounts(id: string): SkipCounts | null {
  return filmSkipCounts.get(id) ?? null;
}

/** Frames whose face/pose detection the vision gate skipped, per film analysed in this page. */
const filmVisionSkipped = new Map<string, number>();

/** How many frames of a film's analysis in this page skipped face/pose detection (the vision gate). */
export function visionSkipped(id: string): number {
  return filmVisionSkipped.get(id) ?? 0;
}

/** Time spent per stage on a film's analysis in this page so far (zeros when none). */
export function stageTimes(id: string): StageMs {
  return { ...(filmStageMs.get(id) ?? emptyStageMs()) };
}

const cancelled = new Set<string>();
let queue: Promise<void> = Promise.resolve();

function newId(): string {
  return crypto.randomUUID();
}

/** Queues files for analysis, one after another; each gets its own entry at once. */
export function analyzeFiles(files: readonly File[]): string[] {
  const fps = useApp.getState().sampleFps;
  return files.map((file) => {
    const id = newId();
    addFilm({ id, name: file.name, fps, status: 'queued', results: [], progress: { stage: 'waiting', done: 0, total: 0, fps: 0, etaSec: null } });
    setFilmFile(id, file);
    queue = queue.then(() => runFilm(id, file, fps)).catch(() => undefined);
    return id;
  });
}

/** Asks a running (or queued) analysis to stop; results so far are kept. */
export function cancelFilm(id: string): void {
  cancelled.add(id);
  void decodeWorker().close(id);
}

/** Deletes a film's saved analysis from this browser (its corrections too when no other analysis of the file is left) and closes its card. */
export async function deleteSaved(id: string): Promise<void> {
  const key = film(id)?.key;
  if (key) await deleteSavedAnalysis(key);
  removeFilm(id);
}

/** Resolves when every queued analysis has finished. */
export function idle(): Promise<void> {
  return queue;
}

function film(id: string): Film | undefined {
  return useApp.getState().films.find((f) => f.id === id);
}

/** Marks a film's analysis as cancelled; what it found so far stays. */
function markCancelled(id: string): void {
  updateFilm(id, { status: 'cancelled', error: describeError(analysisError('CancelledError', '')) });
}

/**
 * Analyses one film: probe it, plan its samples, restore what was saved, scan every frame (cuts and
 * the seconds still to do), classify a sample in every shot, save. Every step keeps what was found.
 */
async function runFilm(id: string, file: File, fps: number): Promise<void> {
  if (cancelled.has(id)) {
    markCancelled(id);
    return;
  }
  setStage(id, useApp.getState().model ? 'opening' : 'model');
  updateFilm(id, { status: 'probing' });
  try {
    // A model dropped together with films is checked (and chosen) before they start.
    await modelsIdle();
    const { card } = await ensureModel();
    setStage(id, 'opening');
    const info = await probe(id, file);
    const key = db.analysisKey(info.fingerprint, card.id, analysisVersion(card), fps);
    if (!takeOver(id, key, info)) return;
    const planned = await plan(key, info, card, fps);
    if (await restore(id, planned)) return;
    updateFilm(id, { status: 'running' });
    const scanned = await scan(id, file, planned);
    const shotSamplesSaved = await classifyShots(id, file, planned, scanned.cuts);
    if (cancelled.has(id)) markCancelled(id);
    else await save(id, planned, scanned.cuts, scanned.allSaved && shotSamplesSaved);
  } catch (err) {
    if (cancelled.has(id)) markCancelled(id);
    else updateFilm(id, { status: 'error', error: describeError(err) });
  } finally {
    cancelled.delete(id);
    void decodeWorker().close(id);
  }
}

/** The model version an analysis is filed under: the card's, the fusion's, and what the pipeline left out. */
function analysisVersion(card: ModelCard): string {
  return `${card.version}+${FUSION_VERSION}${pipelineOptions.cuts ? '' : '-nocuts'}${pipelineOptions.vision ? '' : '-novision'}${pipelineOptions.skipNonReference ? '' : '-noskip'}`;
}

/**
 * Makes this entry the one that shows analysis `key`: earlier entries of it (restored or finished)
 * give way, and this one stands down (false) when another entry is analysing the same file now.
 */
function takeOver(id: string, key: string, info: VideoInfo): boolean {
  const others = useApp.getState().films.filter((f) => f.id !== id && f.key === key);
  const busy = others.find((f) => f.status === 'running' || f.status === 'probing');
  if (busy) {
    updateFilm(id, { key, info, status: 'cancelled', notice: `Same file as “${busy.name}”, which is being analysed above.` });
    return false;
  }
  for (const f of others) removeFilm(f.id);
  return true;
}

/** What an analysis has to do: its sample times, what was saved of it, and the seconds still to analyse. */
interface FilmPlan {
  info: VideoInfo;
  card: ModelCard;
  /** The analysis record as saved (completeness and cuts are added when saving). */
  record: Omit<SavedAnalysis, 'complete' | 'updatedAt'>;
  times: number[];
  /** Saved regular seconds, and saved samples of shots no regular second falls in. */
  saved: SecondResult[];
  savedShotSamples: SecondResult[];
  savedRecord?: SavedAnalysis;
  /** Opened from a project: seconds saved without their frames and CAMs, so every second is analysed anew. */
  relink: boolean;
  todo: { t: number; i: number }[];
  /** How many of the sample times already have a saved answer. */
  already: number;
}

/** Plans a film's analysis from its sample times and what is saved of it. */
async function plan(key: string, info: VideoInfo, card: ModelCard, fps: number): Promise<FilmPlan> {
  const times = sampleTimes(info.durationSec, fps);
  const savedAll = await db.getSeconds(key).catch(() => [] as SecondResult[]);
  const saved = savedAll.filter((r) => !isShotSample(r));
  const savedRecord = await db.getAnalysis(key).catch(() => undefined);
  // An analysis opened from a project has its seconds but not their frames and CAMs: with the
  // video here again, every second is analysed anew (the saved ones show meanwhile).
  const relink = savedRecord?.detailsMissing === true;
  const have = new Set(relink ? [] : saved.map((r) => r.index));
  const todo = times.map((t, i) => ({ t, i })).filter(({ i }) => !have.has(i));
  const record = { key, info, fps, total: times.length, modelId: `${card.id}@${card.version}`, createdAt: savedRecord?.createdAt ?? Date.now() };
  return { info, card, record, times, saved, savedShotSamples: savedAll.filter(isShotSample), savedRecord, relink, todo, already: have.size };
}

/** Shows what was saved and saves the record; resolves to true when nothing is left to analyse (the film is done). */
async function restore(id: string, planned: FilmPlan): Promise<boolean> {
  const { info, card, record, times, saved, savedRecord, relink, todo, already } = planned;
  const notice = [
    relink ? 'Opened from a project: analysing the video again to bring back its frames and heatmaps.' : saved.length ? `Restored ${saved.length} of ${times.length} seconds saved earlier.` : '',
    info.durationSec > LONG_FILM_SEC ? `Long film: ${times.length.toLocaleString()} frames to analyse; results are saved as they arrive, so you can cancel and resume later.` : '',
    info.width * info.height > 1920 * 1088 ? `${info.width}×${info.height} video: frames decode more slowly than HD.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  updateFilm(id, { key: record.key, info, model: { id: card.id, version: card.version }, results: saved, notice: notice || undefined, progress: { stage: 'decoding', done: already, total: times.length, fps: 0, etaSec: null } });
  // Seconds in a stretch found unreadable have no answer to wait for.
  const cuts = savedRecord?.cuts;
  const wasComplete = cuts !== undefined && todo.every(({ t }) => inUnreadable(cuts.unreadable, t));
  await db.putAnalysis({ ...record, complete: wasComplete, cuts, detailsMissing: relink || undefined, updatedAt: Date.now() }).catch((err) => {
    updateFilm(id, { notice: describeError(err).title });
  });
  if (!wasComplete) return false;
  if (cuts.unreadable) updateFilm(id, { warning: unreadableWarning(cuts, info.durationSec) });
  showShots(id, cuts, saved, planned.savedShotSamples);
  updateFilm(id, { status: 'done' });
  return true;
}

/** Decodes every frame (cuts) and analyses the seconds still to do; fails when no frame could be decoded. */
async function scan(id: string, file: File, planned: FilmPlan): Promise<{ allSaved: boolean; cuts?: CutSummary }> {
  const scanned = await decodeLoop(id, planned.record.key, file, planned.card, planned.todo, planned.times, planned.already);
  if (scanned.cuts?.unreadable) {
    if (framesRead(scanned.cuts) === 0) throw analysisError('DecodeError', `No frame of the film could be decoded: ${scanned.cuts.unreadable[0].reason}.`);
    updateFilm(id, { warning: unreadableWarning(scanned.cuts, planned.info.durationSec) });
  }
  return scanned;
}

/**
 * Once the film is scanned to its end, classifies a sample in every shot no regular second falls in
 * and shows the shots; resolves to whether those samples were all saved.
 */
async function classifyShots(id: string, file: File, planned: FilmPlan, cuts: CutSummary | undefined): Promise<boolean> {
  if (cancelled.has(id) || !cuts || !film(id)) return true;
  const extra = await shotSampleLoop(id, planned.record.key, file, planned.card, cuts, planned.times);
  const regular = film(id)?.results ?? [];
  if (cuts.unreadable && regular.length === 0) {
    throw analysisError('DecodeError', `No sampled second of the film could be decoded: ${cuts.unreadable.map((u) => `${formatTime(u.startSec)}–${formatTime(u.endSec)}`).join(', ')} unreadable (${cuts.unreadable[0].reason}).`);
  }
  showShots(id, cuts, regular, extra.results);
  return extra.allSaved;
}

/** Saves the analysis as complete (when every batch was saved and the cuts are known), then shows it done. */
async function save(id: string, planned: FilmPlan, cuts: CutSummary | undefined, allSaved: boolean): Promise<void> {
  // Saved complete before it shows as done, so a reload straight after "done" finds it complete.
  await db.putAnalysis({ ...planned.record, complete: allSaved && cuts !== undefined, cuts, updatedAt: Date.now() }).catch(() => undefined);
  updateFilm(id, { status: 'done' });
}

/** Files bigger than this show how far their fingerprint has read. */
const FINGERPRINT_PROGRESS_BYTES = 64 * 1024 * 1024;
/** The slowest disk a fingerprint's read is allowed before the probe counts as stalled (bytes/s). */
const SLOWEST_READ_BYTES_PER_SEC = 10 * 1024 * 1024;

/** Probes a film: what it is, and its fingerprint over every byte, with the bytes read shown on a big file. */
async function probe(id: string, file: File) {
  const MB = 1e6;
  const onProgress = file.size > FINGERPRINT_PROGRESS_BYTES
    ? Comlink.proxy((done: number, total: number) => {
        const f = film(id);
        if (f) updateFilm(id, { progress: { ...f.progress, stage: 'fingerprint', done: Math.floor(done / MB), total: Math.ceil(total / MB) } });
      })
    : undefined;
  return unlessStalled(decodeWorker().probe(file, onProgress), 0, DECODE_STALL_MS + (1000 * file.size) / SLOWEST_READ_BYTES_PER_SEC);
}

/** Names the stage a film's analysis is in, keeping the rest of its progress. */
function setStage(id: string, stage: ProgressStage): void {
  const f = film(id);
  if (f) updateFilm(id, { progress: { ...f.progress, stage } });
}

/** Puts a film's shots (from its cuts and all its classified samples) in the store, with the user's saved corrections. */
function showShots(id: string, cuts: CutSummary, regular: readonly SecondResult[], shotSamples: readonly SecondResult[]): void {
  updateFilm(id, filmShots(cuts, regular, shotSamples));
  void loadCorrections(id);
}

/** Classifies the middle frame of every shot that no regular sample falls in; saves them as shot samples. */
async function shotSampleLoop(id: string, key: string, file: File, card: ModelCard, cuts: CutSummary, regularTimes: readonly number[]): Promise<{ results: SecondResult[]; allSaved: boolean }> {
  const timing = filmTiming(cuts);
  const times = samplePlan(cuts.transitions, cuts.frameCount, timing, regularTimes);
  const out: SecondResult[] = [];
  if (times.length === 0) return { results: out, allSaved: true };
  const jobId = `${id}:shots`;
  const decode = decodeWorker();
  let allSaved = true;
  try {
    await unlessStalled(decode.open(jobId, file, times.map((_, j) => SHOT_SAMPLE_INDEX_BASE + j), [...times], card.input.width, card.input.height), 0);
    for (;;) {
      let batch: FrameBatch | null;
      try {
        batch = await unlessStalled(decode.next(jobId, BATCH_SIZE), 0);
      } catch (err) {
        // Near a damaged stretch a seek can fail where the scan read on: those shots keep no sample (NA, confidence 0).
        if (cuts.unreadable) break;
        throw err;
      }
      if (!batch || cancelled.has(id)) break;
      const { results, details } = await analyseBatch(card, batch, pipelineOptions.vision);
      for (const r of results) r.frame = secToFrame(r.tSec, timing);
      out.push(...results);
      await db.putSeconds(key, results, details).catch(() => {
        allSaved = false;
      });
    }
  } finally {
    void decode.close(jobId);
  }
  return { results: out, allSaved };
}

/** A decode call, failed with a DecodeError (and the decoder replaced) if it stalls. */
function unlessStalled<T>(call: Promise<T>, atSec: number, stallMs = DECODE_STALL_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      replaceDecodeWorker();
      reject(analysisError('DecodeError', `The decoder stopped responding near ${atSec.toFixed(1)} s (no answer for ${Math.round(stallMs / 1000)} s).`));
    }, stallMs);
  });
  return Promise.race([call, stalled]).finally(() => clearTimeout(timer));
}

/** Why a save failed, for the user: storage full (with what takes the space) or another storage error. */
async function storageProblem(err: unknown, fromSec: number, key: string): Promise<Error> {
  const e = err as { name?: string; message?: string } | null;
  const quota = e?.name === 'QuotaExceededError' || /quota/i.test(e?.message ?? '');
  if (!quota) return analysisError('StorageError', e?.message ?? String(err));
  const est = await navigator.storage?.estimate?.().catch(() => undefined);
  const saved = (await db.listAnalyses().catch(() => [])).filter((a) => a.key !== key);
  // The estimate names the share of the disk the browser allows; when that is not nearly used, the disk itself is full.
  const used = est?.usage != null && est.quota && est.usage > 0.9 * est.quota ? ` This site uses ${formatBytes(est.usage)} of the ${formatBytes(est.quota)} the browser allows it.` : '';
  const others = saved.length ? ` Other saved analyses: ${saved.slice(0, 5).map((a) => `“${a.info.name}”`).join(', ')}${saved.length > 5 ? `, and ${saved.length - 5} more` : ''}.` : '';
  return analysisError('StorageFullError', `Results from ${formatTime(fromSec)} on are not saved.${used}${others}`);
}

/**
 * Decodes every frame once (scanning for cuts), analyses and saves the seconds still to do; resolves
 * to whether every batch was saved and, when the film was scanned to its end, what the cuts are.
 */
async function decodeLoop(id: string, key: string, file: File, card: ModelCard, todo: { t: number; i: number }[], times: readonly number[], already: number): Promise<{ allSaved: boolean; cuts?: CutSummary }> {
  const total = times.length;
  const decode = decodeWorker();
  const { width, height } = card.input;
  await unlessStalled(
    decode.open(
      id,
      file,
      todo.map((x) => x.i),
      todo.map((x) => x.t),
      width,
      height,
      pipelineOptions.cuts,
      pipelineOptions.skipNonReference,
      // Every sample time, not only those still to do: a resumed scan decodes the frames the first run did.
      [...times],
    ),
    0,
  );
  const transitions: Transition[] = [];
  const stageMs = emptyStageMs();
  filmStageMs.set(id, stageMs);
  const gate: VisionGateState | undefined = pipelineOptions.visionGate ? { transitions, skippedFrames: 0 } : undefined;
  // The rate is measured from the end of the first batch: it leaves out the decoder's start and the model's warm-up.
  let warmAt = 0;
  let warmDone = 0;
  const startedAt = performance.now();
  let doneThisRun = 0;
  /** Wanted times passed over in unreadable stretches. */
  let skippedThisRun = 0;
  let allSaved = true;
  /** Face/pose, fusion and saving of one analysed batch, in film order. */
  const settle = async (batch: FrameBatch, analysed: Promise<AnalysedBatch>): Promise<void> => {
    const { results, details, stageMs: ms } = await analysed;
    addStageMs(stageMs, ms);
    const frames = batch.frames;
    if (frames) results.forEach((r, i) => frames[i] >= 0 && (r.frame = frames[i]));
    addResults(id, results);
    const tStore = performance.now();
    try {
      await db.putSeconds(key, results, details);
    } catch (err) {
      // Nothing of this batch was written (one transaction); earlier batches stay as they are.
      if (allSaved) updateFilm(id, { warning: describeError(await storageProblem(err, results[0].tSec, key)) });
      allSaved = false;
    }
    addStageMs(stageMs, { storage: performance.now() - tStore });
    if (doneThisRun === 0 && visionProblem()) {
      const prior = film(id)?.notice;
      updateFilm(id, { notice: `${prior ? `${prior} ` : ''}Face/pose detection is unavailable (${visionProblem()}); the CNN decides alone.` });
    }
    doneThisRun += results.length;
    skippedThisRun += batch.unreadable ?? 0;
    if (warmAt === 0) {
      warmAt = performance.now();
      warmDone = doneThisRun;
    }
    const elapsedSec = (performance.now() - warmAt) / 1000;
    // Until a second batch is done (a short film has one), the rate includes the warm-up.
    const rate = doneThisRun > warmDone && elapsedSec > 0 ? (doneThisRun - warmDone) / elapsedSec : doneThisRun / ((performance.now() - startedAt) / 1000);
    const done = already + doneThisRun + skippedThisRun;
    updateFilm(id, { progress: { stage: 'analysing', done, total, fps: rate, etaSec: rate > 0 ? (total - done) / rate : null } });
  };
  // Three stages in flight at most, one batch each: the decoder prefetches the next batch, the CNN
  // runs on this one, and the batch before it finishes face/pose and saving (bounded: no queue grows).
  let settling: Promise<void> = Promise.resolve();
  let pending = unlessStalled(decode.next(id, BATCH_SIZE), todo[0]?.t ?? 0);
  try {
    for (;;) {
      const tWait = performance.now();
      const batch = await pending;
      addStageMs(stageMs, { decodeWait: performance.now() - tWait });
      if (!batch) break;
      if (cancelled.has(id)) {
        closeBitmaps(batch);
        break;
      }
      if (batch.workerMs) addStageMs(stageMs, batch.workerMs);
      pending = unlessStalled(decode.next(id, BATCH_SIZE), batch.tSec[batch.tSec.length - 1]);
      // Keep the prefetch from rejecting unobserved when we stop early.
      pending.catch(() => undefined);
      if (batch.transitions) transitions.push(...batch.transitions);
      if (pipelineOptions.overlap) {
        const inferred = inferBatch(card, batch).catch((err) => {
          closeBitmaps(batch);
          throw err;
        });
        inferred.catch(() => undefined);
        await settling;
        settling = settle(batch, inferred.then((x) => finishBatch(card, batch, x, pipelineOptions.vision, gate)));
        settling.catch(() => undefined);
      } else {
        await settle(batch, analyseBatch(card, batch, pipelineOptions.vision, gate));
      }
      if (!film(id)) break;
    }
  } finally {
    await settling.catch(() => undefined);
    if (gate) filmVisionSkipped.set(id, gate.skippedFrames);
  }
  await settling;
  if (cancelled.has(id) || !film(id)) return { allSaved };
  const rest = await unlessStalled(decode.finishScan(id), 0);
  if (!rest) return { allSaved };
  addStageMs(stageMs, { cuts: rest.cutsMs, decode: rest.decodeMs });
  if (rest.skipping) filmSkipCounts.set(id, rest.skipping);
  const cuts: CutSummary = { transitions: [...transitions, ...rest.transitions], frameCount: rest.frameCount, endSec: rest.endSec };
  if (rest.frameTimesSec) cuts.frameTimesSec = rest.frameTimesSec;
  if (rest.unreadable) cuts.unreadable = rest.unreadable;
  return { allSaved, cuts };
}
