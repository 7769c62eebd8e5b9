import { memo } from 'react';
import type { Shot } from '../../shared/shotTypes';
import { statsOf } from '../../shared/statsCache';
import { CinemetricsPlot } from './CinemetricsPlot';
import { SaltCounts } from './SaltCounts';
import { ScaleShareChart } from './ScaleShareChart';
import { StatFigures } from './StatFigures';

/** A film's shot statistics (Salt / Cinemetrics): figures, scale shares, counts per 100 shots, length over time. */
export const FilmStats = memo(function FilmStats({ shots }: { shots: readonly Shot[] }) {
  const stats = statsOf(shots);
  return (
    <section className="film-stats" data-testid="film-stats" data-shots={stats.shotCount} data-asl-sec={stats.aslSec}>
      <StatFigures stats={stats} />
      <div className="stats-grid">
        <div>
          <ScaleShareChart stats={stats} />
          <SaltCounts stats={stats} />
        </div>
        <CinemetricsPlot series={stats.series} durationSec={stats.durationSec} />
      </div>
    </section>
  );
});
