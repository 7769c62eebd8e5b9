import { letterboxRect, type Rect } from '../../src/shared/letterbox';
import { cardStats, frameStats, type FrameStats } from '../../src/shared/na';
import { pictureBounds, pictureRect } from '../../src/shared/pictureBounds';

/** Longest side of the JPEG thumbnail kept for the inspector. */
export const THUMB_WIDTH = 384;

/** Draws frames into a letterboxed model input and a thumbnail, reusing its canvases. */
export class FrameRenderer {
  private readonly input: OffscreenCanvas;
  private readonly inputCtx: OffscreenCanvasRenderingContext2D;
  private readonly thumb: OffscreenCanvas;
  private readonly thumbCtx: OffscreenCanvasRenderingContext2D;

  constructor(
    readonly inputWidth: number,
    readonly inputHeight: number,
  ) {
    this.input = new OffscreenCanvas(inputWidth, inputHeight);
    this.inputCtx = this.input.getContext('2d', { willReadFrequently: true })!;
    this.thumb = new OffscreenCanvas(THUMB_WIDTH, THUMB_WIDTH);
    this.thumbCtx = this.thumb.getContext('2d')!;
  }

  /**
   * Letterboxes one frame; returns its pixels, content rectangle, statistics, thumbnail and a copy
   * of the whole frame as an ImageBitmap (for face and pose detection).
   */
  async render(source: CanvasImageSource & ImageBitmapSource, srcWidth: number, srcHeight: number): Promise<{ rgba: Uint8ClampedArray; content: Rect; stats: FrameStats; thumb: Blob; bitmap: ImageBitmap }> {
    const content = letterboxRect(srcWidth, srcHeight, this.inputWidth, this.inputHeight);
    const ctx = this.inputCtx;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, this.inputWidth, this.inputHeight);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, content.x, content.y, content.width, content.height);
    const rgba = ctx.getImageData(0, 0, this.inputWidth, this.inputHeight).data;
    const picture = pictureBounds(rgba, this.inputWidth, this.inputHeight, content);
    const stats = { ...frameStats(rgba, this.inputWidth, this.inputHeight, content, 1), picture, card: cardStats(rgba, this.inputWidth, this.inputHeight, pictureRect(picture, content)) };

    const tw = Math.min(THUMB_WIDTH, srcWidth);
    const th = Math.max(1, Math.round((srcHeight / srcWidth) * tw));
    this.thumb.width = tw;
    this.thumb.height = th;
    this.thumbCtx.drawImage(source, 0, 0, tw, th);
    const thumb = await this.thumb.convertToBlob({ type: 'image/jpeg', quality: 0.82 });
    const bitmap = await createImageBitmap(source);
    return { rgba, content, stats, thumb, bitmap };
  }
}

/** Concatenates per-frame RGBA buffers into one batch buffer. */
export function concatFrames(frames: Uint8ClampedArray[]): Uint8ClampedArray {
  const size = frames.reduce((n, f) => n + f.length, 0);
  const out = new Uint8ClampedArray(size);
  let offset = 0;
  for (const f of frames) {
    out.set(f, offset);
    offset += f.length;
  }
  return out;
}
