import { formatTime } from '../../shared/format';
import type { Progress } from '../../store/store';

/** Frames done / total, frames per second, ETA and a Cancel button. */
export function ProgressBar({ progress, onCancel }: { progress: Progress; onCancel: () => void }) {
  const { done, total, fps, etaSec } = progress;
  return (
    <div className="progress" data-testid="progress">
      <progress max={total || 1} value={done} />
      <span className="progress-text">
        {total === 0 ? 'waiting…' : `${done} / ${total} frames · ${fps > 0 ? `${fps.toFixed(1)} frames/s` : 'starting…'} · ETA ${etaSec === null ? '–' : formatTime(etaSec)}`}
      </span>
      <button type="button" onClick={onCancel} data-testid="cancel">
        Cancel
      </button>
    </div>
  );
}
