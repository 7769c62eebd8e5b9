import { resultsToCsv, resultsToJson, type SecondRow } from '../export';
import type { FrameRate, Shot } from '../shotTypes';
import type { FilmStats } from '../stats';
import type { VideoInfo } from '../types';
import type { ExportFilm, ExportModel } from './film';
import { allFilmsExportFiles, fileStem, type ExportFile, type FilmExportInput } from './index';

/** What the exports read from an analysed film (the app's store Film and the headless runner's film both fit). */
export interface AnalysedFilm {
  name: string;
  info?: VideoInfo;
  /** Samples per second the seconds were taken at. */
  fps: number;
  results: readonly SecondRow[];
  shots?: readonly Shot[];
  frameRate?: FrameRate;
  frameCount?: number;
}

/** The exports' view of a probed film at its nominal rate. */
export function exportFilmOf(info: VideoInfo, frameRate: FrameRate, frameCount: number): ExportFilm {
  return {
    name: info.name,
    durationSec: info.durationSec,
    frameRate,
    frameCount,
    width: info.width,
    height: info.height,
    codec: info.codec,
    container: info.container,
    fingerprint: info.fingerprint,
  };
}

/** Everything filmExportFiles needs for an analysed film, or null until it has shots, a frame rate and a frame count. */
export function analysisExportInput(film: AnalysedFilm, model?: ExportModel, stats?: FilmStats): FilmExportInput | null {
  const { info, shots, frameRate, frameCount } = film;
  if (!info || !shots || shots.length === 0 || !frameRate || !(frameCount !== undefined && frameCount > 0)) return null;
  return { film: exportFilmOf(info, frameRate, frameCount), shots, seconds: film.results, model, stats, offsetSec: info.firstTimestampSec };
}

/** A film's per-second files alone, `<stem>.shotscale.csv` and `.json` (films analysed before shots, or without a frame rate). */
export function secondsExportFiles(film: AnalysedFilm, model?: ExportModel, stem = fileStem(film.name)): ExportFile[] {
  return [
    { fileName: `${stem}.shotscale.csv`, mimeType: 'text/csv', text: resultsToCsv(film.results) },
    { fileName: `${stem}.shotscale.json`, mimeType: 'application/json', text: resultsToJson(film.info, model, film.fps, film.results) },
  ];
}

/** "Export all": every format of each film with shots, the per-second files of each film with seconds only; names kept apart. */
export function allAnalysesExportFiles(films: readonly AnalysedFilm[], model?: ExportModel): ExportFile[] {
  const inputs = films.map((f) => analysisExportInput(f, model));
  const files = allFilmsExportFiles(inputs.filter((i): i is FilmExportInput => i !== null));
  const used = new Set(files.map((f) => f.fileName.toLowerCase()));
  films.forEach((film, i) => {
    if (inputs[i] || film.results.length === 0) return;
    const base = fileStem(film.name);
    let stem = base;
    for (let n = 2; used.has(`${stem}.shotscale.csv`.toLowerCase()); n++) stem = `${base} (${n})`;
    for (const file of secondsExportFiles(film, model, stem)) {
      used.add(file.fileName.toLowerCase());
      files.push(file);
    }
  });
  return files;
}
