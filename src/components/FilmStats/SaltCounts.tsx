import type { FilmStats, OrderedScale } from '../../shared/stats';
import { ORDERED_SCALES, SCALE_NAMES } from '../../shared/taxonomy';

/** Salt's scale counts per 100 shots (NA shots left out). */
export function SaltCounts({ stats }: { stats: FilmStats }) {
  return (
    <table className="salt" data-testid="salt-per-100">
      <caption>Per 100 shots (Salt)</caption>
      <thead>
        <tr>
          {ORDERED_SCALES.map((c) => (
            <th key={c} title={SCALE_NAMES[c]}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {ORDERED_SCALES.map((c) => (
            <td key={c}>{Math.round(stats.saltPer100[c as OrderedScale])}</td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
