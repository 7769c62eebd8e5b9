import { argmax, COARSE_GROUPS, NA_INDEX, SCALE_CODES, toScaleProbs } from './taxonomy';

/** Softmax of one row of logits. */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** How the final answer was reached, for the inspector's "why" line. */
export interface FusionNote {
  /** Weight given to geometry (0 when there was no subject). */
  geometryWeight: number;
  /** One line: geometry's reason and whether the CNN agrees. */
  why: string;
}

/**
 * Final probabilities over SCALE_CODES from the CNN (over its own classes), subject geometry
 * (over ECU…ELS, with a confidence) and the NA detector. Geometry splits a coarse CNN class (MEDIUM)
 * among its members by its own relative probabilities, then the two are mixed linearly with weight
 * `maxGeometryWeight × confidence`; with no subject the CNN decides alone.
 */
export function fuseAll(
  classes: readonly string[],
  cnnProbs: readonly number[],
  geometry: { probs: number[] | null; confidence: number; why: string } | null,
  naProb: number,
  maxGeometryWeight: number,
): { probs: number[]; note: FusionNote } {
  const scaled = toScaleProbs(classes, cnnProbs);
  const cnn = scaled.slice(0, NA_INDEX);
  const geo = geometry?.probs ?? null;
  let mixed = cnn;
  let weight = 0;
  if (geo) {
    // Split each coarse class's mass among its members as geometry sees them.
    for (const [i, c] of classes.entries()) {
      const group = COARSE_GROUPS[c.toUpperCase()];
      if (!group) continue;
      const idx = group.members.map((m) => SCALE_CODES.indexOf(m));
      const rep = SCALE_CODES.indexOf(group.representative);
      const g = idx.map((j) => geo[j]);
      const gSum = g.reduce((a, b) => a + b, 0);
      const share = gSum > 1e-6 ? g.map((v) => v / gSum) : idx.map((j) => (j === rep ? 1 : 0));
      const mass = cnnProbs[i] ?? 0;
      mixed = mixed.map((p, j) => (j === rep ? p - mass : p));
      idx.forEach((j, k) => (mixed[j] += mass * share[k]));
    }
    weight = Math.max(0, Math.min(1, maxGeometryWeight * geometry!.confidence));
    mixed = mixed.map((p, j) => (1 - weight) * p + weight * geo[j]);
  }
  const probs = [...mixed.map((p) => p * (1 - naProb)), 0];
  probs[NA_INDEX] = naProb + scaled[NA_INDEX] * (1 - naProb);
  const label = SCALE_CODES[argmax(probs)];
  const cnnLabel = SCALE_CODES[argmax(cnn)];
  const why = !geo
    ? `${geometry?.why ?? 'no person found'}; CNN decides (${cnnLabel} ${Math.round(Math.max(...cnn) * 100)}%)`
    : `${geometry!.why}; CNN ${cnnLabel === label || (label !== 'NA' && coarseOf(classes, label) === coarseOf(classes, cnnLabel)) ? 'agrees' : `says ${cnnLabel}`} ${Math.round(cnn[argmax(cnn)] * 100)}%${geo && SCALE_CODES[argmax(geo)] !== label ? ` → ${label}` : ''}`;
  return { probs, note: { geometryWeight: weight, why } };
}

/** The model class a code belongs to (itself, or its coarse group when the model is coarse). */
function coarseOf(classes: readonly string[], code: string): string {
  for (const c of classes) {
    const group = COARSE_GROUPS[c.toUpperCase()];
    if (group?.members.includes(code as never)) return c;
  }
  return code;
}
