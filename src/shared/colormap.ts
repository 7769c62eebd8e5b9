/**
 * A perceptual heat colour map computed in OKLab (Björn Ottosson's colour space): lightness rises
 * evenly from dark to bright while the hue turns from violet through red and orange to yellow, so
 * brighter always means hotter, in colour and in grey, for every reader.
 */

/** Lightness at the cold and hot ends (OKLab L, 0 = black, 1 = white). */
const L_COLD = 0.2;
const L_HOT = 0.95;
/** Hue at the cold end and the degrees it turns to reach the hot end (violet → yellow). */
const HUE_COLD_DEG = 300;
const HUE_TURN_DEG = 160;

function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
}

/** Linear sRGB of an OKLab colour (may fall outside [0, 1] when out of gamut). */
export function oklabToLinearSrgb(L: number, a: number, b: number): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s, -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s, -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s];
}

function inGamut(rgb: readonly number[]): boolean {
  return rgb.every((c) => c >= -1e-6 && c <= 1 + 1e-6);
}

/** The map's colour at v in [0, 1] as 8-bit sRGB; chroma is reduced where needed to stay in gamut, lightness never. */
function computeColor(v: number): [number, number, number] {
  const L = L_COLD + (L_HOT - L_COLD) * v;
  const hueRad = ((HUE_COLD_DEG + HUE_TURN_DEG * v) * Math.PI) / 180;
  let chroma = 0.05 + 0.13 * Math.sin(Math.PI * Math.min(1, 0.2 + 0.8 * v));
  let rgb = oklabToLinearSrgb(L, chroma * Math.cos(hueRad), chroma * Math.sin(hueRad));
  while (!inGamut(rgb) && chroma > 0) {
    chroma = Math.max(0, chroma - 0.002);
    rgb = oklabToLinearSrgb(L, chroma * Math.cos(hueRad), chroma * Math.sin(hueRad));
  }
  return rgb.map((c) => Math.round(255 * linearToSrgb(Math.min(1, Math.max(0, c))))) as [number, number, number];
}

/** Entries in the precomputed table. */
export const COLORMAP_SIZE = 256;

const TABLE: [number, number, number][] = Array.from({ length: COLORMAP_SIZE }, (_, i) => computeColor(i / (COLORMAP_SIZE - 1)));

/** 8-bit sRGB colour of heat v (clamped to [0, 1]). */
export function heatmapColor(v: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  return TABLE[Math.round(x * (COLORMAP_SIZE - 1))];
}

/** Relative luminance (WCAG, 0–1) of an 8-bit sRGB colour. */
export function relativeLuminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
