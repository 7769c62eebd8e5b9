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
  return { probs, note: { geometryWeight: weight, why: fusionWhy(classes, cnnProbs, geo, geometry?.why ?? null, label) } };
}

/**
 * The why line, saying truthfully what decided: geometry's reading and its answer, the CNN's own
 * top class, whether the two agree, and, when they disagree, which one the answer followed.
 */
export function fusionWhy(classes: readonly string[], cnnProbs: readonly number[], geoProbs: readonly number[] | null, geoWhy: string | null, label: string): string {
  const top = argmax(cnnProbs);
  const cnnClass = classes[top] ?? '?';
  const cnnText = `${cnnClass} ${Math.round((cnnProbs[top] ?? 0) * 100)}%`;
  const tail = (shown: string) => (shown === label ? '' : ` → ${label}`);
  if (!geoProbs) return `${geoWhy ?? 'no person found'}; CNN decides: ${cnnText}${tail(cnnClass)}`;
  const geoLabel = SCALE_CODES[argmax(geoProbs)];
  const reading = geoWhy && geoWhy.includes('→') ? geoWhy : `${geoWhy ?? 'geometry'} → ${geoLabel}`;
  if (coarseOf(classes, geoLabel) === cnnClass) return `${reading}; CNN agrees (${cnnText})${tail(geoLabel)}`;
  const decider = label === geoLabel ? 'geometry outweighs it' : coarseOf(classes, label) === cnnClass ? 'the CNN outweighs geometry' : 'neither alone';
  return `${reading}; CNN says ${cnnText}; ${decider} → ${label}`;
}

/** The model class a code belongs to (itself, or its coarse group when the model is coarse). */
function coarseOf(classes: readonly string[], code: string): string {
  for (const c of classes) {
    const group = COARSE_GROUPS[c.toUpperCase()];
    if (group?.members.includes(code as never)) return c;
  }
  return code;
}
