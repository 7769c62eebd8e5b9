import type { VideoSample } from 'mediabunny';

/** YUV → RGB, BT.601 limited range, into `out` at `o`. */
function yuvToRgba(y: number, u: number, v: number, out: Uint8ClampedArray, o: number): void {
  const c = 1.164 * (y - 16);
  const d = u - 128;
  const e = v - 128;
  out[o] = c + 1.596 * e;
  out[o + 1] = c - 0.392 * d - 0.813 * e;
  out[o + 2] = c + 2.017 * d;
  out[o + 3] = 255;
}

/** Points averaged per output pixel in each direction. */
const TAPS = 3;

/**
 * A tiny RGBA picture of a decoded frame, straight from its YUV planes (3×3 points averaged per
 * output pixel): no full-size colour conversion, which costs more than decoding on a CPU. Handles
 * I420, I420A and NV12 (what software and hardware decoders give); false for other formats.
 */
export class TinyFrameReader {
  private buffer = new Uint8Array(0);
  /** Source columns and rows of every tap, for the last frame size seen. */
  private xs = new Int32Array(0);
  private ys = new Int32Array(0);
  private tapsFor = '';

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** Fills `out` (width × height × 4); false when the frame's pixel format is not a YUV 4:2:0 one. */
  async read(sample: VideoSample, out: Uint8ClampedArray): Promise<boolean> {
    const format = sample.format;
    if (format !== 'I420' && format !== 'I420A' && format !== 'NV12') return false;
    const size = sample.allocationSize();
    if (this.buffer.length < size) this.buffer = new Uint8Array(size);
    const planes = await sample.copyTo(this.buffer);
    const { width: srcW, height: srcH } = sample.visibleRect;
    const buf = this.buffer;
    const yPlane = planes[0];
    const uPlane = planes[1];
    const vPlane = format === 'NV12' ? planes[1] : planes[2];
    const chromaStep = format === 'NV12' ? 2 : 1;
    const vShift = format === 'NV12' ? 1 : 0;
    const { width: w, height: h } = this;
    if (this.tapsFor !== `${srcW}x${srcH}`) {
      this.xs = Int32Array.from({ length: w * TAPS }, (_, i) => Math.min(srcW - 1, ((i + 0.5) * srcW) / (w * TAPS)) | 0);
      this.ys = Int32Array.from({ length: h * TAPS }, (_, i) => Math.min(srcH - 1, ((i + 0.5) * srcH) / (h * TAPS)) | 0);
      this.tapsFor = `${srcW}x${srcH}`;
    }
    const { xs, ys: rows } = this;
    for (let oy = 0; oy < h; oy++) {
      for (let ox = 0; ox < w; ox++) {
        let ys = 0;
        let us = 0;
        let vs = 0;
        for (let ty = 0; ty < TAPS; ty++) {
          const sy = rows[oy * TAPS + ty];
          const yRow = yPlane.offset + sy * yPlane.stride;
          const cRow = (sy >> 1) * uPlane.stride;
          for (let tx = 0; tx < TAPS; tx++) {
            const sx = xs[ox * TAPS + tx];
            ys += buf[yRow + sx];
            const cx = (sx >> 1) * chromaStep;
            us += buf[uPlane.offset + cRow + cx];
            vs += buf[vPlane.offset + cRow + cx + vShift];
          }
        }
        const n = TAPS * TAPS;
        yuvToRgba(ys / n, us / n, vs / n, out, (oy * w + ox) * 4);
      }
    }
    return true;
  }
}
