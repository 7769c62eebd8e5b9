import type { SecondRow } from '../export';
import type { FrameRate, Shot } from '../shotTypes';
import type { FilmStats } from '../stats';
import type { VideoInfo } from '../types';
import type { ExportFilm, ExportModel } from './film';
import type { FilmExportInput } from './index';

/** What the exports read from an analysed film (the app's store Film and the headless runner's film both fit). */
export interface AnalysedFilm {
  name: string;
  info?: VideoInfo;
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
