import * as Comlink from 'comlink';
import { CanvasSink, type WrappedCanvas } from 'mediabunny';
import { analysisError, analysisErrorName } from '../src/shared/errors';
import { filmTimeSec, sourceTimestampSec } from '../src/shared/timeOrigin';
import type { FrameBatch, VideoInfo } from '../src/shared/types';
import { CutScan, UNREADABLE, type ScanSummary } from './decode/cutScan';
import { concatFrames, FrameRenderer } from './decode/frames';
import { openVideo, type OpenedVideo } from './decode/probe';
import { skippingFraming } from './decode/skippingDecoder';
import { benchSignatures, type SignatureBench } from './decode/signatureBench';

/** Widest frame the sink hands us; enough for a 384 px thumbnail and a 224 px model input. */
const SINK_MAX_WIDTH = 768;

interface Job {
  video: OpenedVideo;
  renderer: FrameRenderer;
  indices: number[];
  times: number[];
  cursor: number;
  frames: AsyncGenerator<WrappedCanvas | typeof UNREADABLE | null, void, unknown>;
  /** Every-frame scan for cuts, when asked for. */
  scan?: CutScan;
}

const jobs = new Map<string, Job>();

function closeJob(jobId: string): void {
  const job = jobs.get(jobId);
  if (!job) return;
  jobs.delete(jobId);
  void job.frames.return(undefined).catch(() => undefined);
  void job.scan?.close();
  job.video.input.dispose();
}

const api = {
  /** Answers at once: the main thread's liveness check (src/pipeline/supervisor.ts). */
  ping(): true {
    return true;
  },

  /** Opens a video, validates it and reports what it is, with its fingerprint over every byte (`onProgress` hears the bytes read); throws named errors. */
  async probe(file: File, onProgress?: (doneBytes: number, totalBytes: number) => void): Promise<VideoInfo> {
    const video = await openVideo(file, onProgress ?? true);
    video.input.dispose();
    return video.info;
  },

  /**
   * Starts a decode job that will yield the frames at film `times` (sorted; seconds from the first
   * frame), tagged with `indices`. With `cuts`, every frame of the film is decoded once and scanned
   * for shot boundaries (batches carry them; finishScan scans the rest after the last sample);
   * with `skipNonReference`, frames no other frame needs are left undecoded unless a sample or a
   * cut needs them (workers/decode/skippingDecoder.ts).
   */
  async open(jobId: string, file: File, indices: number[], times: number[], inputWidth: number, inputHeight: number, cuts = false, skipNonReference = false, allTimes?: number[]): Promise<VideoInfo> {
    closeJob(jobId);
    const video = await openVideo(file);
    const { width, height } = video.info;
    const sinkWidth = Math.min(width, SINK_MAX_WIDTH);
    const sinkHeight = Math.max(2, Math.round((height / width) * sinkWidth));
    const sourceTimes = times.map((tSec) => sourceTimestampSec(tSec, video.info));
    let scan: CutScan | undefined;
    let frames: Job['frames'];
    if (cuts) {
      const stats = await video.track.computePacketStats(240).catch(() => null);
      const skipping = skipNonReference ? await skippingFraming(video.track) : null;
      scan = new CutScan(video.track, video.info.startTimestampSec, video.info.durationSec, sinkWidth, sinkHeight, stats?.averagePacketRate ?? 24, skipping);
      frames = scan.canvasesAtTimestamps(sourceTimes, allTimes ? allTimes.map((tSec) => sourceTimestampSec(tSec, video.info)) : sourceTimes);
    } else {
      frames = new CanvasSink(video.track, { width: sinkWidth, height: sinkHeight, fit: 'fill', poolSize: 2 }).canvasesAtTimestamps(sourceTimes);
    }
    jobs.set(jobId, { video, renderer: new FrameRenderer(inputWidth, inputHeight), indices, times, cursor: 0, frames, scan });
    return video.info;
  },

  /** Scans a cut-scanning job's frames after its last sample to the end; returns what the scan found and ends the job. */
  async finishScan(jobId: string): Promise<ScanSummary | null> {
    const job = jobs.get(jobId);
    if (!job?.scan) return null;
    try {
      return await job.scan.finish();
    } finally {
      closeJob(jobId);
    }
  },

  /** Decodes up to `count` more frames of a job; null when the job has no frames left. */
  async next(jobId: string, count: number): Promise<FrameBatch | null> {
    const job = jobs.get(jobId);
    if (!job) return null;
    const rgba: Uint8ClampedArray[] = [];
    const batch: Omit<FrameBatch, 'rgba'> = {
      indices: [],
      tSec: [],
      frameTimestampSec: [],
      width: job.renderer.inputWidth,
      height: job.renderer.inputHeight,
      content: { x: 0, y: 0, width: 0, height: 0 },
      thumbs: [],
      stats: [],
      bitmaps: [],
    };
    const workerMs = { decode: 0, cuts: 0, render: 0 };
    while (batch.indices.length < count && job.cursor < job.times.length) {
      let step: IteratorResult<WrappedCanvas | typeof UNREADABLE | null>;
      const t0 = performance.now();
      try {
        step = await job.frames.next();
        workerMs.decode += performance.now() - t0;
      } catch (err) {
        const at = job.times[job.cursor].toFixed(1);
        closeJob(jobId);
        if (batch.indices.length > 0) {
          // Hand over what decoded; the error surfaces on the next call.
          jobs.set(jobId, failedJob(job, err, at));
          break;
        }
        throw decodeFailure(err, at, job.video.info.durationSec);
      }
      if (step.done) break;
      const wrapped = step.value;
      const tSec = job.times[job.cursor];
      if (wrapped === UNREADABLE) {
        // In a stretch no frame of which decodes (the scan's summary says which): no answer, not a guess.
        batch.unreadable = (batch.unreadable ?? 0) + 1;
        job.cursor++;
        continue;
      }
      if (!wrapped) {
        closeJob(jobId);
        const error = analysisError('TruncatedFileError', `No frame could be decoded at ${tSec.toFixed(1)} s of ${job.video.info.durationSec.toFixed(1)} s.`);
        if (batch.indices.length > 0) {
          jobs.set(jobId, failedJob(job, error, tSec.toFixed(1)));
          break;
        }
        throw error;
      }
      const { canvas } = wrapped;
      const t1 = performance.now();
      const frame = await job.renderer.render(canvas, canvas.width, canvas.height);
      workerMs.render += performance.now() - t1;
      batch.indices.push(job.indices[job.cursor]);
      batch.tSec.push(tSec);
      batch.frameTimestampSec.push(filmTimeSec(wrapped.timestamp, job.video.info));
      if (job.scan) (batch.frames ??= []).push(job.scan.takeFrameNumber() ?? -1);
      batch.content = frame.content;
      batch.thumbs.push(frame.thumb);
      batch.stats.push(frame.stats);
      batch.bitmaps.push(frame.bitmap);
      rgba.push(frame.rgba);
      job.cursor++;
    }
    if (batch.indices.length === 0) {
      // A scanning job stays open for finishScan.
      if (!job.scan) closeJob(jobId);
      return null;
    }
    if (job.scan) {
      batch.transitions = job.scan.takeTransitions();
      workerMs.cuts = job.scan.takeCutsMs();
      workerMs.decode -= workerMs.cuts;
    }
    const result: FrameBatch = { ...batch, rgba: concatFrames(rgba), workerMs };
    return Comlink.transfer(result, [result.rgba.buffer as ArrayBuffer, ...result.bitmaps]);
  },

  /** Letterboxes still images (for evaluation on labelled stills). */
  async stills(files: File[], inputWidth: number, inputHeight: number): Promise<FrameBatch> {
    const renderer = new FrameRenderer(inputWidth, inputHeight);
    const rgba: Uint8ClampedArray[] = [];
    const batch: Omit<FrameBatch, 'rgba'> = { indices: [], tSec: [], frameTimestampSec: [], width: inputWidth, height: inputHeight, content: { x: 0, y: 0, width: 0, height: 0 }, thumbs: [], stats: [], bitmaps: [] };
    for (const [i, file] of files.entries()) {
      const bitmap = await createImageBitmap(file);
      const frame = await renderer.render(bitmap, bitmap.width, bitmap.height);
      bitmap.close();
      batch.indices.push(i);
      batch.tSec.push(0);
      batch.frameTimestampSec.push(0);
      batch.thumbs.push(frame.thumb);
      batch.stats.push(frame.stats);
      batch.bitmaps.push(frame.bitmap);
      batch.content = frame.content;
      rgba.push(frame.rgba);
    }
    const result: FrameBatch = { ...batch, rgba: concatFrames(rgba) };
    return Comlink.transfer(result, [result.rgba.buffer as ArrayBuffer, ...result.bitmaps]);
  },

  /** Milliseconds per frame of each way to make a cut signature's tiny picture, on the first `maxFrames` frames (the bench). */
  benchSignatures(file: File, maxFrames: number): Promise<SignatureBench> {
    return benchSignatures(file, maxFrames);
  },

  /** Stops a job and frees its decoder. */
  close(jobId: string): void {
    closeJob(jobId);
  },
};

function decodeFailure(err: unknown, atSec: string, durationSec: number): Error {
  if (analysisErrorName(err)) return err as Error;
  const message = (err as Error)?.message ?? String(err);
  return analysisError('DecodeError', `Decoding stopped at ${atSec} s of ${durationSec.toFixed(1)} s: ${message}`);
}

/** A job whose next call throws the error that stopped it (after its last good frames were handed over). */
function failedJob(job: Job, err: unknown, atSec: string): Job {
  const error = decodeFailure(err, atSec, job.video.info.durationSec);
  return {
    ...job,
    frames: (async function* () {
      throw error;
    })() as Job['frames'],
  };
}

/** The decode worker's interface, imported as a type by the main thread. */
export type DecodeApi = typeof api;

Comlink.expose(api);
