/**
 * Converts `count` RGBA frames (count × h × w × 4 bytes) into a float32 NCHW tensor normalised as
 * (rgb / 255 - mean) / std per channel.
 */
export function rgbaToNchw(rgba: Uint8ClampedArray, count: number, height: number, width: number, mean: readonly number[], std: readonly number[]): Float32Array {
  const plane = height * width;
  const out = new Float32Array(count * 3 * plane);
  const scale = [1 / (255 * std[0]), 1 / (255 * std[1]), 1 / (255 * std[2])];
  const shift = [mean[0] / std[0], mean[1] / std[1], mean[2] / std[2]];
  for (let n = 0; n < count; n++) {
    const src = n * plane * 4;
    const dst = n * 3 * plane;
    for (let i = 0; i < plane; i++) {
      const p = src + i * 4;
      out[dst + i] = rgba[p] * scale[0] - shift[0];
      out[dst + plane + i] = rgba[p + 1] * scale[1] - shift[1];
      out[dst + 2 * plane + i] = rgba[p + 2] * scale[2] - shift[2];
    }
  }
  return out;
}
