import calibrationFile from './geometry-calibration.json';
import { fuseAll } from './fuse';
import type { PictureBounds } from './pictureBounds';
import { DEFAULT_CALIBRATION, subjectGeometry, type BodyLandmark, type FaceBoxInput, type GeometryCalibration, type SubjectGeometry } from './geometry';
import { argmax, SCALE_CODES, toScaleProbs, type ScaleCode } from './taxonomy';

/** The numbers of the fusion recipe: geometry's boundaries and how much geometry weighs. */
export interface FusionParams {
  geometry: GeometryCalibration;
  /** Weight of subject geometry in the fused answer, at full geometry confidence. */
  geometryWeight: number;
}

/** The recipe the app uses (geometry-calibration.json over the anatomical defaults). */
export const FUSION_PARAMS: FusionParams = {
  geometry: DEFAULT_CALIBRATION,
  geometryWeight: calibrationFile.params.geometryWeight,
};

/** Above this NA probability the frame is blank or a title: no face or pose detection. */
export const NA_SKIP = 0.5;
/** CNN mass on the scales where the body's cut decides (CU, MEDIUM, LS) below which pose is skipped. */
export const POSE_MIN_MASS = 0.15;

/** Whether pose detection can change this frame's answer (the CNN is not sure it is ECU, ELS or NA). */
export function needsPose(classes: readonly string[], cnnProbs: readonly number[], naProb: number): boolean {
  if (naProb >= NA_SKIP) return false;
  const p = toScaleProbs(classes, cnnProbs);
  const bodyCut = p[SCALE_CODES.indexOf('CU')] + p[SCALE_CODES.indexOf('MCU')] + p[SCALE_CODES.indexOf('MS')] + p[SCALE_CODES.indexOf('MLS')] + p[SCALE_CODES.indexOf('LS')];
  return bodyCut >= POSE_MIN_MASS;
}

/** What the per-frame analysis measured before fusion: the CNN, the NA detector, face and pose. */
export interface FrameFeatures {
  /** CNN softmax over the model's classes. */
  modelProbs: readonly number[];
  naProb: number;
  /** Faces and poses (absent when vision did not run: NA frame, or vision unavailable); a VisionResult fits. */
  vision?: { faces: readonly FaceBoxInput[]; poses: readonly { landmarks: readonly BodyLandmark[] }[] } | null;
  /** The picture inside the frame's burned-in bars (absent: the whole frame). */
  picture?: PictureBounds;
}

/** The fused answer for one frame. */
export interface FrameAnswer {
  probs: number[];
  label: ScaleCode;
  why: string;
  geometry: SubjectGeometry | null;
  /** Whether the app runs pose on this frame (only where it can matter: needsPose). */
  poseRan: boolean;
}

/**
 * The fused answer of one frame from its features: the one place where geometry and fusion are
 * applied (analyseBatch, calibration and pseudo-labels all call it). Poses measured on a frame
 * where the app would not run pose (needsPose false) are ignored, so features dumped with pose
 * always on give the app's own answers.
 */
export function fuseFrame(classes: readonly string[], f: FrameFeatures, params: FusionParams = FUSION_PARAMS): FrameAnswer {
  const usePose = needsPose(classes, f.modelProbs, f.naProb);
  const vision = f.naProb < NA_SKIP ? f.vision : null;
  const poses = vision && usePose ? vision.poses : [];
  const geometry = vision ? subjectGeometry(vision.faces, poses.map((p) => p.landmarks), params.geometry, f.picture) : null;
  const { probs, note } = fuseAll(classes, f.modelProbs, geometry, f.naProb, params.geometryWeight);
  const label = SCALE_CODES[argmax(probs)];
  const why = f.naProb >= NA_SKIP ? `blank or title frame (${Math.round(f.naProb * 100)}%)` : note.why;
  return { probs, label, why, geometry, poseRan: !!vision && usePose };
}
