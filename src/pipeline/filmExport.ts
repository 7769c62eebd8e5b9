import { resultsToJson } from '../shared/export';
import { filmExportFiles, type ExportFile, type ExportFormat, type FilmExportInput } from '../shared/exports';
import type { ExportFilm, ExportModel } from '../shared/exports/film';
import { shotsJson } from '../shared/exports/shotList';
import { filmStats } from '../shared/stats';
import type { ModelInfo } from '../shared/types';
import type { Film } from '../store/store';

/** The model as exports record it: the one that made the film's results (the backend only when it is the model loaded now). */
function exportModel(film: Film, model: ModelInfo | null): ExportModel | undefined {
  const loaded = model ? { id: model.card.id, version: model.card.version, backend: model.backend } : undefined;
  if (!film.model) return loaded;
  if (loaded && loaded.id === film.model.id && loaded.version === film.model.version) return loaded;
  return { ...film.model, backend: 'unknown' };
}

/** What the exports of a film need, or null before its shots are known. */
export function filmExportInput(film: Film, model: ModelInfo | null): FilmExportInput | null {
  const { info, shots, frameRate, frameTimes, frameCount, unreadable } = film;
  if (!info || !shots || !frameRate || frameCount === undefined) return null;
  const exportFilm: ExportFilm = {
    name: info.name,
    durationSec: info.durationSec,
    frameRate,
    frameTimes,
    frameCount,
    width: info.width,
    height: info.height,
    codec: info.codec,
    container: info.container,
    fingerprint: info.fingerprint,
    ...(unreadable ? { unreadable } : {}),
  };
  return { film: exportFilm, shots, seconds: film.results, model: exportModel(film, model), stats: filmStats(shots) };
}

/**
 * A film's JSON document: the shots (top-level `shots`, with their transitions), statistics and
 * every sampled second, with the film (its source start timestamp too) and the model.
 */
export function filmJsonDocument(film: Film, model: ModelInfo | null): string {
  const input = filmExportInput(film, model);
  // With the shots known, each second carries its frame, that frame's own time, timecode and shot.
  const context = input ? { film: input.film, shots: input.shots } : undefined;
  const seconds = JSON.parse(resultsToJson(film.info, exportModel(film, model), film.fps, film.results, context)) as { film: Record<string, unknown> | null; sampleFps: number; seconds: unknown[] };
  if (!input) return JSON.stringify({ ...seconds, shots: null }, null, 1);
  const shots = JSON.parse(shotsJson(input.film, input.shots, input.model, input.stats)) as Record<string, unknown> & { film: Record<string, unknown> };
  return JSON.stringify({ ...shots, film: { ...seconds.film, ...shots.film }, sampleFps: seconds.sampleFps, seconds: seconds.seconds }, null, 1);
}

/** The editor and researcher exports of a film (seconds CSV, shots CSV, EDL, FCPXML, OTIO, SRT, chapters), named `<stem>.<format>`. */
export function filmExportFilesFor(film: Film, model: ModelInfo | null, stem: string, formats?: readonly ExportFormat[]): ExportFile[] {
  const input = filmExportInput(film, model);
  return input ? filmExportFiles(input, formats, stem) : [];
}
