import { VideoSampleSink, type InputVideoTrack, type VideoSample, type WrappedCanvas } from 'mediabunny';
import { CutDetector, frameSignature, SIGNATURE_HEIGHT, SIGNATURE_WIDTH } from '../../src/shared/cuts';
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
}

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
  private endSourceSec: number;
  private ended = false;
  /** Milliseconds spent on signatures and the detector, not yet taken (takeCutsMs). */
  private cutsMs = 0;
  /** Frame number of each canvas handed out, in order (read with takeFrameNumber). */
  private readonly handedFrames: number[] = [];

  constructor(
    track: InputVideoTrack,
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
        // Past the last frame: the remaining times have no frame.
        for (; next < sourceTimes.length; next++) yield null;
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
    return { transitions: this.takeTransitions(), frameCount: this.frames, endSec: this.endSourceSec - this.startTimestampSec, cutsMs, decodeMs };
  }

  /** Stops decoding. */
  async close(): Promise<void> {
    await this.samples.return(undefined).catch(() => undefined);
  }
}
