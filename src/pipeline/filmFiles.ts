import { resultsToCsv } from '../shared/export';
import { fileStem, type ExportFile, type ExportFormat } from '../shared/exports';
import type { ModelInfo } from '../shared/types';
import type { Film } from '../store/store';
import { filmExportFilesFor, filmExportInput, filmJsonDocument } from './filmExport';

/** The shot formats written beside a film's seconds CSV and JSON once its shots are known. */
export const SHOT_FILE_FORMATS = ['shots.csv', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt'] as const satisfies readonly ExportFormat[];

/** One file of a film: the seconds CSV, the JSON document, or a shot format. */
export type FilmFileKind = 'csv' | 'json' | (typeof SHOT_FILE_FORMATS)[number];

/** The base of a film's file names, as `npm run analyze` makes it for a lone film: `<stem>.shotscale`. */
export function filmFileBase(name: string): string {
  return `${fileStem(name)}.shotscale`;
}

/** True once a film has shots to export in the shot formats (what filmExportInput needs, checked without computing statistics). */
export function hasShotFiles(film: Film): boolean {
  return film.info !== undefined && (film.shots?.length ?? 0) > 0 && film.frameRate !== undefined && film.frameCount !== undefined;
}

/**
 * One file of a film as `npm run analyze` writes it: `<base>.csv` (the seconds, with timecode, frame
 * and shot once shots are known), `<base>.json` (filmJsonDocument: top-level shots, stats and the
 * seconds) or `<base>.<format>`; null for a shot format before the film has shots.
 */
export function filmFile(film: Film, model: ModelInfo | null, kind: FilmFileKind, base = filmFileBase(film.name)): ExportFile | null {
  if (kind === 'csv') {
    const input = filmExportInput(film, model);
    const text = input ? resultsToCsv(film.results, { film: input.film, shots: input.shots }) : resultsToCsv(film.results);
    return { fileName: `${base}.csv`, mimeType: 'text/csv', text };
  }
  if (kind === 'json') return { fileName: `${base}.json`, mimeType: 'application/json', text: filmJsonDocument(film, model) };
  if (!hasShotFiles(film)) return null;
  return filmExportFilesFor(film, model, base, [kind])[0] ?? null;
}

/** Every file of a film, as analyze writes them: the seconds CSV and JSON, then the shot formats once shots are known. */
export function filmFiles(film: Film, model: ModelInfo | null, base = filmFileBase(film.name)): ExportFile[] {
  const kinds: FilmFileKind[] = ['csv', 'json', ...(hasShotFiles(film) ? SHOT_FILE_FORMATS : [])];
  return kinds.map((kind) => filmFile(film, model, kind, base)).filter((f): f is ExportFile => f !== null);
}

const unsafe = /[\\/:*?"<>|\u0000-\u001f]+/g;

/**
 * File-name bases for films exported together, as analyze makes them: the stem, the whole file
 * name where stems collide (film.mp4 and film.mkv), numbered where whole names collide too.
 */
export function outputBases(names: readonly string[]): string[] {
  const stems = names.map(fileStem);
  const used = new Set<string>();
  return names.map((name, i) => {
    const root = stems.filter((s) => s === stems[i]).length > 1 ? name.replace(unsafe, '_').trim() || 'film' : stems[i];
    let base = `${root}.shotscale`;
    for (let k = 2; used.has(base); k++) base = `${root}-${k}.shotscale`;
    used.add(base);
    return base;
  });
}

/** "Export all": the files of every film with results, named apart as analyze names them. */
export function allFilmFiles(films: readonly Film[], model: ModelInfo | null): ExportFile[] {
  const withResults = films.filter((f) => f.results.length > 0);
  const bases = outputBases(withResults.map((f) => f.name));
  return withResults.flatMap((film, i) => filmFiles(film, model, bases[i]));
}
