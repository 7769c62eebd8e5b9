import { CanvasSink, VideoSampleSink, type InputVideoTrack, type VideoSample, type WrappedCanvas } from 'mediabunny';
import { CutDetector, frameSignature, SIGNATURE_HEIGHT, SIGNATURE_WIDTH } from '../../src/shared/cuts';
import { variableFrameTimes } from '../../src/shared/frameTiming';
import type { Transition } from '../../src/shared/shotTypes';
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
}

/** How far past the end of the last frame a wanted time still shows that frame (a clean end, not a cut-off file). */
const CLEAN_END_SLACK_SEC = 1;

/**
 * Decodes every frame of a track once, in presentation order: each frame's tiny signature goes to
 * the cut detector, and the frames shown at the wanted times are drawn for the model. Replaces a
 * sink that decodes every frame anyway but hands over only the sampled ones.
 */
export class CutScan {
  private readonly detector: CutDetector;
  private readonly samples: AsyncGenerator<VideoSample, void, unknown>;
  private readonly sigCtx: OffscreenCanvasRenderingContext2D;
  private readonly frameCtx: OffscreenCanvasRenderingContext2D;
  private readonly pending: Transition[] = [];
  private readonly tiny = new TinyFrameReader(SIGNATURE_WIDTH, SIGNATURE_HEIGHT);
  private readonly tinyPixels = new Uint8ClampedArray(SIGNATURE_WIDTH * SIGNATURE_HEIGHT * 4);
  private frames = 0;
  /** Each frame's film time, in presentation order (frames 0 … frames − 1). */
  private frameTimes = new Float64Array(4096);
  private endSourceSec: number;
  private ended = false;
  /** Milliseconds spent on signatures and the detector, not yet taken (takeCutsMs). */
  private cutsMs = 0;
  /** Frame number of each canvas handed out, in order (read with takeFrameNumber). */
  private readonly handedFrames: number[] = [];

  constructor(
    private readonly track: InputVideoTrack,
    private readonly startTimestampSec: number,
    frameWidth: number,
    frameHeight: number,
    fpsHint: number,
  ) {
    this.detector = new CutDetector({ framesPerSec: fpsHint > 0 ? fpsHint : 24 });
    this.samples = new VideoSampleSink(track).samples(startTimestampSec);
    this.sigCtx = new OffscreenCanvas(SIGNATURE_WIDTH, SIGNATURE_HEIGHT).getContext('2d', { willReadFrequently: true })!;
    this.frameCtx = new OffscreenCanvas(frameWidth, frameHeight).getContext('2d')!;
    this.endSourceSec = startTimestampSec;
  }

  /** Reads the next frame: signature to the detector; returns it (caller closes) or null at the end. */
  private async advance(): Promise<VideoSample | null> {
    if (this.ended) return null;
    const step = await this.samples.next();
    if (step.done) {
      this.ended = true;
      this.pending.push(...this.detector.finish());
      return null;
    }
    const sample = step.value;
    const t0 = performance.now();
    try {
      let pixels = this.tinyPixels;
      if (!(await this.tiny.read(sample, pixels))) {
        sample.drawWithFit(this.sigCtx, { fit: 'fill' });
        pixels = this.sigCtx.getImageData(0, 0, SIGNATURE_WIDTH, SIGNATURE_HEIGHT).data;
      }
      this.pending.push(...this.detector.push(this.frames, sample.timestamp - this.startTimestampSec, frameSignature(pixels, SIGNATURE_WIDTH, SIGNATURE_HEIGHT)));
    } catch (err) {
      sample.close();
      throw err;
    }
    this.cutsMs += performance.now() - t0;
    if (this.frames === this.frameTimes.length) {
      const grown = new Float64Array(this.frameTimes.length * 2);
      grown.set(this.frameTimes);
      this.frameTimes = grown;
    }
    this.frameTimes[this.frames] = sample.timestamp - this.startTimestampSec;
    this.frames++;
    this.endSourceSec = Math.max(this.endSourceSec, sample.timestamp + (sample.duration || 0));
    return sample;
  }

  /**
   * The frame shown at each wanted source time (sorted), drawn at the worker's frame size, like
   * mediabunny's CanvasSink.canvasesAtTimestamps; every frame in between is scanned for cuts.
   */
  async *canvasesAtTimestamps(sourceTimes: readonly number[]): AsyncGenerator<WrappedCanvas | null, void, unknown> {
    let next = 0;
    while (next < sourceTimes.length) {
      const sample = await this.advance();
      if (!sample) {
        // Past the last frame. Times just after it (a container whose duration runs a little past
        // its frames) show the last frame, as a player does; times further on have no frame.
        const last = this.frames > 0 && next < sourceTimes.length && sourceTimes[next] < this.endSourceSec + CLEAN_END_SLACK_SEC ? await this.lastCanvas() : null;
        for (; next < sourceTimes.length; next++) {
          if (last && sourceTimes[next] < this.endSourceSec + CLEAN_END_SLACK_SEC) {
            this.handedFrames.push(this.frames - 1);
            yield last;
          } else yield null;
        }
        return;
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

  /** The last frame, decoded again and drawn at the worker's frame size (the scan closed it). */
  private async lastCanvas(): Promise<WrappedCanvas | null> {
    const lastSec = this.startTimestampSec + this.frameTimes[this.frames - 1];
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
    return { transitions: this.takeTransitions(), frameCount: this.frames, endSec, cutsMs, decodeMs, ...(vfr ? { frameTimesSec: vfr.frameTimesSec } : {}) };
  }

  /** Stops decoding. */
  async close(): Promise<void> {
    await this.samples.return(undefined).catch(() => undefined);
  }
}
