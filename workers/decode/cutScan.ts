import { CanvasSink, EncodedPacketSink, VideoSampleSink, type EncodedPacket, type InputVideoTrack, type VideoSample, type WrappedCanvas } from 'mediabunny';
import { CutDetector, frameSignature, SIGNATURE_HEIGHT, SIGNATURE_WIDTH } from '../../src/shared/cuts';
import { inUnreadable } from '../../src/shared/filmShots';
import { variableFrameTimes } from '../../src/shared/frameTiming';
import type { Transition, UnreadableStretch } from '../../src/shared/shotTypes';
import { framesSkippingNonReference, type ScanFrame, type SkipCounts } from './skippingDecoder';
import type { AvcFraming } from './referenceFrames';
import { TinyFrameReader } from './tinyFrame';

/** What a finished scan knows about the film. */
export interface ScanSummary {
  /** Every transition found (those not yet handed over with a batch). */
  transitions: Transition[];
  /** Milliseconds spent scanning (signatures and detector) since the last batch, and decoding. */
  cutsMs: number;
  decodeMs: number;
  /** Frames from the first presented one to the end. */
  frameCount: number;
  /** Film time (s from the first frame) at the end of the last frame. */
  endSec: number;
  /** Each frame's own time, for a variable-frame-rate film only (src/shared/frameTiming.ts). */
  frameTimesSec?: number[];
  /** Stretches no frame of which could be decoded (absent when every frame was read). */
  unreadable?: UnreadableStretch[];
  /** Frames decoded and left undecoded (non-reference frames no sample or cut needed), when the scan skipped. */
  skipping?: SkipCounts;
}

/** What the canvas generator yields for a wanted time inside an unreadable stretch. */
export const UNREADABLE = 'unreadable' as const;

/** How far past the end of the last frame a wanted time still shows that frame (a clean end, not a cut-off file). */
const CLEAN_END_SLACK_SEC = 1;

/**
 * Decodes every frame of a track once, in presentation order: each frame's tiny signature goes to
 * the cut detector, and the frames shown at the wanted times are drawn for the model. Replaces a
 * sink that decodes every frame anyway but hands over only the sampled ones.
 */
export class CutScan {
  /** Cut detector of the stretch being read (a new one after each unreadable stretch). */
  private detector: CutDetector;
  private samples: AsyncGenerator<ScanFrame, void, unknown>;
  private readonly skipCounts: SkipCounts = { decoded: 0, skipped: 0, keptNonReference: 0 };
  /** Wanted source times (sorted), which the skipping decoder always decodes. */
  private wantedTimes: readonly number[] = [];
  private readonly packets: EncodedPacketSink;
  private readonly fps: number;
  /** Stretches found unreadable so far, in film order. */
  private readonly unreadable: UnreadableStretch[] = [];
  /** Source time the current decoder started at, and whether it has given a frame yet. */
  private restartSourceSec: number;
  private readSinceRestart = false;
  private readonly sigCtx: OffscreenCanvasRenderingContext2D;
  private readonly frameCtx: OffscreenCanvasRenderingContext2D;
  private readonly pending: Transition[] = [];
  private readonly tiny = new TinyFrameReader(SIGNATURE_WIDTH, SIGNATURE_HEIGHT);
  private readonly tinyPixels = new Uint8ClampedArray(SIGNATURE_WIDTH * SIGNATURE_HEIGHT * 4);
  private frames = 0;
  /** Frame number of the last frame decoded (−1 before the first). */
  private lastRead = -1;
  /** Each frame's film time, in presentation order (frames 0 … frames − 1). */
  private frameTimes = new Float64Array(4096);
  private endSourceSec: number;
  private ended = false;
  /** Milliseconds spent on signatures and the detector, not yet taken (takeCutsMs). */
  private cutsMs = 0;
  /** Frame number of each canvas handed out, in order (read with takeFrameNumber). */
  private readonly handedFrames: number[] = [];
  /** Frames left undecoded since the last decoded one (number, film time): they reach the detector once the next decoded frame is known. */
  private readonly undecoded: { frame: number; tSec: number }[] = [];
  /** Signature and film time of the last decoded frame the current detector saw. */
  private lastSignature: { sig: Float32Array; tSec: number } | null = null;

  constructor(
    private readonly track: InputVideoTrack,
    private readonly startTimestampSec: number,
    /** The video track's duration as the container states it (the probe's). */
    private readonly statedDurationSec: number,
    frameWidth: number,
    frameHeight: number,
    fpsHint: number,
    /** H.264 packet framing when non-reference frames may be left undecoded (null: decode every frame). */
    private readonly skipping: AvcFraming | null = null,
  ) {
    this.fps = fpsHint > 0 ? fpsHint : 24;
    this.detector = new CutDetector({ framesPerSec: this.fps });
    this.samples = this.framesFrom(startTimestampSec);
    this.packets = new EncodedPacketSink(track);
    this.restartSourceSec = startTimestampSec;
    this.sigCtx = new OffscreenCanvas(SIGNATURE_WIDTH, SIGNATURE_HEIGHT).getContext('2d', { willReadFrequently: true })!;
    this.frameCtx = new OffscreenCanvas(frameWidth, frameHeight).getContext('2d')!;
    this.endSourceSec = startTimestampSec;
  }

  /**
   * Reads the next frame: signature to the detector; returns it (caller closes) or null at the end.
   * A decoder error costs only the frames up to the next key frame: the stretch is marked
   * unreadable and a fresh decoder starts there, as often as the file has damaged stretches.
   */
  private async advance(): Promise<VideoSample | null> {
    while (!this.ended) {
      let step: IteratorResult<ScanFrame, void>;
      try {
        step = await this.samples.next();
      } catch (err) {
        await this.skipDamage((err as Error)?.message ?? String(err));
        continue;
      }
      if (step.done) {
        await this.endOfFrames();
        break;
      }
      this.readSinceRestart = true;
      const frame = step.value;
      if ('skippedSec' in frame) {
        this.skipFrame(frame.skippedSec, frame.durationSec);
        continue;
      }
      await this.scanFrame(frame.sample);
      return frame.sample;
    }
    return null;
  }

  /** Every frame from the key frame at or before source time `sec`: decoded, or (when skipping) a non-reference frame's time only. */
  private framesFrom(sec: number): AsyncGenerator<ScanFrame, void, unknown> {
    if (this.skipping) return framesSkippingNonReference(this.track, this.skipping, sec, (a, b) => this.isWanted(a, b), this.skipCounts);
    return (async function* (samples: AsyncGenerator<VideoSample, void, unknown>) {
      for await (const sample of samples) yield { sample };
    })(new VideoSampleSink(this.track).samples(sec));
  }

  /** True when a wanted source time lies in [from, to). */
  private isWanted(from: number, to: number): boolean {
    const times = this.wantedTimes;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < from - 1e-6) lo = mid + 1;
      else hi = mid;
    }
    return lo < times.length && times[lo] < to - 1e-6;
  }

  /**
   * A frame left undecoded: counted at its time; the detector gets it, with a signature blended
   * from the decoded frames either side, when the next one is decoded (toDetector).
   */
  private skipFrame(sourceSec: number, durationSec: number): void {
    this.lastRead = this.frames;
    this.undecoded.push({ frame: this.frames, tSec: sourceSec - this.startTimestampSec });
    this.recordFrame(sourceSec - this.startTimestampSec);
    this.endSourceSec = Math.max(this.endSourceSec, sourceSec + (durationSec || 0));
  }

  /** The signature of a decoded frame to the detector; its time recorded. */
  private async scanFrame(sample: VideoSample): Promise<void> {
    const t0 = performance.now();
    try {
      let pixels = this.tinyPixels;
      if (!(await this.tiny.read(sample, pixels))) {
        sample.drawWithFit(this.sigCtx, { fit: 'fill' });
        pixels = this.sigCtx.getImageData(0, 0, SIGNATURE_WIDTH, SIGNATURE_HEIGHT).data;
      }
      this.toDetector(this.frames, sample.timestamp - this.startTimestampSec, frameSignature(pixels, SIGNATURE_WIDTH, SIGNATURE_HEIGHT));
    } catch (err) {
      sample.close();
      throw err;
    }
    this.cutsMs += performance.now() - t0;
    this.lastRead = this.frames;
    this.recordFrame(sample.timestamp - this.startTimestampSec);
    this.endSourceSec = Math.max(this.endSourceSec, sample.timestamp + (sample.duration || 0));
  }

  /**
   * A decoded frame's signature to the detector, after the frames left undecoded before it: each
   * of those gets the blend of the decoded frames either side at its time (the one side's alone at
   * the start of a stretch), marked interpolated. With no decoded frame after (`sig` null, at the
   * end of a stretch), they get the last decoded frame's.
   */
  private toDetector(frame: number, tSec: number, sig: Float32Array | null): void {
    const prev = this.lastSignature;
    for (const u of this.undecoded) {
      const from = prev ?? (sig ? { sig, tSec } : null);
      const to = sig ?? prev?.sig;
      if (!from || !to) break;
      const span = tSec - from.tSec;
      const alpha = sig && prev && span > 0 ? Math.min(1, Math.max(0, (u.tSec - from.tSec) / span)) : 0;
      const blend = new Float32Array(from.sig.length);
      for (let k = 0; k < blend.length; k++) blend[k] = from.sig[k] + alpha * (to[k] - from.sig[k]);
      this.pending.push(...this.detector.push(u.frame, u.tSec, blend, true));
    }
    this.undecoded.length = 0;
    if (!sig) return;
    this.pending.push(...this.detector.push(frame, tSec, sig));
    this.lastSignature = { sig, tSec };
  }

  /** Ends the detector's stretch: frames left undecoded at its end go in first; the next stretch starts afresh. */
  private finishDetector(): void {
    this.toDetector(-1, 0, null);
    this.lastSignature = null;
    this.pending.push(...this.detector.finish());
  }

  /** Counts a frame (read or lost) at film time `tSec`. */
  private recordFrame(tSec: number): void {
    if (this.frames === this.frameTimes.length) {
      const grown = new Float64Array(this.frameTimes.length * 2);
      grown.set(this.frameTimes);
      this.frameTimes = grown;
    }
    this.frameTimes[this.frames] = tSec;
    this.frames++;
  }

  /** Source time of the last frame read, or undefined before the first. */
  private lastReadSourceSec(): number | undefined {
    return this.lastRead >= 0 ? this.startTimestampSec + this.frameTimes[this.lastRead] : undefined;
  }

  /**
   * After a decoder error: the frames from the last one read (or from where this decoder started,
   * when it gave none) to the next key frame are lost; a fresh decoder starts at that key frame.
   */
  private async skipDamage(reason: string): Promise<void> {
    await this.samples.return(undefined).catch(() => undefined);
    const last = this.readSinceRestart ? this.lastReadSourceSec() : undefined;
    const from = last ?? this.restartSourceSec;
    const key = await this.keyPacketAfter(from).catch(() => null);
    const until = key?.timestamp ?? this.statedEndSourceSec();
    await this.recordLoss(await this.lostFrameTimes(from, last !== undefined, until), until, `decoder error: ${reason}`, key !== null);
    if (!key) {
      this.end();
      return;
    }
    this.restartSourceSec = key.timestamp;
    this.readSinceRestart = false;
    this.samples = this.framesFrom(key.timestamp);
  }

  /** The first key packet after source time `sec` (in presentation order), or null when none is left. */
  private async keyPacketAfter(sec: number): Promise<EncodedPacket | null> {
    const options = { metadataOnly: true };
    let key = (await this.packets.getKeyPacket(sec, options)) ?? (await this.packets.getFirstKeyPacket(options));
    while (key && key.timestamp <= sec + 1e-6) key = await this.packets.getNextKeyPacket(key, options);
    return key;
  }

  /** Source time at the end of the video track, as the container states it (the probe's duration). */
  private statedEndSourceSec(): number {
    return this.startTimestampSec + this.statedDurationSec;
  }

  /**
   * At the decoder's end: when the container lists frames after the last one read, or states a
   * duration that runs on more than a second past it, the file ends early and the rest is unreadable.
   */
  private async endOfFrames(): Promise<void> {
    if (this.lastRead < 0) return this.end();
    const last = this.readSinceRestart ? this.lastReadSourceSec() : undefined;
    const from = last ?? this.restartSourceSec;
    const until = this.statedEndSourceSec();
    const listed = await this.listedFrameTimes(from, last !== undefined, Number.POSITIVE_INFINITY);
    const lost = listed.length > 0 ? listed : until - this.endSourceSec > CLEAN_END_SLACK_SEC ? this.nominalFrameTimes(from, last !== undefined, until) : [];
    const endsAt = (Math.max(this.endSourceSec, this.restartSourceSec) - this.startTimestampSec).toFixed(1);
    await this.recordLoss(lost, Math.max(until, (listed[listed.length - 1] ?? 0) + 1 / this.fps), `the data ends at ${endsAt} s of the ${this.statedDurationSec.toFixed(1)} s its header states (a file cut off, or an unfinished download)`, false);
    this.end();
  }

  /** No frames are left: the detector decides its last frames. */
  private end(): void {
    this.ended = true;
    this.finishDetector();
  }

  /**
   * Counts the lost frames (source times, ascending) as one unreadable stretch ending at `until`
   * (joined to the stretch before when they follow on from it); closes the detector's stretch and
   * starts a new detector for the frames after it, which open with a 'resume' (when `resumes`).
   */
  private async recordLoss(times: readonly number[], until: number, reason: string, resumes: boolean): Promise<void> {
    if (times.length === 0) return;
    this.finishDetector();
    this.detector = new CutDetector({ framesPerSec: this.fps });
    const startFrame = this.frames;
    for (const t of times) this.recordFrame(t - this.startTimestampSec);
    const endFrame = this.frames - 1;
    const endSource = Math.max(until, times[times.length - 1] + 1 / this.fps);
    this.endSourceSec = Math.max(this.endSourceSec, endSource);
    const endSec = endSource - this.startTimestampSec;
    const prev = this.unreadable[this.unreadable.length - 1];
    if (prev && prev.endFrame === startFrame - 1) {
      // A fresh decoder that failed again at its key frame: the same stretch goes on.
      prev.endFrame = endFrame;
      prev.endSec = endSec;
      const resume = this.pending.findIndex((t) => t.kind === 'resume' && t.shotStartFrame === startFrame);
      if (resume >= 0) this.pending.splice(resume, 1);
    } else {
      this.unreadable.push({ startFrame, endFrame, startSec: times[0] - this.startTimestampSec, endSec, reason });
      this.pending.push({ kind: 'unreadable', startFrame, endFrame, shotStartFrame: startFrame, score: 1 });
    }
    if (resumes) this.pending.push({ kind: 'resume', startFrame: endFrame + 1, endFrame: endFrame + 1, shotStartFrame: endFrame + 1, score: 0 });
  }

  /** Source times of the frames lost between `from` (exclusive when `afterFrom`) and `until`: the container's, else at the nominal rate. */
  private async lostFrameTimes(from: number, afterFrom: boolean, until: number): Promise<number[]> {
    const listed = await this.listedFrameTimes(from, afterFrom, until);
    return listed.length > 0 || !Number.isFinite(until) ? listed : this.nominalFrameTimes(from, afterFrom, until);
  }

  /** Presentation times the container's index lists between `from` and `until` (none where it cannot be read). */
  private async listedFrameTimes(from: number, afterFrom: boolean, until: number): Promise<number[]> {
    const options = { metadataOnly: true };
    const inRange = (t: number) => (afterFrom ? t > from + 1e-6 : t >= from - 1e-6) && t < until - 1e-6;
    const listed: number[] = [];
    try {
      let p = (await this.packets.getKeyPacket(from, options)) ?? (await this.packets.getFirstPacket(options));
      // Decode order runs a little ahead of presentation (B-frames): read on to the second key frame past `until`.
      let keysPast = 0;
      for (; p; p = await this.packets.getNextPacket(p, options)) {
        if (p.type === 'key' && p.timestamp >= until - 1e-6 && ++keysPast > 1) break;
        if (inRange(p.timestamp)) listed.push(p.timestamp);
      }
    } catch {
      // No readable index here (a damaged stream that carries none): the caller falls back on the nominal rate.
    }
    return listed.sort((a, b) => a - b);
  }

  /** Times at the nominal frame rate between `from` (exclusive when `afterFrom`) and `until`. */
  private nominalFrameTimes(from: number, afterFrom: boolean, until: number): number[] {
    const out: number[] = [];
    for (let k = afterFrom ? 1 : 0; from + k / this.fps < until - 0.5 / this.fps; k++) out.push(from + k / this.fps);
    return out;
  }

  /**
   * The frame shown at each wanted source time (sorted), drawn at the worker's frame size, like
   * mediabunny's CanvasSink.canvasesAtTimestamps; every frame in between is scanned for cuts.
   * When skipping, the frames at `decodedTimes` (sorted, holding every one of `sourceTimes`: all of
   * a film's sample times, where a resumed analysis hands over only the rest) are the ones decoded,
   * so the cuts found do not depend on which samples are still to do.
   */
  async *canvasesAtTimestamps(sourceTimes: readonly number[], decodedTimes: readonly number[] = sourceTimes): AsyncGenerator<WrappedCanvas | typeof UNREADABLE | null, void, unknown> {
    this.wantedTimes = decodedTimes;
    let next = 0;
    while (next < sourceTimes.length) {
      const sample = await this.advance();
      if (!sample) {
        // Past the last frame. Times in a stretch found unreadable have no frame; times just after
        // the last frame (a container whose duration runs a little past its frames) show it, as a
        // player does; times further on have none.
        const last = this.lastRead >= 0 && next < sourceTimes.length && sourceTimes[next] < this.endSourceSec + CLEAN_END_SLACK_SEC ? await this.lastCanvas() : null;
        for (; next < sourceTimes.length; next++) {
          if (this.isUnreadable(sourceTimes[next])) yield UNREADABLE;
          else if (last && sourceTimes[next] < this.endSourceSec + CLEAN_END_SLACK_SEC) {
            this.handedFrames.push(this.lastRead);
            yield last;
          } else yield null;
        }
        return;
      }
      while (next < sourceTimes.length && sourceTimes[next] < sample.timestamp - 1e-6 && this.isUnreadable(sourceTimes[next])) {
        next++;
        yield UNREADABLE;
      }
      const frame = this.frames - 1;
      const end = sample.timestamp + (sample.duration > 0 ? sample.duration : 1 / 1000);
      const wanted: number[] = [];
      while (next < sourceTimes.length && sourceTimes[next] < end - 1e-6) wanted.push(sourceTimes[next++]);
      if (wanted.length) {
        // Rotation and flip metadata applied, as the sink did.
        sample.drawWithFit(this.frameCtx, { fit: 'fill' });
      }
      const { timestamp, duration } = sample;
      sample.close();
      for (let i = 0; i < wanted.length; i++) {
        this.handedFrames.push(frame);
        yield { canvas: this.frameCtx.canvas, timestamp, duration };
      }
    }
  }

  /** True when source time `t` lies in a stretch found unreadable. */
  private isUnreadable(t: number): boolean {
    return inUnreadable(this.unreadable, t - this.startTimestampSec);
  }

  /** The last frame, decoded again and drawn at the worker's frame size (the scan closed it). */
  private async lastCanvas(): Promise<WrappedCanvas | null> {
    const lastSec = this.startTimestampSec + this.frameTimes[this.lastRead];
    const wrapped = await new CanvasSink(this.track, { width: this.frameCtx.canvas.width, height: this.frameCtx.canvas.height, fit: 'fill' }).getCanvas(lastSec).catch(() => null);
    if (!wrapped) return null;
    this.frameCtx.drawImage(wrapped.canvas, 0, 0);
    return { canvas: this.frameCtx.canvas, timestamp: wrapped.timestamp, duration: wrapped.duration };
  }

  /** Frame number of the oldest canvas handed out and not yet asked about. */
  takeFrameNumber(): number | undefined {
    return this.handedFrames.shift();
  }

  /** Milliseconds spent on cut signatures and the detector since the last call. */
  takeCutsMs(): number {
    const ms = this.cutsMs;
    this.cutsMs = 0;
    return ms;
  }

  /** Transitions found since the last call. */
  takeTransitions(): Transition[] {
    return this.pending.splice(0);
  }

  /** Scans the frames after the last wanted one, to the end of the film. */
  async finish(): Promise<ScanSummary> {
    const t0 = performance.now();
    for (;;) {
      const sample = await this.advance();
      if (!sample) break;
      sample.close();
    }
    const cutsMs = this.takeCutsMs();
    const decodeMs = performance.now() - t0 - cutsMs;
    const endSec = this.endSourceSec - this.startTimestampSec;
    const vfr = variableFrameTimes(this.frameTimes.subarray(0, this.frames), endSec);
    return {
      transitions: this.takeTransitions(),
      frameCount: this.frames,
      endSec,
      cutsMs,
      decodeMs,
      ...(vfr ? { frameTimesSec: vfr.frameTimesSec } : {}),
      ...(this.unreadable.length ? { unreadable: this.unreadable.map((u) => ({ ...u })) } : {}),
      ...(this.skipping ? { skipping: { ...this.skipCounts } } : {}),
    };
  }

  /** Stops decoding. */
  async close(): Promise<void> {
    await this.samples.return(undefined).catch(() => undefined);
  }
}
