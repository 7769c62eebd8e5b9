import { VideoSampleSink, type VideoSample } from 'mediabunny';
import { SIGNATURE_HEIGHT, SIGNATURE_WIDTH } from '../../src/shared/cuts';
import { openVideo } from './probe';
import { TinyFrameReader } from './tinyFrame';

/** Milliseconds per frame of each way to get a cut signature's tiny picture, on the same frames. */
export interface SignatureBench {
  frames: number;
  format: string;
  /** The whole frame's planes copied out, then 3×3 taps per output pixel (what the scan does). */
  planesMs: number;
  /** Only the copy of the whole frame's planes (the share of planesMs that is copying). */
  copyOnlyMs: number;
  /** Only the rows the taps read copied out (one two-row stripe per tap row), then the same taps. */
  rowsMs: number;
  /** Largest difference between the rows and planes pictures (0: the same signature). */
  rowsMaxDiff: number;
  /** The frame drawn at signature size on a 2D canvas and read back. */
  canvasMs: number;
  /** createImageBitmap resizing to signature size, then drawn and read back. */
  bitmapMs: number;
}

/** Times the ways of making a signature's tiny picture on the first `maxFrames` frames of `file`. */
export async function benchSignatures(file: File, maxFrames: number): Promise<SignatureBench> {
  const video = await openVideo(file);
  const w = SIGNATURE_WIDTH;
  const h = SIGNATURE_HEIGHT;
  const planes = new TinyFrameReader(w, h);
  const rows = new TinyFrameReader(w, h, 'rows');
  const a = new Uint8ClampedArray(w * h * 4);
  const b = new Uint8ClampedArray(w * h * 4);
  const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
  const out = { frames: 0, format: '', planesMs: 0, copyOnlyMs: 0, rowsMs: 0, rowsMaxDiff: 0, canvasMs: 0, bitmapMs: 0 };
  let copyBuffer = new Uint8Array(0);
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  try {
    for await (const sample of new VideoSampleSink(video.track).samples()) {
      try {
        if (out.frames >= maxFrames) break;
        out.format = String(sample.format);
        out.planesMs += await time(() => planes.read(sample, a));
        out.rowsMs += await time(() => rows.read(sample, b));
        for (let i = 0; i < a.length; i++) out.rowsMaxDiff = Math.max(out.rowsMaxDiff, Math.abs(a[i] - b[i]));
        out.copyOnlyMs += await time(async () => {
          const size = sample.allocationSize();
          if (copyBuffer.length < size) copyBuffer = new Uint8Array(size);
          await sample.copyTo(copyBuffer);
        });
        out.canvasMs += await time(async () => {
          sample.drawWithFit(ctx, { fit: 'fill' });
          ctx.getImageData(0, 0, w, h);
        });
        out.bitmapMs += await time(() => bitmapPicture(sample, ctx, w, h));
        out.frames++;
      } finally {
        sample.close();
      }
    }
  } finally {
    video.input.dispose();
  }
  const n = Math.max(1, out.frames);
  return { ...out, planesMs: out.planesMs / n, copyOnlyMs: out.copyOnlyMs / n, rowsMs: out.rowsMs / n, canvasMs: out.canvasMs / n, bitmapMs: out.bitmapMs / n };
}

async function bitmapPicture(sample: VideoSample, ctx: OffscreenCanvasRenderingContext2D, w: number, h: number): Promise<void> {
  const frame = sample.toVideoFrame();
  try {
    const bitmap = await createImageBitmap(frame, { resizeWidth: w, resizeHeight: h, resizeQuality: 'low' });
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    ctx.getImageData(0, 0, w, h);
  } finally {
    frame.close();
  }
}
