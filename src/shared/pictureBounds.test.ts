import { describe, expect, it } from 'vitest';
import { FULL_PICTURE, pictureBounds } from './pictureBounds';

/** An RGBA image of w × h: grey picture inside black bars of the given pixel sizes, with some video-black noise. */
function barred(w: number, h: number, bars: { top: number; bottom: number; left: number; right: number }, grey = 120): Uint8ClampedArray {
  const px = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inside = y >= bars.top && y < h - bars.bottom && x >= bars.left && x < w - bars.right;
      const v = inside ? grey : 16 + ((x * 7 + y * 13) % 5);
      px.set([v, v, v, 255], (y * w + x) * 4);
    }
  }
  return px;
}

describe('pictureBounds', () => {
  it('finds letterbox bars', () => {
    const b = pictureBounds(barred(224, 126, { top: 16, bottom: 16, left: 0, right: 0 }), 224, 126);
    expect(b.top).toBeCloseTo(16 / 126, 6);
    expect(b.bottom).toBeCloseTo(110 / 126, 6);
    expect(b).toMatchObject({ left: 0, right: 1 });
  });

  it('finds pillarbox bars inside the rectangle of a letterboxed model input', () => {
    // A 160 × 120 frame drawn at y = 52 of a 224 × 224 input, with 20-pixel bars left and right.
    const w = 224;
    const img = new Uint8ClampedArray(w * w * 4);
    const frame = barred(160, 120, { top: 0, bottom: 0, left: 20, right: 20 });
    for (let y = 0; y < 120; y++) img.set(frame.subarray(y * 160 * 4, (y + 1) * 160 * 4), ((y + 52) * w + 32) * 4);
    const b = pictureBounds(img, w, w, { x: 32, y: 52, width: 160, height: 120 });
    expect(b).toMatchObject({ top: 0, bottom: 1 });
    expect(b.left).toBeCloseTo(20 / 160, 6);
    expect(b.right).toBeCloseTo(140 / 160, 6);
  });

  it('leaves a frame without bars, and a black or title frame, whole', () => {
    expect(pictureBounds(barred(64, 36, { top: 0, bottom: 0, left: 0, right: 0 }), 64, 36)).toEqual(FULL_PICTURE);
    // Black with a small bright title in the middle.
    expect(pictureBounds(barred(64, 36, { top: 16, bottom: 16, left: 20, right: 20 }, 230), 64, 36)).toEqual(FULL_PICTURE);
  });
});
