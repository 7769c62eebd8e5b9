import { formatAxisTime, timeTicks } from '../../shared/timeAxis';

/** The time labels under a film's lanes: round times, then the film's true end (a 20 s clip ends at 0:20). */
export function TimeAxis({ durationSec, axisSec, maxTicks = 8 }: { durationSec: number; axisSec: number; maxTicks?: number }) {
  const ticks = timeTicks(durationSec, axisSec, maxTicks);
  return (
    <div className="time-axis" data-testid="time-axis" aria-hidden="true">
      {ticks.map((t) => (
        <span
          key={`${t.tSec}${t.end ? 'e' : ''}`}
          className={`time-tick${t.end ? ' time-tick-end' : ''}${t.at === 0 ? ' time-tick-start' : ''}`}
          style={{ left: `${t.at * 100}%` }}
          data-testid="time-tick"
          data-end={t.end || undefined}
        >
          {formatAxisTime(t.tSec)}
        </span>
      ))}
    </div>
  );
}
