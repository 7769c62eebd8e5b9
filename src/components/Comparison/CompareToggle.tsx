import { setCompared, useCompare } from '../../store/compare';

/** The "Compare" tick on a film card. */
export function CompareToggle({ id }: { id: string }) {
  const on = useCompare((s) => s.ids.includes(id));
  return (
    <label className="compare-toggle" title="Compare this film's statistics with other ticked films">
      <input type="checkbox" checked={on} onChange={(e) => setCompared(id, e.target.checked)} data-testid="compare" /> Compare
    </label>
  );
}
