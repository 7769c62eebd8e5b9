import { formatSeconds, formatTime } from '../../shared/format';
import type { ComparisonRow, FilmComparison } from '../../shared/stats';
import { filmColor } from './filmColors';

/** The table's rows, by compareFilms key, in the order shown. */
const SHOWN = ['shotCount', 'durationSec', 'aslSec', 'medianSec', 'sdSec', 'cv'];

function cell(row: ComparisonRow, v: number): string {
  if (row.key === 'durationSec') return formatTime(v, true);
  if (row.unit === 's') return formatSeconds(v);
  if (row.unit === '%') return `${v.toFixed(v > 0 && v < 1 ? 1 : 0)}%`;
  if (row.unit === '') return v.toFixed(2);
  return String(Math.round(v));
}

function Rows({ rows, heading }: { rows: ComparisonRow[]; heading?: string }) {
  return (
    <>
      {heading && (
        <tr className="group">
          <th colSpan={rows[0].values.length + 1}>{heading}</th>
        </tr>
      )}
      {rows.map((row) => (
        <tr key={row.key} data-key={row.key}>
          <th>{heading ? row.key.slice(row.key.indexOf('.') + 1) : row.label}</th>
          {row.values.map((v, i) => (
            <td key={i}>{cell(row, v)}</td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** Films side by side: shot count, lengths, and each scale's share of shots and of screen time. */
export function ComparisonTable({ comparison }: { comparison: FilmComparison }) {
  const pick = (prefix: string) => comparison.rows.filter((r) => r.key.startsWith(prefix));
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
          <Rows rows={SHOWN.map((key) => comparison.rows.find((r) => r.key === key)!)} />
          <Rows rows={pick('shots.')} heading="Share of shots" />
          <Rows rows={pick('screen.')} heading="Share of screen time" />
        </tbody>
      </table>
    </div>
  );
}
