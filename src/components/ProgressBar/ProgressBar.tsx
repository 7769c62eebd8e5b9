import { formatTime } from '../../shared/format';
import type { Progress, ProgressStage } from '../../store/store';

/** What each stage is called on screen. */
const STAGE_TEXT: Record<ProgressStage, string> = {
  waiting: 'Waiting for the films before it',
  model: 'Loading the model',
  opening: 'Opening the file',
  fingerprint: 'Reading the whole file to recognise it',
  decoding: 'Decoding the first frames',
  analysing: 'Analysing',
};

/** The stage by name, frames done / total, frames per second (after warm-up), time left and a Cancel button. */
export function ProgressBar({ progress, onCancel }: { progress: Progress; onCancel: () => void }) {
  const { done, total, fps, etaSec } = progress;
  const stage = progress.stage ?? (total === 0 ? 'waiting' : 'analysing');
  const counts = total > 0 ? (stage === 'fingerprint' ? ` · ${done} / ${total} MB` : ` · ${done} / ${total} frames`) : '';
  const rate = stage === 'analysing' ? (fps > 0 ? ` · ${fps.toFixed(1)} frames/s · ${etaSec === null ? '' : `${formatTime(etaSec)} left`}` : ' · measuring speed') : '';
  return (
    <div className="progress" data-testid="progress" data-stage={stage}>
      <progress max={total || 1} value={done} aria-label="Analysis progress" />
      <span className="progress-text" role="status" data-testid="progress-text">
        <strong>{STAGE_TEXT[stage]}</strong>
        {stage === 'analysing' ? '' : '…'}
        {counts}
        {rate}
      </span>
      <button type="button" onClick={onCancel} data-testid="cancel">
        Cancel
      </button>
    </div>
  );
}
