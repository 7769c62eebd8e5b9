import type { VisionFace, VisionPose } from '../../src/shared/types';

/** The parts of a MediaPipe Tasks `Detection` we read (box in pixels, keypoints normalised). */
export interface TaskDetection {
  categories: { score: number }[];
  boundingBox?: { originX: number; originY: number; width: number; height: number };
  keypoints: { x: number; y: number }[];
}

/** The parts of a MediaPipe Tasks `NormalizedLandmark` we read. */
export interface TaskLandmark {
  x: number;
  y: number;
  z: number;
  visibility?: number;
}

/** FaceDetector detections → faces with boxes normalised by the frame size. */
export function toFaces(detections: TaskDetection[], width: number, height: number): VisionFace[] {
  return detections
    .filter((d) => d.boundingBox)
    .map((d) => {
      const b = d.boundingBox!;
      return {
        box: { x: b.originX / width, y: b.originY / height, width: b.width / width, height: b.height / height },
        score: d.categories[0]?.score ?? 0,
        keypoints: d.keypoints.map((k) => ({ x: k.x, y: k.y })),
      };
    })
    .sort((a, b) => b.score - a.score);
}

/** PoseLandmarker landmarks (one list per person) → poses. */
export function toPoses(landmarks: TaskLandmark[][]): VisionPose[] {
  return landmarks.map((person) => ({
    landmarks: person.map((l) => ({ x: l.x, y: l.y, z: l.z, visibility: l.visibility ?? 0 })),
  }));
}
