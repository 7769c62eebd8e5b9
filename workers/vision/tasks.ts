import { FaceDetector, FilesetResolver, PoseLandmarker } from '@mediapipe/tasks-vision';
import { analysisError } from '../../src/shared/errors';
import type { VisionResult } from '../../src/shared/types';
import { toFaces, toPoses } from './convert';

/** Which prepared model files to load (scripts/build/prepare-mediapipe.mjs writes them). */
export interface VisionLoadOptions {
  /** Pose landmark network: 'lite' (default, fastest) or 'full'. */
  pose?: 'lite' | 'full';
  /** Face detector: 'short' range (default; faces within ~2 m) or 'full' range. */
  face?: 'short' | 'full';
}

const FACE_FILES = { short: 'face_detector.tflite', full: 'face_detector_full.tflite' } as const;
const POSE_FILES = { lite: 'pose_landmarker_lite.task', full: 'pose_landmarker_full.task' } as const;

/** Fetches a model file from this origin, bypassing the HTTP cache (the service worker has its copy). */
async function fetchModel(url: string): Promise<Uint8Array> {
  const res = await fetch(url, { cache: 'no-store' }).catch((err: Error) => {
    throw analysisError('ModelLoadError', `Could not fetch ${url}: ${err.message}`);
  });
  if (!res.ok) throw analysisError('ModelLoadError', `Could not fetch ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** MediaPipe FaceDetector + PoseLandmarker, both in IMAGE mode, on the CPU (WASM). */
export class VisionTasks {
  private constructor(
    private readonly face: FaceDetector,
    private readonly pose: PoseLandmarker,
  ) {}

  /**
   * Loads the wasm runtime from `<baseUrl>vendor/mediapipe/` and the models from its `models/`.
   * A failed create can leave the wasm module in a state a retry cannot use: replace the worker.
   */
  static async load(baseUrl: string, options: VisionLoadOptions = {}): Promise<VisionTasks> {
    const dir = new URL('vendor/mediapipe', baseUrl).href;
    const [fileset, faceModel, poseModel] = await Promise.all([
      FilesetResolver.forVisionTasks(dir, true),
      fetchModel(`${dir}/models/${FACE_FILES[options.face ?? 'short']}`),
      fetchModel(`${dir}/models/${POSE_FILES[options.pose ?? 'lite']}`),
    ]);
    const face = await FaceDetector.createFromOptions(fileset, {
      baseOptions: { modelAssetBuffer: faceModel, delegate: 'CPU' },
      runningMode: 'IMAGE',
      minDetectionConfidence: 0.5,
    });
    try {
      // The wasm loader is an ES module that hands its factory over through a global once; a
      // second task in this worker needs its own copy of the module, so a distinct URL.
      const poseFileset = { ...fileset, wasmLoaderPath: `${fileset.wasmLoaderPath}?task=pose` };
      const pose = await PoseLandmarker.createFromOptions(poseFileset, {
        baseOptions: { modelAssetBuffer: poseModel, delegate: 'CPU' },
        runningMode: 'IMAGE',
        numPoses: 4,
        minPoseDetectionConfidence: 0.5,
        minPosePresenceConfidence: 0.5,
        outputSegmentationMasks: false,
      });
      return new VisionTasks(face, pose);
    } catch (err) {
      face.close();
      throw err;
    }
  }

  /** Faces and, when asked, poses in one frame (any size; MediaPipe letterboxes to each network's input). */
  detect(frame: ImageBitmap, withPose = true): VisionResult {
    const { width, height } = frame;
    const t0 = performance.now();
    const faces = toFaces(this.face.detect(frame).detections, width, height);
    const t1 = performance.now();
    const poses = withPose ? toPoses(this.pose.detect(frame).landmarks) : [];
    const t2 = performance.now();
    return { faces, poses, faceMs: t1 - t0, poseMs: t2 - t1 };
  }

  close(): void {
    this.face.close();
    this.pose.close();
  }
}
