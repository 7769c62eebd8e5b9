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

/** Colour for a heat value in [0, 1]: transparent-blue through yellow to red (a "turbo"-like ramp). */
export function heatColor(v: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, v));
  const stops: [number, number, number, number][] = [
    [0, 48, 18, 59],
    [0.25, 40, 140, 230],
    [0.5, 60, 220, 120],
    [0.75, 250, 200, 40],
    [1, 220, 30, 20],
  ];
  for (let i = 1; i < stops.length; i++) {
    const [p1, r1, g1, b1] = stops[i];
    const [p0, r0, g0, b0] = stops[i - 1];
    if (x <= p1) {
      const f = (x - p0) / (p1 - p0);
      return [Math.round(r0 + f * (r1 - r0)), Math.round(g0 + f * (g1 - g0)), Math.round(b0 + f * (b1 - b0))];
    }
  }
  return [220, 30, 20];
}

/** RGBA pixels of a normalised map (alpha grows with heat so cold areas show the frame). */
export function camToRgba(normalized: Float32Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(normalized.length * 4);
  for (let i = 0; i < normalized.length; i++) {
    const [r, g, b] = heatColor(normalized[i]);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = Math.round(60 + 195 * normalized[i]);
  }
  return out;
}
