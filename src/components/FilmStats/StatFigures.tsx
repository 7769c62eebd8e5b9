import { formatSeconds, formatTime } from '../../shared/format';
import type { FilmStats } from '../../shared/stats';

/** The headline figures: shots, ASL, median, SD, CV, shortest and longest shot, shots corrected by hand. */
export function StatFigures({ stats }: { stats: FilmStats }) {
  const figures: [string, string, string, string][] = [
    ['shots', 'Shots', String(stats.shotCount), `${stats.shotCount} shots in ${formatTime(stats.durationSec, true)}`],
    ['asl', 'ASL', formatSeconds(stats.aslSec), 'Average shot length: duration ÷ shots'],
    ['median', 'Median', formatSeconds(stats.medianSec), 'Median shot length'],
    ['sd', 'SD', formatSeconds(stats.sdSec), 'Standard deviation of shot lengths'],
    ['cv', 'CV', stats.cv.toFixed(2), 'Coefficient of variation: SD ÷ ASL'],
    ['range', 'Shortest–longest', `${formatSeconds(stats.minSec)}–${formatSeconds(stats.maxSec)}`, 'Shortest and longest shot'],
    ['corrected', 'Corrected', String(stats.correctedCount), `${stats.correctedCount} of ${stats.shotCount} shots corrected by hand (scale set, split or merged); the figures use the corrected shots`],
  ];
  return (
    <dl className="stat-figures">
      {figures.map(([key, label, value, title]) => (
        <div key={key} title={title}>
          <dt>{label}</dt>
          <dd data-testid={`stat-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
