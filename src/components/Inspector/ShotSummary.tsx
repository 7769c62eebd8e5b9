import { formatSeconds, pct } from '../../shared/format';
import { shotIndexOfSecond, shotInOut, type SecondRef } from '../../shared/shotLane';
import type { FilmTimingFields } from '../../shared/frameTiming';
import type { Shot } from '../../shared/shotTypes';
import { SCALE_NAMES } from '../../shared/taxonomy';

/** One line on the shot that holds the inspected second: number, in–out, duration, scale, samples. */
export function ShotSummary({ shots, second, timing }: { shots: readonly Shot[]; second: SecondRef; timing?: FilmTimingFields }) {
  const shot = shots[shotIndexOfSecond(shots, second)];
  if (!shot) return null;
  const [inTc, outTc] = shotInOut(shot, timing);
  const k = shot.sampleIndices.length;
  return (
    <p className="shot-summary" data-testid="inspector-shot" data-shot={shot.index + 1}>
      <strong>Shot {shot.index + 1}</strong>: {inTc}–{outTc}, {formatSeconds(shot.endSec - shot.startSec)}, {shot.scale} {SCALE_NAMES[shot.scale]} ({pct(shot.confidence)}), {k} sample{k === 1 ? '' : 's'}
      {shot.changesScale ? ', changes scale' : ''}
      {shot.corrected ? ', corrected' : ''}
    </p>
  );
}
