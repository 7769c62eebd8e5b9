import { formatSeconds, formatTime, pct } from '../../shared/format';
import type { CorpusGroup, Spread } from '../../shared/corpus';

/** A metadata column's name as a heading ("year" → "Year"). */
export function columnLabel(column: string): string {
  return column ? column[0].toUpperCase() + column.slice(1) : column;
}

/** A figure of a film as the table shows it; a dash when the film has none. */
export function figureText(column: string, v: string | number | null): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  if (column === 'durationSec') return formatTime(v);
  if (column === 'aslSec' || column === 'medianSec') return formatSeconds(v);
  if (column === 'cv') return v.toFixed(2);
  if (column.startsWith('screen:') || column.startsWith('shots:')) return pct(v);
  return String(Math.round(v));
}

/** A group's mean ± SD, in seconds or as a share; the SD left out for a single film, a dash for none. */
export function spreadText(s: Spread | null | undefined, unit: 's' | '%' | ''): string {
  if (!s) return '–';
  const f = (v: number) => (unit === 's' ? v.toFixed(1) : unit === '%' ? String(Math.round(v * 100)) : v.toFixed(2));
  const tail = unit === 's' ? ' s' : unit === '%' ? '%' : '';
  return s.sd === null ? `${f(s.mean)}${tail}` : `${f(s.mean)}${tail} ± ${f(s.sd)}`;
}

/** The label of a group's value (films without one: "no year"). */
export function groupLabel(group: CorpusGroup, column: string): string {
  return group.value ?? `no ${column}`;
}
