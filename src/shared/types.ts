import type { PooledFrom } from './secondPooling';
import type { FrameStats } from './na';
import type { Transition } from './shotTypes';
import type { ScaleCode } from './taxonomy';

/** The model card that sits beside the ONNX file (see docs/design.md, "Model contract"). */
export interface ModelCard {
  id: string;
  version: string;
  /** ONNX file name, relative to the card. */
  file: string;
  sha256: string;
  /** Model output classes in order: codes or coarse groups (MEDIUM). */
  classes: string[];
  input: {
    /** Name of the ONNX input (the contract: `pixels`). */
    name?: string;
    height: number;
    width: number;
    mean: [number, number, number];
    std: [number, number, number];
    resize: 'letterbox' | 'stretch';
    pad?: [number, number, number];
  };
  outputs: { logits: string; cam: string };
  /** Older cards named the input here; `input.name` wins. */
  inputName?: string;
  /** Size of the ONNX file in bytes. */
  bytes?: number;
  /** CAM height and width. */
  camShape?: [number, number];
  temperature?: number;
  architecture?: string;
  backbone?: { name: string; source?: string; licence?: string };
  training?: Record<string, unknown>;
  evaluation?: Record<string, unknown>;
}

/** What probing a video file found. */
export interface VideoInfo {
  /** Content fingerprint (size + first and last MiB), the key of saved analyses. */
  fingerprint: string;
  name: string;
  sizeBytes: number;
  /** End of the last frame − start of the first: the film as a player shows it. */
  durationSec: number;
  /** Source timestamp of the first presented frame; every tSec is measured from it (timeOrigin.ts). */
  startTimestampSec: number;
  width: number;
  height: number;
  codec: string;
  container: string;
}

/** A batch of decoded, letterboxed frames ready for the model. */
export interface FrameBatch {
  /** Index of each frame in the film's sample list. */
  indices: number[];
  /** Requested sample time of each frame, from the film's first frame. */
  tSec: number[];
  /** Presentation time of the frame actually decoded, from the film's first frame. */
  frameTimestampSec: number[];
  /** RGBA pixels, count × height × width × 4, letterboxed to the model input. */
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** Where the picture sits inside the letterboxed input. */
  content: { x: number; y: number; width: number; height: number };
  /** JPEG thumbnail of each frame, for the inspector. */
  thumbs: Blob[];
  /** Luma statistics of each frame (NA detection). */
  stats: FrameStats[];
  /** Each whole frame (at most 768 px wide), for face and pose detection; transferred. */
  bitmaps: ImageBitmap[];
  /** Frame number of each frame (0-based from the first presented frame), when the job scans every frame. */
  frames?: number[];
  /** Shot boundaries that became final while this batch was decoded (cut-scanning jobs). */
  transitions?: Transition[];
  /** How many wanted times this batch passed over because they lie in a stretch no frame of which decodes. */
  unreadable?: number;
  /** Milliseconds the decode worker spent on this batch: decoding, cut scanning, letterbox + thumbnail + bitmap. */
  workerMs?: { decode: number; cuts: number; render: number };
}

/** Raw model outputs for a batch. */
export interface InferOutput {
  /** count × K logits. */
  logits: Float32Array;
  /** count × K × camHeight × camWidth class activation maps. */
  cam: Float32Array;
  camHeight: number;
  camWidth: number;
  /** Milliseconds the session.run took. */
  runMs: number;
}

/** The analysis of one sampled second. */
export interface SecondResult {
  index: number;
  tSec: number;
  /** Frame number of the decoded frame (0-based from the first presented frame), when known. */
  frame?: number;
  /** Final probabilities over SCALE_CODES (model + NA detector). */
  probs: number[];
  label: ScaleCode;
  /** Probability the NA detector gave. */
  naProb: number;
  /** One line on how the answer was reached (geometry, CNN, NA detector). */
  why?: string;
  /** Set when pooling within the shot changed this frame's own answer (see secondPooling.ts). */
  pooled?: PooledFrom;
}

/** Heavy per-second data kept in IndexedDB, not in the store. */
export interface SecondDetail {
  /** K × h × w CAM over the letterboxed input, in model class order. */
  cam: Float32Array;
  camHeight: number;
  camWidth: number;
  thumb: Blob;
  content: { x: number; y: number; width: number; height: number };
  inputWidth: number;
  inputHeight: number;
  /** Softmax over the model's own classes. */
  modelProbs: number[];
  /** Faces and poses found in the frame, when the vision worker ran. */
  vision?: VisionResult;
}

/** Which inference backend ran. */
export type Backend = 'webgpu' | 'wasm';

/** What the loaded model reports. */
export interface ModelInfo {
  card: ModelCard;
  backend: Backend;
  /** WASM threads the CNN runs on (0 on WebGPU). */
  threads: number;
  /**
   * WASM threads this model would have in a fresh inference worker (wasmThreadsFor); differs from
   * `threads` when the worker's onnxruntime started earlier with another count for another model.
   */
  threadsWanted?: number;
  /** Why WebGPU was not used, when it was not. */
  backendNote: string;
  loadMs: number;
  warmupMs: number;
}

/** A face the vision worker found (MediaPipe FaceDetector). */
export interface VisionFace {
  /** Normalised 0–1 of the frame. */
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /** Normalised keypoints (eyes, nose tip, mouth, ear tragions). */
  keypoints: { x: number; y: number }[];
}

/** A person the vision worker found (MediaPipe PoseLandmarker). */
export interface VisionPose {
  /** The 33 BlazePose landmarks, normalised; x, y may lie outside 0–1 when the body leaves the frame. */
  landmarks: { x: number; y: number; z: number; visibility: number }[];
}

/** What the vision worker returns for one frame. */
export interface VisionResult {
  faces: VisionFace[];
  poses: VisionPose[];
  faceMs: number;
  poseMs: number;
}
