import { heatmapColor } from './colormap';

/**
 * Normalises one class activation map for display, as Grad-CAM does: negative evidence is
 * clipped to zero and the rest divided by its maximum, giving values in [0, 1]. A map with no
 * positive evidence becomes all zeros.
 */
export function normalizeCam(cam: ArrayLike<number>): Float32Array {
  const out = new Float32Array(cam.length);
  let max = 0;
  for (let i = 0; i < cam.length; i++) if (cam[i] > max) max = cam[i];
  if (!(max > 0)) return out;
  for (let i = 0; i < cam.length; i++) out[i] = cam[i] > 0 ? cam[i] / max : 0;
  return out;
}

/** The map for one class out of a [K, h, w] block. */
export function camForClass(cams: Float32Array, classIndex: number, h: number, w: number): Float32Array {
  return cams.subarray(classIndex * h * w, (classIndex + 1) * h * w);
}

/** Colour for a heat value in [0, 1]: the perceptual violet → orange → yellow map of colormap.ts. */
export function heatColor(v: number): [number, number, number] {
  return heatmapColor(v);
}

/** RGBA pixels of a normalised map; alpha grows faster than heat so cold areas leave the frame readable. */
export function camToRgba(normalized: Float32Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(normalized.length * 4);
  for (let i = 0; i < normalized.length; i++) {
    const [r, g, b] = heatColor(normalized[i]);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = Math.round(16 + 239 * Math.pow(Math.min(1, Math.max(0, normalized[i])), 1.5));
  }
  return out;
}
