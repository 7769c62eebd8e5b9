import calibrationFile from './geometry-calibration.json';
import { FULL_PICTURE, type PictureBounds } from './pictureBounds';
import { ORDERED_SCALES, type ScaleCode } from './taxonomy';

/** A pose landmark in normalised frame coordinates (MediaPipe's 33-point body model). */
export interface BodyLandmark {
  x: number;
  y: number;
  visibility?: number;
}

/** A detected face box in normalised frame coordinates. */
export interface FaceBoxInput {
  box: { x: number; y: number; width: number; height: number };
  score: number;
}

/**
 * Body parts from the top of the head down, with the MediaPipe landmarks that mark them and
 * where they sit as a fraction of standing height from the crown (anthropometric averages).
 */
export const BODY_PARTS = [
  { name: 'face', landmarks: [0, 2, 5, 9, 10], height: 0.09 },
  { name: 'shoulders', landmarks: [11, 12], height: 0.19 },
  { name: 'elbows', landmarks: [13, 14], height: 0.38 },
  { name: 'hips', landmarks: [23, 24], height: 0.52 },
  { name: 'knees', landmarks: [25, 26], height: 0.72 },
  { name: 'ankles', landmarks: [27, 28], height: 0.96 },
] as const;

/** Name of a body part. */
export type BodyPartName = (typeof BODY_PARTS)[number]['name'];

/** Where the chin sits, as a fraction of standing height (below it the face is whole). */
const CHIN_HEIGHT = 0.13;

/**
 * Where the bottom frame edge cuts the body (in fractions of standing height) at the boundary
 * between neighbouring scales, after the table in docs/design.md: CU cuts at the neck and
 * shoulders, MCU between shoulders and elbows, MS near the hips (waist), MLS near the knees, LS
 * below the feet. These are definitions, not fitted values; `calibration` can move them.
 */
export interface GeometryCalibration {
  /** ECU | CU: the chin leaves the frame. */
  ecuCu: number;
  /** CU | MCU: just below the shoulders. */
  cuMcu: number;
  /** MCU | MS: the elbows. */
  mcuMs: number;
  /** MS | MLS: between hips and knees (mid-thigh). */
  msMls: number;
  /** MLS | LS: below the knees, above the ankles. */
  mlsLs: number;
  /** LS | ELS: the whole figure's height as a fraction of the frame height. */
  lsEls: number;
  /** Width of the soft boundaries, in fractions of standing height. */
  softness: number;
  /** Minimum landmark visibility for a part to count as in frame. */
  minVisibility: number;
  /**
   * Minimum visibility for the parts below the shoulders (elbows, hips, knees, ankles), which
   * MediaPipe extrapolates with high visibility when they are hidden or out of frame.
   */
  lowerVisibility: number;
  /** A part below the shoulders counts as in frame only above 1 − bottomMargin (frame heights). */
  bottomMargin: number;
  /**
   * Body proportion check: when a face is found, the standing height it implies (face box height ÷
   * FACE_FRACTION) against the pose's own scale; a pose whose lower parts make the figure shorter
   * than `minScaleRatio` × that is cut back to its shoulders (hallucinated lower body). 0 = off.
   */
  minScaleRatio: number;
}

/** Face-box height as a fraction of standing height (MediaPipe's box: brows to chin, about 1/9). */
export const FACE_FRACTION = 0.11;
/** Where the top of MediaPipe's face box sits, as a fraction of standing height from the crown. */
const FACE_TOP = CHIN_HEIGHT - FACE_FRACTION;

/**
 * Anatomical boundaries from the design table (before calibration): where the frame cuts the body
 * at each boundary, and no robustness rule switched on.
 */
export const ANATOMICAL_CALIBRATION: GeometryCalibration = {
  ecuCu: CHIN_HEIGHT,
  cuMcu: 0.25,
  mcuMs: 0.4,
  msMls: 0.62,
  mlsLs: 0.86,
  lsEls: 0.33,
  softness: 0.025,
  minVisibility: 0.5,
  lowerVisibility: 0.5,
  bottomMargin: 0,
  minScaleRatio: 0,
};

/**
 * The boundaries the app uses: the anatomical ones with the values fitted on data in
 * geometry-calibration.json (scripts/tools/calibrate-geometry.mjs; the file says on what and how).
 */
export const DEFAULT_CALIBRATION: GeometryCalibration = { ...ANATOMICAL_CALIBRATION, ...(calibrationFile.params.geometry as Partial<GeometryCalibration>) };

/** What geometry says about one frame's main subject. */
export interface SubjectGeometry {
  /** People found (poses, or faces when no pose). */
  people: number;
  /** Largest face height / frame height. */
  faceHeight: number | null;
  /** Main figure's estimated standing height / frame height. */
  figureHeight: number | null;
  /** Where the bottom frame edge cuts the main figure, in fractions of its standing height. */
  bottomCut: number | null;
  /** Lowest body part in frame. */
  lowestPart: BodyPartName | null;
  /** Probabilities over ECU…ELS (ORDERED_SCALES), or null when there is no subject. */
  probs: number[] | null;
  /** How much to trust `probs` (0…1). */
  confidence: number;
  /** One line for the inspector. */
  why: string;
}

const NO_SUBJECT: SubjectGeometry = { people: 0, faceHeight: null, figureHeight: null, bottomCut: null, lowestPart: null, probs: null, confidence: 0, why: 'no person found' };

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Probabilities over the seven ordered scales for a bottom cut `b` (fractions of standing height)
 * or, when the whole figure is in frame, its height: soft boundaries of width `softness`.
 */
export function scaleFromCut(bottomCut: number, figureHeight: number | null, cal: GeometryCalibration = DEFAULT_CALIBRATION): number[] {
  const s = cal.softness;
  // P(cut is below each boundary), monotone in bottomCut.
  const below = [cal.ecuCu, cal.cuMcu, cal.mcuMs, cal.msMls, cal.mlsLs].map((t) => logistic((bottomCut - t) / s));
  const probs = [1 - below[0], below[0] - below[1], below[1] - below[2], below[2] - below[3], below[3] - below[4], below[4], 0];
  // Past the knees, the whole figure is (nearly) in frame: split LS from ELS by its height.
  if (figureHeight !== null) {
    const els = logistic((cal.lsEls - figureHeight) / 0.04);
    probs[6] = probs[5] * els;
    probs[5] = probs[5] * (1 - els);
  }
  const sum = probs.reduce((a, b) => a + Math.max(0, b), 0) || 1;
  return probs.map((p) => Math.max(0, p) / sum);
}

interface PartPoint {
  part: (typeof BODY_PARTS)[number];
  y: number;
  visibility: number;
}

function partPoint(landmarks: readonly BodyLandmark[], part: (typeof BODY_PARTS)[number]): PartPoint | null {
  // A landmark left or right of the picture is not in it, however sure MediaPipe is of it.
  const pts = part.landmarks.map((i) => landmarks[i]).filter((p): p is BodyLandmark => p !== undefined && p.x >= 0 && p.x <= 1);
  if (pts.length === 0) return null;
  const visibility = Math.max(...pts.map((p) => p.visibility ?? 1));
  const y = pts.reduce((a, p) => a + p.y, 0) / pts.length;
  return { part, y, visibility };
}

function inFrame(p: BodyLandmark): boolean {
  return p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1;
}

/** Vertical extent of a pose's in-frame landmarks (a size used to pick the main subject). */
function poseSize(landmarks: readonly BodyLandmark[], minVisibility: number): number {
  const ys = landmarks.filter((p) => (p.visibility ?? 1) >= minVisibility && inFrame(p)).map((p) => p.y);
  return ys.length ? Math.max(...ys) - Math.min(...ys) : 0;
}

/** Where the frame cuts one pose. */
export interface PoseCut {
  bottomCut: number;
  figureHeight: number | null;
  lowestPart: BodyPartName;
  visibility: number;
}

/** Geometry of one pose: which parts are in frame, where the bottom edge cuts, figure height. */
export function poseGeometry(landmarks: readonly BodyLandmark[], cal: GeometryCalibration = DEFAULT_CALIBRATION, lowestAllowed = BODY_PARTS.length - 1): PoseCut | null {
  const points = BODY_PARTS.map((part) => partPoint(landmarks, part));
  const shown = points.map((p, i) => {
    if (p === null || p.y < 0 || i > lowestAllowed) return false;
    if (i < LOWER_FROM) return p.visibility >= cal.minVisibility && p.y <= 1;
    return p.visibility >= Math.max(cal.minVisibility, cal.lowerVisibility) && p.y <= 1 - cal.bottomMargin;
  });
  return cutFromParts(points, shown);
}

/** Index in BODY_PARTS of the first part below the shoulders. */
const LOWER_FROM = 2;

/** Where the frame cuts a body whose parts `shown` are in frame (see poseGeometry). */
function cutFromParts(points: (PartPoint | null)[], shown: boolean[]): PoseCut | null {
  // The in-frame parts from the top: stop at the first part that is out of frame or hidden.
  let last = -1;
  for (let i = 0; i < BODY_PARTS.length; i++) {
    if (shown[i]) last = i;
    else if (last >= 0) break;
  }
  if (last < 0) return null;
  const lowest = points[last]!;
  // Frame height per unit of standing height, from the highest and lowest parts shown (the
  // longest baseline is the least sensitive to landmark jitter).
  let scale: number | null = null;
  const top = shown.indexOf(true);
  const upper = points[top];
  if (upper && top < last) {
    // A body whose lowest part shown is not below its highest is no upright figure (MediaPipe's
    // guess on a close face or a cluttered frame, its ankles above its hips): it says nothing of
    // where the frame cuts a body.
    if (lowest.y <= upper.y) return null;
    scale = (lowest.y - upper.y) / (lowest.part.height - upper.part.height);
  }
  const visibility = points.slice(0, last + 1).reduce((a, p) => a + (p?.visibility ?? 0), 0) / (last + 1);
  if (last === BODY_PARTS.length - 1) {
    // Feet in frame: the cut is below the figure; its height decides LS vs ELS.
    const figureHeight = scale !== null ? scale * 1.0 : null;
    return { bottomCut: 1.05, figureHeight, lowestPart: lowest.part.name, visibility };
  }
  const next = BODY_PARTS[last + 1];
  let bottomCut = (lowest.part.height + next.height) / 2;
  if (scale !== null && scale > 0) bottomCut = lowest.part.height + (1 - lowest.y) / scale;
  // The cut lies between the lowest part shown and the next one down.
  bottomCut = Math.min(next.height, Math.max(lowest.part.height, bottomCut));
  return { bottomCut, figureHeight: scale !== null ? scale : null, lowestPart: lowest.part.name, visibility };
}

const PART_WORDS: Record<BodyPartName, string> = {
  face: 'the neck',
  shoulders: 'the chest',
  elbows: 'the waist',
  hips: 'the thighs',
  knees: 'the shins',
  ankles: 'below the feet',
};

/** Landmarks and face boxes in picture coordinates: 0…1 spans the picture, not its bars. */
export function toPicture(faces: readonly FaceBoxInput[], poses: readonly (readonly BodyLandmark[])[], picture: PictureBounds): { faces: FaceBoxInput[]; poses: BodyLandmark[][] } {
  const w = picture.right - picture.left || 1;
  const h = picture.bottom - picture.top || 1;
  return {
    faces: faces.map((f) => ({ ...f, box: { x: (f.box.x - picture.left) / w, y: (f.box.y - picture.top) / h, width: f.box.width / w, height: f.box.height / h } })),
    poses: poses.map((lm) => lm.map((p) => ({ ...p, x: (p.x - picture.left) / w, y: (p.y - picture.top) / h }))),
  };
}

/**
 * The subject-scale distribution of one frame from face boxes and pose landmarks (in frame
 * coordinates), counting only what lies inside `picture` (the frame less any burned-in bars). The
 * main subject is the largest pose (or face); with no person it says so and leaves the CNN to decide.
 */
export function subjectGeometry(
  frameFaces: readonly FaceBoxInput[],
  framePoses: readonly (readonly BodyLandmark[])[],
  cal: GeometryCalibration = DEFAULT_CALIBRATION,
  picture: PictureBounds = FULL_PICTURE,
): SubjectGeometry {
  const { faces, poses } = toPicture(frameFaces, framePoses, picture);
  const faceHeight = faces.length ? Math.max(...faces.map((f) => f.box.height)) : null;
  const people = Math.max(poses.length, faces.length);
  if (people === 0) return NO_SUBJECT;
  const main = [...poses].sort((a, b) => poseSize(b, cal.minVisibility) - poseSize(a, cal.minVisibility))[0];
  let pose = main ? poseGeometry(main, cal) : null;
  let trimmed = false;
  // Proportion check: a lower body that makes the figure far shorter than its face implies is
  // MediaPipe's guess, not what the frame shows; keep what is above the chest.
  if (main && pose && faceHeight !== null && cal.minScaleRatio > 0 && pose.figureHeight !== null && BODY_PARTS.findIndex((b) => b.name === pose!.lowestPart) >= LOWER_FROM) {
    if (pose.figureHeight < cal.minScaleRatio * (faceHeight / FACE_FRACTION)) {
      pose = poseGeometry(main, cal, LOWER_FROM - 1) ?? pose;
      trimmed = true;
    }
  }
  // A face so large that the chin (about 1.3 face-box heights below the box top) leaves the frame.
  const bigFace = faces.find((f) => f.box.height > 0.45 || f.box.y + f.box.height * 1.15 > 1);
  if (bigFace && (!pose || pose.lowestPart === 'face')) {
    // Chin out of frame: the cut lies above the chin, on the ECU side of the ECU | CU boundary
    // whatever its softness; chin in frame: just below it (CU).
    const chinOut = bigFace.box.y + bigFace.box.height * 1.15 > 1;
    const probs = scaleFromCut(chinOut ? Math.min(0.1, cal.ecuCu - 0.02) : 0.16, null, cal);
    const bigBest = ORDERED_SCALES[probs.indexOf(Math.max(...probs))];
    return { people, faceHeight, figureHeight: null, bottomCut: null, lowestPart: 'face', probs, confidence: 0.6 * bigFace.score, why: `face fills ${Math.round(bigFace.box.height * 100)}% of the frame height → ${bigBest}` };
  }
  if (!pose) {
    if (faceHeight === null) return { ...NO_SUBJECT, people };
    // A face but no body: the largest face's size and place give the body's scale and where the
    // bottom edge falls on it (the box spans FACE_TOP…CHIN_HEIGHT of standing height).
    const face = faces.reduce((a, f) => (f.box.height > a.box.height ? f : a));
    const perStature = face.box.height / FACE_FRACTION;
    const reach = FACE_TOP + (1 - face.box.y) / perStature;
    const whole = reach >= 1;
    const cut = whole ? 1.05 : Math.min(0.96, Math.max(CHIN_HEIGHT, reach));
    const figureHeight = perStature;
    const probs = scaleFromCut(cut, whole ? figureHeight : null, cal);
    const faceBest = ORDERED_SCALES[probs.indexOf(Math.max(...probs))];
    return { people, faceHeight, figureHeight, bottomCut: cut, lowestPart: 'face', probs, confidence: 0.25, why: `face only, ${Math.round(faceHeight * 100)}% of the frame height → ${faceBest}` };
  }
  const probs = scaleFromCut(pose.bottomCut, pose.lowestPart === 'ankles' ? pose.figureHeight : null, cal);
  const best = ORDERED_SCALES[probs.indexOf(Math.max(...probs))] as ScaleCode;
  const where = pose.lowestPart === 'ankles' ? `whole figure, ${Math.round((pose.figureHeight ?? 0) * 100)}% of the frame height` : `bottom edge cuts at ${PART_WORDS[pose.lowestPart]}`;
  return {
    people,
    faceHeight,
    figureHeight: pose.figureHeight,
    bottomCut: pose.bottomCut,
    lowestPart: pose.lowestPart,
    probs,
    confidence: Math.min(1, pose.visibility) * (people > 3 ? 0.7 : 1),
    why: `${where}${trimmed ? ' (lower body guessed, ignored)' : ''} → ${best}`,
  };
}
