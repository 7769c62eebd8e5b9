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

/** How a reader gets the pixels its taps read: the whole frame's planes, or only the rows the taps fall on. */
export type TinyCopy = 'planes' | 'rows';

/** Where each tap row's luma and chroma start in the reader's buffer. */
interface RowsAt {
  y: Int32Array;
  u: Int32Array;
  v: Int32Array;
}

/**
 * A tiny RGBA picture of a decoded frame, straight from its YUV planes (3×3 points averaged per
 * output pixel): no full-size colour conversion, which costs more than decoding on a CPU. Handles
 * I420, I420A and NV12 (what software and hardware decoders give); false for other formats. With
 * `copy: 'rows'` only a two-row stripe per tap row is copied out of the frame (a fifth of a 1080p
 * frame's bytes); the picture is the same.
 */
export class TinyFrameReader {
  private buffer = new Uint8Array(0);
  /** Source columns and rows of every tap, for the last frame size seen. */
  private xs = new Int32Array(0);
  private ys = new Int32Array(0);
  /** Chroma byte offset of every tap column (I420 or NV12 layout). */
  private cxs = new Int32Array(0);
  private tapsFor = '';
  private readonly rowsAt: RowsAt;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly copy: TinyCopy = 'planes',
  ) {
    const n = height * TAPS;
    this.rowsAt = { y: new Int32Array(n), u: new Int32Array(n), v: new Int32Array(n) };
  }

  /** Fills `out` (width × height × 4); false when the frame's pixel format is not a YUV 4:2:0 one. */
  async read(sample: VideoSample, out: Uint8ClampedArray): Promise<boolean> {
    const format = sample.format;
    if (format !== 'I420' && format !== 'I420A' && format !== 'NV12') return false;
    const rect = sample.visibleRect;
    const { width: srcW, height: srcH } = rect;
    const { width: w, height: h } = this;
    const chromaStep = format === 'NV12' ? 2 : 1;
    const vShift = format === 'NV12' ? 1 : 0;
    if (this.tapsFor !== `${srcW}x${srcH}x${chromaStep}`) {
      this.xs = Int32Array.from({ length: w * TAPS }, (_, i) => Math.min(srcW - 1, ((i + 0.5) * srcW) / (w * TAPS)) | 0);
      this.ys = Int32Array.from({ length: h * TAPS }, (_, i) => Math.min(srcH - 1, ((i + 0.5) * srcH) / (h * TAPS)) | 0);
      this.cxs = this.xs.map((sx) => (sx >> 1) * chromaStep);
      this.tapsFor = `${srcW}x${srcH}x${chromaStep}`;
    }
    const rows = this.copy === 'rows' && srcH % 2 === 0 && rect.top % 2 === 0 ? await this.copyRows(sample, format) : await this.copyPlanes(sample, format);
    const buf = this.buffer;
    const { xs, cxs } = this;
    const { y: yAt, u: uAt, v: vAt } = rows;
    for (let oy = 0; oy < h; oy++) {
      for (let ox = 0; ox < w; ox++) {
        let ys = 0;
        let us = 0;
        let vs = 0;
        for (let ty = oy * TAPS; ty < oy * TAPS + TAPS; ty++) {
          const yRow = yAt[ty];
          const uRow = uAt[ty];
          const vRow = vAt[ty] + vShift;
          for (let tx = ox * TAPS; tx < ox * TAPS + TAPS; tx++) {
            ys += buf[yRow + xs[tx]];
            const cx = cxs[tx];
            us += buf[uRow + cx];
            vs += buf[vRow + cx];
          }
        }
        const n = TAPS * TAPS;
        yuvToRgba(ys / n, us / n, vs / n, out, (oy * w + ox) * 4);
      }
    }
    return true;
  }

  /** Copies the whole frame; where each tap row starts in it. */
  private async copyPlanes(sample: VideoSample, format: 'I420' | 'I420A' | 'NV12'): Promise<RowsAt> {
    const size = sample.allocationSize();
    if (this.buffer.length < size) this.buffer = new Uint8Array(size);
    const planes = await sample.copyTo(this.buffer);
    const [yPlane, uPlane] = planes;
    const vPlane = format === 'NV12' ? planes[1] : planes[2];
    const at = this.rowsAt;
    this.ys.forEach((sy, i) => {
      at.y[i] = yPlane.offset + sy * yPlane.stride;
      at.u[i] = uPlane.offset + (sy >> 1) * uPlane.stride;
      at.v[i] = vPlane.offset + (sy >> 1) * vPlane.stride;
    });
    return at;
  }

  /** Copies one two-row stripe (one chroma row) per distinct tap row, all at once; where each tap row starts. */
  private async copyRows(sample: VideoSample, format: 'I420' | 'I420A' | 'NV12'): Promise<RowsAt> {
    const rect = sample.visibleRect;
    const stripeRows = [...new Set(Array.from(this.ys, (sy) => sy & ~1))];
    const stripeRect = (y0: number) => ({ x: rect.left, y: rect.top + y0, width: rect.width, height: 2 });
    const stripeBytes = sample.allocationSize({ rect: stripeRect(0) });
    const size = stripeBytes * stripeRows.length;
    if (this.buffer.length < size) this.buffer = new Uint8Array(size);
    const layouts = await Promise.all(stripeRows.map((y0, k) => sample.copyTo(this.buffer.subarray(k * stripeBytes, (k + 1) * stripeBytes), { rect: stripeRect(y0) })));
    const stripes = new Map(stripeRows.map((y0, k) => [y0, { base: k * stripeBytes, planes: layouts[k] }]));
    const at = this.rowsAt;
    this.ys.forEach((sy, i) => {
      const { base, planes } = stripes.get(sy & ~1)!;
      const [yPlane, uPlane] = planes;
      const vPlane = format === 'NV12' ? planes[1] : planes[2];
      at.y[i] = base + yPlane.offset + (sy & 1) * yPlane.stride;
      at.u[i] = base + uPlane.offset;
      at.v[i] = base + vPlane.offset;
    });
    return at;
  }
}
