import type { Project, ProjectFilm } from './project';
import { filmStats, mean, sampleSd } from './stats';
import { SCALE_CODES, type ScaleCode } from './taxonomy';

/**
 * A corpus project (`npm run corpus -- merge`) as the corpus view shows it: one row of figures per
 * film, sorting by any column, and the films grouped by any metadata column (or by the decade of
 * its `year`), each group's figures given as the mean and sample SD over its films.
 *
 * A row's figures come from the film's shots as the page showed them (corrections applied), by
 * filmStats. A film saved without shots has its duration (the file's) but no shot figures: they
 * are null, sort last and are left out of its group's means (a group counts its films and, apart,
 * those with shots).
 */

/** One film of a corpus: its metadata and figures. */
export interface CorpusRow {
  /** The film's analysis key (the IndexedDB record it opens). */
  key: string;
  /** File name. */
  name: string;
  metadata: Record<string, string>;
  /** Running time of the shots (unreadable stretches left out), or the file's duration when it has no shots. */
  durationSec: number;
  shotCount: number;
  aslSec: number | null;
  medianSec: number | null;
  cv: number | null;
  /** Each scale's share of the shots (0–1). */
  shotShares: Record<ScaleCode, number> | null;
  /** Each scale's share of screen time (0–1). */
  screenShares: Record<ScaleCode, number> | null;
  correctedCount: number;
  /** `id@version` of the model that made the analysis. */
  modelId: string;
  fps: number;
  unreadableSec: number;
}

/** The figures of one film of a project. */
export function corpusRow(film: ProjectFilm): CorpusRow {
  const { analysis } = film;
  const base = { key: analysis.key, name: analysis.info.name, metadata: film.metadata ?? {}, modelId: analysis.modelId, fps: analysis.fps };
  const shots = film.shots ?? [];
  const s = filmStats(shots, { trendDegree: 0, trendPoints: 2 });
  if (s.shotCount === 0) {
    return { ...base, durationSec: analysis.info.durationSec, shotCount: 0, aslSec: null, medianSec: null, cv: null, shotShares: null, screenShares: null, correctedCount: 0, unreadableSec: s.unreadableSec };
  }
  return {
    ...base,
    durationSec: s.durationSec,
    shotCount: s.shotCount,
    aslSec: s.aslSec,
    medianSec: s.medianSec,
    cv: s.cv,
    shotShares: s.scaleShotFractions,
    screenShares: s.scaleScreenFractions,
    correctedCount: s.correctedCount,
    unreadableSec: s.unreadableSec,
  };
}

/** One row per film of a project, in its order. */
export function corpusRows(project: Pick<Project, 'films'>): CorpusRow[] {
  return project.films.map(corpusRow);
}

/**
 * A column of the corpus table: `name`, `meta:<column>`, a figure (`durationSec`, `shotCount`,
 * `aslSec`, `medianSec`, `cv`, `correctedCount`, `unreadableSec`, `fps`, `modelId`), or a scale's
 * share `screen:<code>` / `shots:<code>`.
 */
export type CorpusColumn = string;

/** The numeric figures of a row a column may name. */
const FIGURES = ['durationSec', 'shotCount', 'aslSec', 'medianSec', 'cv', 'correctedCount', 'unreadableSec', 'fps'] as const;

/** A row's value in a column: text, a number, or null when the film has none (no shots, no such metadata). */
export function corpusValue(row: CorpusRow, column: CorpusColumn): string | number | null {
  if (column === 'name') return row.name;
  if (column === 'modelId') return row.modelId;
  if (column.startsWith('meta:')) {
    const v = column === 'meta:decade' && !('decade' in row.metadata) ? decadeOf(row.metadata.year) : row.metadata[column.slice(5)];
    return v === undefined || v.trim() === '' ? null : v;
  }
  const share = /^(screen|shots):(.+)$/.exec(column);
  if (share) {
    const shares = share[1] === 'screen' ? row.screenShares : row.shotShares;
    return shares ? (shares[share[2] as ScaleCode] ?? null) : null;
  }
  if ((FIGURES as readonly string[]).includes(column)) return row[column as (typeof FIGURES)[number]];
  throw new RangeError(`Unknown corpus column “${column}”`);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Orders two values: numbers by value, text naturally ("Film 9" before "Film 10", case ignored). */
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** The rows sorted by a column, ascending or descending; stable (ties keep their order), films without a value last either way. */
export function sortCorpusRows(rows: readonly CorpusRow[], column: CorpusColumn, direction: 'ascending' | 'descending'): CorpusRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: corpusValue(row, column) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      return sign * compareValues(a.v, b.v) || a.i - b.i;
    })
    .map((x) => x.row);
}

/** The decade of a year ("1959" → "1950s"; the first four-digit number in the text), or undefined. */
export function decadeOf(year: string | undefined): string | undefined {
  const m = year === undefined ? null : /(?<!\d)(\d{4})(?!\d)/.exec(year);
  return m ? `${Math.floor(Number(m[1]) / 10) * 10}s` : undefined;
}

/** What the films can be grouped by: each metadata column, and `decade` after them when there is a `year` column (and no `decade` one). */
export function groupingColumns(columns: readonly string[]): string[] {
  return columns.includes('year') && !columns.includes('decade') ? [...columns, 'decade'] : [...columns];
}

/** A mean and its sample standard deviation over a group's films (SD null for fewer than two). */
export interface Spread {
  mean: number;
  sd: number | null;
}

/** One group of films with the mean and spread of their figures. */
export interface CorpusGroup {
  /** The value the films share; null for those without one. */
  value: string | null;
  /** Films in the group. */
  n: number;
  /** Films in the group with shots: the means are over these; null spreads when there are none. */
  nWithShots: number;
  asl: Spread | null;
  median: Spread | null;
  cv: Spread | null;
  screenShares: Record<ScaleCode, Spread> | null;
  shotShares: Record<ScaleCode, Spread> | null;
}

function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  return { mean: mean(values), sd: values.length > 1 ? sampleSd(values) : null };
}

function shareSpreads(shares: readonly Record<ScaleCode, number>[]): Record<ScaleCode, Spread> | null {
  if (shares.length === 0) return null;
  return Object.fromEntries(SCALE_CODES.map((c) => [c, spread(shares.map((s) => s[c]))!])) as Record<ScaleCode, Spread>;
}

/** The figures of a set of films (a group, or the whole corpus with `value` null). */
export function groupFigures(rows: readonly CorpusRow[], value: string | null): CorpusGroup {
  const withShots = rows.filter((r) => r.aslSec !== null);
  return {
    value,
    n: rows.length,
    nWithShots: withShots.length,
    asl: spread(withShots.map((r) => r.aslSec!)),
    median: spread(withShots.map((r) => r.medianSec!)),
    cv: spread(withShots.map((r) => r.cv!)),
    screenShares: shareSpreads(withShots.map((r) => r.screenShares!)),
    shotShares: shareSpreads(withShots.map((r) => r.shotShares!)),
  };
}

/** The films grouped by a metadata column (or `decade`), groups in natural order of their value, films without one last. */
export function groupCorpusRows(rows: readonly CorpusRow[], column: string): CorpusGroup[] {
  const byValue = new Map<string | null, CorpusRow[]>();
  for (const row of rows) {
    const v = corpusValue(row, `meta:${column}`) as string | null;
    const key = v === null ? null : v.trim();
    const group = byValue.get(key);
    if (group) group.push(row);
    else byValue.set(key, [row]);
  }
  return [...byValue.keys()]
    .sort((a, b) => (a === null || b === null ? (a === null ? 1 : 0) - (b === null ? 1 : 0) : collator.compare(a, b)))
    .map((value) => groupFigures(byValue.get(value)!, value));
}
