/** Shot-scale codes, in display order: seven ordered scales plus NA (no subject). */
export const SCALE_CODES = ['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS', 'NA'] as const;
/** One shot-scale code. */
export type ScaleCode = (typeof SCALE_CODES)[number];
/** The ordered part of the scale, closest to widest (NA is outside the order). */
export const ORDERED_SCALES: readonly ScaleCode[] = ['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS'];
/** Number of codes in a probability vector over SCALE_CODES. */
export const N_CODES = SCALE_CODES.length;
/** Index of NA in SCALE_CODES. */
export const NA_INDEX = SCALE_CODES.indexOf('NA');

/** Human names of the codes. */
export const SCALE_NAMES: Record<ScaleCode, string> = {
  ECU: 'Extreme close-up',
  CU: 'Close-up',
  MCU: 'Medium close-up',
  MS: 'Medium shot',
  MLS: 'Medium long shot',
  LS: 'Long shot',
  ELS: 'Extreme long shot',
  NA: 'No subject',
};

/** What each code frames, in one line (design notes' taxonomy table, after Film Art and Salt). */
export const SCALE_DEFINITIONS: Record<ScaleCode, string> = {
  ECU: 'Part of the face (eyes, mouth) or a small object detail; the chin is out of frame',
  CU: 'The head, maybe the top of the shoulders; or an object filling the frame',
  MCU: 'Chest up (bust shot): the frame cuts between shoulders and elbows',
  MS: 'Waist up: the frame cuts near the hips',
  MLS: 'Knees up (plan américain): the frame cuts near the knees',
  LS: 'The whole figure, filling much of the frame height',
  ELS: 'Landscape, architecture or crowd; figures well under a third of the frame height',
  NA: 'No subject: black, fade, title card or flat frame',
};

/** Colour of each code on the timeline (warm = close, cool = wide, grey = NA). */
export const SCALE_COLORS: Record<ScaleCode, string> = {
  ECU: '#b2182b',
  CU: '#e05a3a',
  MCU: '#f4a261',
  MS: '#e9c46a',
  MLS: '#8ab17d',
  LS: '#2a9d8f',
  ELS: '#264f73',
  NA: '#8d8d8d',
};

/**
 * Coarse groups used by data sets and models, mapped to the codes they stand for. The first member
 * listed is not special; `representative` is the code a coarse prediction is shown as.
 */
export const COARSE_GROUPS: Record<string, { members: ScaleCode[]; representative: ScaleCode }> = {
  MEDIUM: { members: ['MCU', 'MS', 'MLS'], representative: 'MS' },
  WS: { members: ['LS', 'ELS'], representative: 'LS' },
};

/** True when `s` is one of the eight codes. */
export function isScaleCode(s: string): s is ScaleCode {
  return (SCALE_CODES as readonly string[]).includes(s);
}

/** Codes a single label token stands for (a code or a coarse alias); throws on anything else. */
export function expandToken(token: string): ScaleCode[] {
  const t = token.trim().toUpperCase();
  if (isScaleCode(t)) return [t];
  const group = COARSE_GROUPS[t];
  if (group) return [...group.members];
  throw new Error(`Unknown shot-scale label "${token}"`);
}

/** Parses a label such as "MCU|MS" or "MEDIUM" into the set of accepted codes. */
export function parseLabel(label: string): Set<ScaleCode> {
  const out = new Set<ScaleCode>();
  for (const token of label.split('|')) {
    if (token.trim() === '') continue;
    for (const c of expandToken(token)) out.add(c);
  }
  if (out.size === 0) throw new Error(`Empty shot-scale label "${label}"`);
  return out;
}

/** The code a model class is shown as (MEDIUM → MS for a five-class model). */
export function representativeCode(modelClass: string): ScaleCode {
  const t = modelClass.toUpperCase();
  if (isScaleCode(t)) return t;
  const group = COARSE_GROUPS[t];
  if (group) return group.representative;
  throw new Error(`Model class "${modelClass}" is not a shot-scale code or known group`);
}

/** True when a model's classes include a coarse group (it cannot separate its members). */
export function isCoarseModel(classes: readonly string[]): boolean {
  return classes.some((c) => COARSE_GROUPS[c.toUpperCase()] !== undefined);
}

/**
 * Maps a probability vector over a model's classes onto SCALE_CODES: each class's mass goes to its
 * representative code, so the argmax is preserved.
 */
export function toScaleProbs(classes: readonly string[], probs: ArrayLike<number>): number[] {
  const out = new Array<number>(N_CODES).fill(0);
  classes.forEach((c, i) => {
    out[SCALE_CODES.indexOf(representativeCode(c))] += probs[i] ?? 0;
  });
  return out;
}

/** Index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The `k` most probable codes with their probabilities, most probable first. */
export function topK(probs: readonly number[], k: number): { code: ScaleCode; p: number }[] {
  return probs
    .map((p, i) => ({ code: SCALE_CODES[i], p }))
    .sort((a, b) => b.p - a.p)
    .slice(0, k);
}

/** The label most often in `labels`: `preferred` wins a tie it is part of, otherwise the tied label with the higher `weight`. */
export function mostVoted(labels: readonly ScaleCode[], preferred: ScaleCode, weight: (c: ScaleCode) => number): { label: ScaleCode; votes: number } {
  const counts = new Map<ScaleCode, number>();
  for (const c of labels) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best = preferred;
  let bestVotes = counts.get(preferred) ?? 0;
  for (const [c, n] of counts) {
    if (n > bestVotes || (n === bestVotes && best !== preferred && weight(c) > weight(best))) {
      best = c;
      bestVotes = n;
    }
  }
  return { label: best, votes: bestVotes };
}
