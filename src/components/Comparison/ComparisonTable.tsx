import { formatSeconds, formatTime } from '../../shared/format';
import type { ComparisonRow, FilmComparison } from '../../shared/stats';
import { SCALE_CODES, SCALE_NAMES } from '../../shared/taxonomy';
import { filmColor } from './filmColors';

/** The figures shown above the scale shares, by compareFilms key. */
const FIGURES = ['shotCount', 'durationSec', 'aslSec', 'medianSec', 'sdSec', 'cv'];

function cell(row: ComparisonRow, v: number): string {
  if (row.key === 'durationSec') return formatTime(v, true);
  if (row.unit === 's') return formatSeconds(v);
  if (row.unit === '%') return `${v.toFixed(v > 0 && v < 1 ? 1 : 0)}%`;
  if (row.unit === '') return v.toFixed(2);
  return String(Math.round(v));
}

/** Films side by side, one column each: shot count and lengths, then each scale's share of shots · of screen time. */
export function ComparisonTable({ comparison }: { comparison: FilmComparison }) {
  const row = (key: string) => comparison.rows.find((r) => r.key === key)!;
  return (
    <div className="comparison-table-wrap">
      <table className="comparison-table" data-testid="comparison-table">
        <thead>
          <tr>
            <th />
            {comparison.names.map((name, i) => (
              <th key={i} title={name}>
                <span className="swatch" style={{ background: filmColor(i) }} />
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIGURES.map(row).map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th>{r.label}</th>
              {r.values.map((v, i) => (
                <td key={i}>{cell(r, v)}</td>
              ))}
            </tr>
          ))}
          <tr className="group">
            <th colSpan={comparison.names.length + 1}>
              Share of shots <span className="muted">· of screen time</span>
            </th>
          </tr>
          {SCALE_CODES.map((code) => {
            const [shots, screen] = [row(`shots.${code}`), row(`screen.${code}`)];
            return (
              <tr key={code} data-key={`scale.${code}`}>
                <th title={SCALE_NAMES[code]}>{code}</th>
                {shots.values.map((v, i) => (
                  <td key={i}>
                    {cell(shots, v)} <span className="muted">· {cell(screen, screen.values[i])}</span>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
