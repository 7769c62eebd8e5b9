import { resultsToCsv, type SecondRow } from '../export';
import type { Shot } from '../shotTypes';
import { filmStats, type FilmComparison, type FilmStats } from '../stats';
import { csvRow } from './csv';
import { edl, type EdlOptions } from './edl';
import { ffmetadataChapters } from './ffmetadata';
import { fcpxml, type FcpxmlOptions } from './fcpxml';
import { baseName, type ExportFilm, type ExportModel } from './film';
import { otio, type OtioOptions } from './otio';
import { shotsCsv, shotsJson } from './shotList';
import { srt } from './srt';

/** The export formats of one film. */
export const EXPORT_FORMATS = ['seconds.csv', 'shots.csv', 'shots.json', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt'] as const;
/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file to save: name, MIME type and text. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/** Everything the exports of one film need. */
export interface FilmExportInput {
  film: ExportFilm;
  shots: readonly Shot[];
  seconds: readonly SecondRow[];
  model?: ExportModel;
  stats?: FilmStats;
  edl?: EdlOptions;
  fcpxml?: FcpxmlOptions;
  otio?: OtioOptions;
  /** Seconds added to SRT and chapter times (the first frame's timestamp). */
  offsetSec?: number;
}

const MIME: Record<ExportFormat, string> = {
  'seconds.csv': 'text/csv',
  'shots.csv': 'text/csv',
  'shots.json': 'application/json',
  edl: 'text/plain',
  fcpxml: 'application/xml',
  otio: 'application/json',
  srt: 'application/x-subrip',
  'chapters.txt': 'text/plain',
};

/** A file-name stem from a film name: extension dropped, characters file systems refuse replaced. */
export function fileStem(name: string): string {
  const stem = baseName(name)
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
    .trim();
  return stem || 'film';
}

/** The export files of one film, `<stem>.<format>`. */
export function filmExportFiles(input: FilmExportInput, formats: readonly ExportFormat[] = EXPORT_FORMATS, stem = fileStem(input.film.name)): ExportFile[] {
  const { film, shots } = input;
  const text = (format: ExportFormat): string => {
    switch (format) {
      case 'seconds.csv':
        return resultsToCsv(input.seconds, { film, shots });
      case 'shots.csv':
        return shotsCsv(film, shots);
      case 'shots.json':
        return shotsJson(film, shots, input.model, input.stats ?? filmStats(shots));
      case 'edl':
        return edl(film, shots, input.edl);
      case 'fcpxml':
        return fcpxml(film, shots, input.fcpxml);
      case 'otio':
        return otio(film, shots, input.otio);
      case 'srt':
        return srt(shots, input.offsetSec);
      case 'chapters.txt':
        return ffmetadataChapters(film, shots, input.offsetSec);
    }
  };
  return formats.map((format) => ({ fileName: `${stem}.${format}`, mimeType: MIME[format], text: text(format) }));
}

/** "Export all": every film's files, stems made unique (`film`, `film (2)`, …). */
export function allFilmsExportFiles(inputs: readonly FilmExportInput[], formats: readonly ExportFormat[] = EXPORT_FORMATS): ExportFile[] {
  const used = new Set<string>();
  return inputs.flatMap((input) => {
    const base = fileStem(input.film.name);
    let stem = base;
    for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `${base} (${n})`;
    used.add(stem.toLowerCase());
    return filmExportFiles(input, formats, stem);
  });
}

/** A film comparison as CSV: one row per figure, one column per film. */
export function comparisonCsv(comparison: FilmComparison): string {
  const rows = comparison.rows.map((r) => csvRow([r.key, r.label, r.unit, ...r.values.map((v) => Number(v.toFixed(6)))]));
  return [csvRow(['key', 'figure', 'unit', ...comparison.names]), ...rows].join('\n') + '\n';
}
