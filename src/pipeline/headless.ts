import * as Comlink from 'comlink';
import { resultsToCsv } from '../shared/export';
import type { ExportFile } from '../shared/exports';
import { filmExportFilesFor, filmExportInput, filmJsonDocument } from './filmExport';
import { isCorrect, isWithinOne, summarise, type EvalSummary, type ScoredExample } from '../shared/scoring';
import { sampleTimes } from '../shared/sampling';
import { parseLabel, SCALE_CODES, type ScaleCode } from '../shared/taxonomy';
import type { ModelInfo, SecondResult, VisionResult } from '../shared/types';
import { useModels, type ModelProblems } from '../store/models';
import { useApp, type Film } from '../store/store';
import { modelsIdle } from './userModels';
import { ensureModel, setCnnThreads } from './model';
import { analyseBatch, measureBatch, visionOptions } from './analyse';
import { crossValidate, type CalibrationExample, type CalibrationReport, type ParamGrid } from '../shared/calibrate';
import { FUSION_PARAMS, fuseFrame, type FrameAnswer, type FrameFeatures, type FusionParams } from '../shared/frameFusion';
import { subjectGeometry, type SubjectGeometry } from '../shared/geometry';
import { getDetail, storageOptions } from '../store/db';
import type { ProjectFilm } from '../shared/project';
import { projectFilm } from './project';
import type { SkipCounts } from '../../workers/decode/skippingDecoder';
import { analyzeFiles, BATCH_SIZE, deleteSaved, idle, pipelineOptions, skipCounts, stageTimes, visionSkipped } from './pipeline';
import type { StageMs } from '../shared/stageTimes';
import { detectVision, setVisionModels, visionModels } from './vision';
import { decodeWorker, extraDecodeWorker, inferWorker } from './workers';
import type { SignatureBench } from '../../workers/decode/signatureBench';

/** What `window.shotscale` offers to the analyze/eval scripts (and to curious users in devtools). */
export interface HeadlessApi {
  model(): Promise<ModelInfo>;
  analyze(files: File[]): string[];
  idle(): Promise<void>;
  films(): Film[];
  classifyStills(files: File[]): Promise<SecondResult[]>;
  /** A film's results in the app's own CSV and JSON export formats. */
  exportFilm(id: string): { name: string; csv: string; json: string };
  /** A film's shot exports once its shots are known (seconds CSV with frame/timecode/shot, shots CSV, EDL, FCPXML, OTIO, SRT, chapters), files named `<stem>.<format>`. */
  exportShotFiles(id: string, stem: string): ExportFile[];
  /** Turns cut detection off or on for films dropped afterwards (the bench measures its cost). */
  setCutDetection(on: boolean): void;
  /** Turns stage overlap (CNN of one batch during face/pose of the previous) off or on for films dropped afterwards. */
  setOverlap(on: boolean): void;
  /** Turns face/pose detection off or on for films dropped afterwards (the soak measures its memory). */
  setVision(on: boolean): void;
  /** Turns the vision gate (face/pose skipped on frames of a shot already seen empty) off or on for films dropped afterwards. */
  setVisionGate(on: boolean): void;
  /** Turns leaving non-reference frames undecoded in the cut scan off or on for films dropped afterwards. */
  setSkipNonReference(on: boolean): void;
  /** Frames of a film analysed in this page that the cut scan decoded and left undecoded (null when it decoded every frame). */
  skipCounts(id: string): SkipCounts | null;
  /** Frames of a film analysed in this page whose face/pose detection the vision gate skipped. */
  visionSkipped(id: string): number;
  /** Stores the thumbnails and heatmaps of films analysed from now on (on by default; a headless corpus run turns it off). */
  setKeepDetails(on: boolean): void;
  /** A film as a project stores it (saved analysis record, seconds, corrections, shots), or null before it has results. */
  projectFilm(id: string): Promise<ProjectFilm | null>;
  /** Deletes a film's saved analysis and closes its card (the bench analyses a clip again). */
  deleteSaved(id: string): Promise<void>;
  /** Milliseconds per stage (decode, cuts, render, cnn, vision, fusion, storage, decodeWait) of a film analysed in this page. */
  stageTimes(id: string): StageMs;
  /**
   * Classifies labelled stills and scores them. Labels use the app's label semantics (codes, the
   * MEDIUM/WS aliases, alternatives joined by `|`); all labels are checked before any image is
   * classified, and a bad one throws an error named `LabelError`.
   */
  evaluate(files: File[], labels: string[], onProgress?: (done: number, total: number) => void): Promise<EvalResult>;
  /** Model-only throughput: `batches` timed classify calls on blank frames (one untimed warm-up batch first). */
  benchModel(batches: number, batchSize: number): Promise<ModelBench>;
  /**
   * Decode-only throughput: the pipeline's decode loop at `fps` samples per second, without
   * inference. Without `scan`, the sparse path the app takes with cut detection off (frames after
   * the last sample of a keyframe interval are not decoded); with it, every frame is decoded and
   * scanned for cuts, as in the app, to the end of the film.
   */
  benchDecode(file: File, fps: number, scan?: boolean): Promise<{ framesPerSec: number; frames: number | null }>;
  /**
   * Throughput of `parts` fresh decode workers at once, each on its share of the samples (split in
   * time; each decoder starts at the keyframe before its first sample), decode only or, with
   * `cnn`, each batch classified too; timed from after every open.
   */
  benchDecodeSplit(file: File, fps: number, parts: number, cnn?: boolean): Promise<{ framesPerSec: number; frames: number; sampleTimes: number }>;
  /** Milliseconds per frame of each way to make a cut signature's tiny picture (workers/decode/signatureBench.ts). */
  benchSignatures(file: File, maxFrames: number): Promise<SignatureBench>;
  /** Runs the CNN on `threads` WASM threads from now on (0: the machine's default); restarts the inference worker. */
  setCnnThreads(threads: number): void;
  /** MediaPipe faces and poses in one image (the vision worker; loads its models on first use). */
  detectVision(file: File): Promise<VisionResult>;
  /**
   * What the per-frame analysis measures on still images, before fusion: CNN softmax over the
   * model's classes, NA probability, faces and poses (the same decode → infer → vision path as
   * classifyStills). With `pose: 'always'` pose runs on every non-blank frame, not only where
   * it can change the answer (the fused answers stay the same).
   */
  stillFeatures(files: File[], opts?: { pose?: 'auto' | 'always' }, onProgress?: (done: number, total: number) => void): Promise<FrameFeatures[]>;
  /** Per-second measurements of an analysed film, from the saved analysis (IndexedDB). */
  filmFeatures(id: string): Promise<(FrameFeatures & { index: number; tSec: number })[]>;
  /** Film analyses run pose on every non-blank frame ('always') or only where it matters ('auto', the default). */
  setPoseMode(mode: 'auto' | 'always'): void;
  /** The MediaPipe networks used from now on (default face 'short', pose 'lite'); answers those in use. */
  setVisionModels(models: { face?: 'short' | 'full'; pose?: 'lite' | 'full' }): { face: 'short' | 'full'; pose: 'lite' | 'full' };
  /** The fusion recipe in use (geometry-calibration.json over the anatomical defaults). */
  fusionParams(): FusionParams;
  /**
   * Fused answers for measured frames with a given recipe (default: the app's), via fuseFrame;
   * `correct` when the frame has a label (app semantics).
   */
  fuseFeatures(frames: (FrameFeatures & { classes: readonly string[]; label?: string })[], params?: FusionParams): (FrameAnswer & { correct?: boolean })[];
  /** Subject geometry of measured frames with every pose found (not only where the app runs pose). */
  geometryOf(frames: FrameFeatures[], params?: FusionParams): SubjectGeometry[];
  /** Cross-validated coordinate-ascent fit of the recipe's numbers over `grid` (src/shared/calibrate.ts). */
  calibrate(examples: CalibrationExample[], grid: ParamGrid, opts?: { folds?: number; seed?: number; start?: FusionParams; maxSweeps?: number }): CalibrationReport;
  /** Waits until models being added (picked or dropped) are checked; the model chosen now and why the last ones were refused, if they were. */
  modelsIdle(): Promise<{ choice: string; problems: ModelProblems | null }>;
}

/** What `benchModel` returns. */
export interface ModelBench {
  framesPerSec: number;
  msPerBatch: number;
  backend: string;
  threads: number;
}

/** One scored still. */
export interface EvalPrediction {
  index: number;
  label: string;
  pred: ScaleCode;
  correct: boolean;
  withinOne: boolean;
  naProb: number;
  /** The fused answer's why line. */
  why?: string;
  probs: Record<ScaleCode, number>;
}

/** What `evaluate` returns. */
export interface EvalResult {
  summary: EvalSummary;
  predictions: EvalPrediction[];
}

/** Stills classified per step of `evaluate` (progress is reported after each). */
const EVAL_CHUNK = 64;

/** Classifies still images through the same decode → infer → vision → fuse path as video frames. */
async function classifyStills(files: File[]): Promise<SecondResult[]> {
  const { card } = await ensureModel();
  const out: SecondResult[] = [];
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    const chunk = files.slice(start, start + BATCH_SIZE);
    const batch = await decodeWorker().stills(chunk, card.input.width, card.input.height);
    batch.indices = batch.indices.map((i) => start + i);
    out.push(...(await analyseBatch(card, batch)).results);
  }
  return out;
}

/** The measurements of still images before fusion (decode → infer → vision, as classifyStills). */
async function stillFeatures(files: File[], opts: { pose?: 'auto' | 'always' } = {}, onProgress?: (done: number, total: number) => void): Promise<FrameFeatures[]> {
  const { card } = await ensureModel();
  const out: FrameFeatures[] = [];
  const before = visionOptions.pose;
  visionOptions.pose = opts.pose ?? 'auto';
  try {
    for (let start = 0; start < files.length; start += BATCH_SIZE) {
      const batch = await decodeWorker().stills(files.slice(start, start + BATCH_SIZE), card.input.width, card.input.height);
      const { frames } = await measureBatch(card, batch);
      out.push(...frames.map(({ modelProbs, naProb, vision, picture }) => ({ modelProbs, naProb, vision: vision ?? null, picture })));
      onProgress?.(out.length, files.length);
    }
  } finally {
    visionOptions.pose = before;
  }
  return out;
}

/** Per-second measurements of an analysed film, read back from IndexedDB. */
async function filmFeatures(id: string): Promise<(FrameFeatures & { index: number; tSec: number })[]> {
  const film = useApp.getState().films.find((f) => f.id === id);
  if (!film?.key) throw new Error(`No analysed film with id ${id}`);
  const out: (FrameFeatures & { index: number; tSec: number })[] = [];
  for (const r of [...film.results].sort((a, b) => a.index - b.index)) {
    const d = await getDetail(film.key, r.index);
    if (!d) throw new Error(`${film.name}: no saved detail for second ${r.index}`);
    out.push({ index: r.index, tSec: r.tSec, naProb: r.naProb, modelProbs: d.modelProbs, vision: d.vision ?? null });
  }
  return out;
}

/** Both export formats of one film, as the film card's CSV and JSON buttons make them. */
function exportFilm(id: string): { name: string; csv: string; json: string } {
  const { films, model } = useApp.getState();
  const film = films.find((f) => f.id === id);
  if (!film) throw new Error(`No film with id ${id}`);
  const input = filmExportInput(film, model);
  const csv = input ? resultsToCsv(film.results, { film: input.film, shots: input.shots }) : resultsToCsv(film.results);
  return { name: film.name, csv, json: filmJsonDocument(film, model) };
}

/** The shot exports of a film (none before its shots are known). */
function exportShotFiles(id: string, stem: string): ExportFile[] {
  const { films, model } = useApp.getState();
  const film = films.find((f) => f.id === id);
  if (!film) throw new Error(`No film with id ${id}`);
  return filmExportFilesFor(film, model, stem, ['shots.csv', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt']);
}

/** Classifies labelled stills and scores them with the app's scoring. */
async function evaluate(files: File[], labels: string[], onProgress?: (done: number, total: number) => void): Promise<EvalResult> {
  if (files.length !== labels.length) throw new Error(`${files.length} files but ${labels.length} labels`);
  const accepted: Set<ScaleCode>[] = [];
  const bad: string[] = [];
  labels.forEach((label, i) => {
    try {
      accepted.push(parseLabel(label));
    } catch (err) {
      bad.push(`row ${i + 1} (${files[i]?.name ?? '?'}): ${(err as Error).message}`);
    }
  });
  if (bad.length) {
    const err = new Error(`${bad.length} bad label(s): ${bad.slice(0, 10).join('; ')}${bad.length > 10 ? '; …' : ''}`);
    err.name = 'LabelError';
    throw err;
  }
  const results: SecondResult[] = [];
  for (let start = 0; start < files.length; start += EVAL_CHUNK) {
    results.push(...(await classifyStills(files.slice(start, start + EVAL_CHUNK))));
    onProgress?.(results.length, files.length);
  }
  const examples: ScoredExample[] = results.map((r, i) => ({ pred: r.label, accepted: accepted[i], label: labels[i].trim().toUpperCase() }));
  const predictions = results.map((r, i) => ({
    index: i,
    label: examples[i].label,
    pred: r.label,
    correct: isCorrect(r.label, accepted[i]),
    withinOne: isWithinOne(r.label, accepted[i]),
    naProb: r.naProb,
    why: r.why,
    probs: Object.fromEntries(SCALE_CODES.map((c, k) => [c, r.probs[k]])) as Record<ScaleCode, number>,
  }));
  return { summary: summarise(examples), predictions };
}

/** Times inferWorker().classify on blank RGBA batches of the model's input size. */
async function benchModel(batches: number, batchSize: number): Promise<ModelBench> {
  if (!(batches >= 1) || !(batchSize >= 1)) throw new Error('batches and batchSize must be at least 1');
  const info = await ensureModel();
  const { width, height } = info.card.input;
  const frameBytes = width * height * 4;
  // A fresh blank batch per call: classify takes ownership of the buffer.
  const blank = () => {
    const rgba = new Uint8ClampedArray(frameBytes * batchSize);
    return Comlink.transfer(rgba, [rgba.buffer as ArrayBuffer]);
  };
  await inferWorker().classify(blank(), batchSize); // warm-up, not timed
  let ms = 0;
  for (let b = 0; b < batches; b++) {
    const input = blank();
    const t0 = performance.now();
    await inferWorker().classify(input, batchSize);
    ms += performance.now() - t0;
  }
  return { framesPerSec: (batches * batchSize) / (ms / 1000), msPerBatch: ms / batches, backend: info.backend, threads: info.threads };
}

/** Runs the pipeline's decode loop (open, prefetching next, close; with `scan`, the cut scan to the end) on a file without inference; timed from after open. */
async function benchDecode(file: File, fps: number, scan = false): Promise<{ framesPerSec: number; frames: number | null }> {
  const { card } = await ensureModel();
  const decode = decodeWorker();
  const info = await decode.probe(file);
  const times = sampleTimes(info.durationSec, fps);
  const jobId = `bench-${crypto.randomUUID()}`;
  let t0 = 0;
  let frames = 0;
  let scanned: number | null = null;
  try {
    await decode.open(
      jobId,
      file,
      times.map((_, i) => i),
      times,
      card.input.width,
      card.input.height,
      scan,
      pipelineOptions.skipNonReference,
    );
    // Timed from after open, as the pipeline's progress.fps is.
    t0 = performance.now();
    let pending = decode.next(jobId, BATCH_SIZE);
    for (;;) {
      const batch = await pending;
      if (!batch) break;
      pending = decode.next(jobId, BATCH_SIZE);
      pending.catch(() => undefined);
      batch.bitmaps.forEach((b) => b.close());
      frames += batch.indices.length;
    }
    if (scan) scanned = (await decode.finishScan(jobId))?.frameCount ?? null;
  } finally {
    await decode.close(jobId);
  }
  return { framesPerSec: frames / ((performance.now() - t0) / 1000), frames: scanned };
}

/** Runs the decode loop of benchDecode (and, with `cnn`, the CNN on each batch) in `parts` fresh workers at once, each on a contiguous share of the sample times. */
async function benchDecodeSplit(file: File, fps: number, parts: number, cnn = false): Promise<{ framesPerSec: number; frames: number; sampleTimes: number }> {
  if (!Number.isInteger(parts) || parts < 1) throw new Error('parts must be a whole number ≥ 1');
  const { card } = await ensureModel();
  const workers = Array.from({ length: parts }, () => extraDecodeWorker());
  try {
    const info = await workers[0].remote.probe(file);
    const times = sampleTimes(info.durationSec, fps);
    const share = Math.ceil(times.length / parts);
    const jobs = workers.map((w, k) => ({ ...w, jobId: `bench-split-${k}`, times: times.slice(k * share, (k + 1) * share) }));
    await Promise.all(jobs.map((j) => j.remote.open(j.jobId, file, j.times.map((_, i) => i), j.times, card.input.width, card.input.height)));
    const t0 = performance.now();
    const counts = await Promise.all(
      jobs.map(async (j) => {
        let frames = 0;
        let pending = j.remote.next(j.jobId, BATCH_SIZE);
        for (;;) {
          const batch = await pending;
          if (!batch) break;
          pending = j.remote.next(j.jobId, BATCH_SIZE);
          pending.catch(() => undefined);
          batch.bitmaps.forEach((b) => b.close());
          frames += batch.indices.length;
          if (cnn) await inferWorker().classify(Comlink.transfer(batch.rgba, [batch.rgba.buffer as ArrayBuffer]), batch.indices.length);
        }
        return frames;
      }),
    );
    const frames = counts.reduce((a, b) => a + b, 0);
    return { framesPerSec: frames / ((performance.now() - t0) / 1000), frames, sampleTimes: times.length };
  } finally {
    workers.forEach((w) => w.terminate());
  }
}

/** Installs `window.shotscale`. */
export function installHeadlessApi(): void {
  const api: HeadlessApi = {
    model: ensureModel,
    analyze: analyzeFiles,
    idle,
    films: () => useApp.getState().films,
    classifyStills,
    exportFilm,
    exportShotFiles,
    setCutDetection: (on: boolean) => {
      pipelineOptions.cuts = on;
    },
    setOverlap: (on: boolean) => {
      pipelineOptions.overlap = on;
    },
    setVision: (on: boolean) => {
      pipelineOptions.vision = on;
    },
    setVisionGate: (on: boolean) => {
      pipelineOptions.visionGate = on;
    },
    setSkipNonReference: (on: boolean) => {
      pipelineOptions.skipNonReference = on;
    },
    setKeepDetails(on) {
      storageOptions.details = on;
    },
    async projectFilm(id) {
      const film = useApp.getState().films.find((f) => f.id === id);
      if (!film) throw new Error(`No film with id ${id}`);
      return projectFilm(film);
    },
    skipCounts,
    stageTimes,
    visionSkipped,
    deleteSaved,
    evaluate,
    benchModel,
    benchDecode,
    benchDecodeSplit,
    benchSignatures: (file, maxFrames) => decodeWorker().benchSignatures(file, maxFrames),
    setCnnThreads,
    detectVision: (file: File) => detectVision(file),
    stillFeatures,
    filmFeatures,
    setPoseMode: (mode) => void (visionOptions.pose = mode),
    setVisionModels: (models) => {
      setVisionModels(models);
      return { ...visionModels };
    },
    fusionParams: () => FUSION_PARAMS,
    fuseFeatures: (frames, params) =>
      frames.map((f) => {
        const a = fuseFrame(f.classes, f, params);
        return f.label === undefined ? a : { ...a, correct: isCorrect(a.label, parseLabel(f.label)) };
      }),
    geometryOf: (frames, params = FUSION_PARAMS) => frames.map((f) => subjectGeometry(f.vision?.faces ?? [], (f.vision?.poses ?? []).map((p) => p.landmarks), params.geometry, f.picture)),
    modelsIdle: async () => {
      await modelsIdle();
      const { choice, problems } = useModels.getState();
      return { choice, problems };
    },
    calibrate: (examples, grid, opts = {}) => crossValidate(examples, grid, opts.start ?? FUSION_PARAMS, opts.folds ?? 5, opts.seed ?? 0, opts.maxSweeps ?? 4),
  };
  (window as unknown as { shotscale: HeadlessApi }).shotscale = api;
}
