import type { VisionResult } from '../../shared/types';

/** Bones of the 33-point body model drawn as the skeleton (MediaPipe landmark indices). */
const BONES: [number, number][] = [
  [11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
  [23, 25], [25, 27], [27, 29], [29, 31], [24, 26], [26, 28], [28, 30], [30, 32], [0, 2], [0, 5], [9, 10],
];
const MIN_VISIBILITY = 0.5;

/** Face boxes and pose skeletons over the frame (coordinates are fractions of the frame). */
export function SubjectOverlay({ vision }: { vision: VisionResult }) {
  return (
    <svg className="subject-overlay" viewBox="0 0 1 1" preserveAspectRatio="none" data-testid="subject-overlay" aria-label={`${vision.faces.length} face(s), ${vision.poses.length} pose(s)`}>
      {vision.faces.map((f, i) => (
        <rect key={`f${i}`} className="face-box" data-testid="face-box" x={f.box.x} y={f.box.y} width={f.box.width} height={f.box.height} vectorEffect="non-scaling-stroke" />
      ))}
      {vision.poses.map((pose, p) => (
        <g key={`p${p}`} className="skeleton" data-testid="skeleton">
          {BONES.filter(([a, b]) => (pose.landmarks[a]?.visibility ?? 0) >= MIN_VISIBILITY && (pose.landmarks[b]?.visibility ?? 0) >= MIN_VISIBILITY).map(([a, b]) => (
            <line key={`${a}-${b}`} x1={pose.landmarks[a].x} y1={pose.landmarks[a].y} x2={pose.landmarks[b].x} y2={pose.landmarks[b].y} vectorEffect="non-scaling-stroke" />
          ))}
        </g>
      ))}
    </svg>
  );
}
