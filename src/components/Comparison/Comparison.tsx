import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { comparisonCsv } from '../../shared/exports';
import { compareFilms } from '../../shared/stats';
import { statsOf } from '../../shared/statsCache';
import { useCompare } from '../../store/compare';
import { useApp, type AppState } from '../../store/store';
import { download } from '../Exports/download';
import { ComparisonChart } from './ComparisonChart';
import { ComparisonTable } from './ComparisonTable';

function compared(s: AppState, ids: readonly string[]) {
  return ids.map((id) => s.films.find((f) => f.id === id)).filter((f) => f?.shots && f.shots.length > 0);
}

/** The ticked films compared (two or more with shots): table, overlaid scale distributions, CSV. */
export function Comparison() {
  const ids = useCompare((s) => s.ids);
  const names = useApp(useShallow((s) => compared(s, ids).map((f) => f!.name)));
  const shotLists = useApp(useShallow((s) => compared(s, ids).map((f) => f!.shots!)));
  const comparison = useMemo(() => compareFilms(shotLists.map((shots, i) => ({ name: names[i], stats: statsOf(shots) }))), [names, shotLists]);
  if (shotLists.length < 2) return null;
  const maxShare = Math.min(1, Math.ceil(10 * Math.max(...comparison.scales.flatMap((s) => [...s.shotFractions, ...s.screenFractions]))) / 10);
  return (
    <section className="comparison" data-testid="comparison" data-films={shotLists.length} aria-label="Comparison">
      <header className="comparison-header">
        <h2>Comparison</h2>
        <button type="button" data-testid="comparison-csv" onClick={() => download('shotscale-comparison.csv', 'text/csv', comparisonCsv(comparison))}>
          Comparison CSV
        </button>
      </header>
      <ComparisonTable comparison={comparison} />
      <div className="comparison-charts">
        <ComparisonChart comparison={comparison} by="shots" maxShare={maxShare} />
        <ComparisonChart comparison={comparison} by="screen" maxShare={maxShare} />
      </div>
    </section>
  );
}
