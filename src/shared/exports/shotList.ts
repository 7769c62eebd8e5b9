import type { Shot } from '../shotTypes';
import { filmStats, type FilmStats } from '../stats';
import { SCALE_CODES, SCALE_NAMES } from '../taxonomy';
import { fps } from '../timecode';
import { csvRow } from './csv';
import { filmDropFrame, filmTimecode, shotFrames, type ExportFilm, type ExportModel } from './film';

/**
 * The shot list as CSV and JSON. Frames are 0-based and `endFrame` inclusive; `in`/`out`
 * timecodes are an editor's in and out points (out = the first frame after the shot, exclusive,
 * as in an EDL); `endSec` is the next shot's start. Shots are numbered from 1 (`shot`, `number`).
 */

const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** Header of shotsCsv. */
export const SHOTS_CSV_HEADER = [
  'film',
  'shot',
  'start_frame',
  'end_frame',
  'duration_frames',
  'in_tc',
  'out_tc',
  'start_sec',
  'end_sec',
  'duration_sec',
  'scale',
  'scale_name',
  'confidence',
  'corrected',
  'changes_scale',
  'transition',
  'transition_start_frame',
  'transition_end_frame',
  'samples',
  ...SCALE_CODES.map((c) => `p_${c}`),
] as const;

/** One row per shot (columns as SHOTS_CSV_HEADER). */
export function shotsCsv(film: ExportFilm, shots: readonly Shot[]): string {
  const rows = shots.map((s) =>
    csvRow([
      film.name,
      s.index + 1,
      s.startFrame,
      s.endFrame,
      shotFrames(s),
      filmTimecode(film, s.startFrame),
      filmTimecode(film, s.endFrame + 1),
      s.startSec.toFixed(6),
      s.endSec.toFixed(6),
      (s.endSec - s.startSec).toFixed(6),
      s.unreadable ? '' : s.scale,
      s.unreadable ? 'Unreadable (not decoded)' : SCALE_NAMES[s.scale],
      s.unreadable ? '' : s.confidence.toFixed(4),
      s.corrected,
      s.changesScale,
      s.transition.kind,
      s.transition.startFrame,
      s.transition.endFrame,
      s.sampleIndices.length,
      ...SCALE_CODES.map((_, i) => (s.probs[i] ?? 0).toFixed(4)),
    ]),
  );
  return [csvRow(SHOTS_CSV_HEADER), ...rows].join('\n') + '\n';
}

/** The parts of FilmStats a JSON export carries (the per-shot series left out). */
export function statsSummary(stats: FilmStats) {
  const { series, ...rest } = stats;
  return { ...rest, trend: { degree: series.degree, linear: series.linear } };
}

/** The film as the JSON exports describe it. */
export function filmJson(film: ExportFilm) {
  return {
    name: film.name,
    durationSec: film.durationSec,
    frameRate: { num: film.frameRate.num, den: film.frameRate.den },
    fps: fps(film.frameRate),
    frameCount: film.frameCount,
    width: film.width,
    height: film.height,
    dropFrame: filmDropFrame(film),
    // A variable-rate film's frames keep their own times; its timecodes are on the editing rate's timeline.
    variableFrameRate: film.frameTimes !== undefined,
    ...(film.codec !== undefined ? { codec: film.codec } : {}),
    ...(film.container !== undefined ? { container: film.container } : {}),
    ...(film.fingerprint !== undefined ? { fingerprint: film.fingerprint } : {}),
    // Stretches no frame of which decoded: which frames and seconds, and why. The rest was analysed.
    ...(film.unreadable?.length ? { partial: true, unreadable: film.unreadable.map((u) => ({ ...u, startSec: round(u.startSec, 6), endSec: round(u.endSec, 6) })) } : {}),
  };
}

/** The shot list as JSON: `film`, `model`, `classes`, `shots` (the headless contract) and `stats`. */
export function shotsJson(film: ExportFilm, shots: readonly Shot[], model?: ExportModel, stats: FilmStats = filmStats(shots)): string {
  return JSON.stringify(
    {
      film: filmJson(film),
      model: model ?? null,
      classes: SCALE_CODES,
      shots: shots.map((s) => ({
        index: s.index,
        number: s.index + 1,
        startFrame: s.startFrame,
        endFrame: s.endFrame,
        durationFrames: shotFrames(s),
        startSec: round(s.startSec, 6),
        endSec: round(s.endSec, 6),
        durationSec: round(s.endSec - s.startSec, 6),
        inTimecode: filmTimecode(film, s.startFrame),
        outTimecode: filmTimecode(film, s.endFrame + 1),
        scale: s.unreadable ? null : s.scale,
        scaleName: s.unreadable ? 'Unreadable (not decoded)' : SCALE_NAMES[s.scale],
        confidence: round(s.confidence, 5),
        ...(s.unreadable ? { unreadable: true } : {}),
        corrected: s.corrected,
        changesScale: s.changesScale,
        transition: { kind: s.transition.kind, startFrame: s.transition.startFrame, endFrame: s.transition.endFrame, shotStartFrame: s.transition.shotStartFrame, score: round(s.transition.score, 5), ...(s.transition.uncertaintyFrames ? { uncertaintyFrames: s.transition.uncertaintyFrames } : {}) },
        probs: Object.fromEntries(SCALE_CODES.map((c, i) => [c, round(s.probs[i] ?? 0, 5)])),
        sampleIndices: s.sampleIndices,
      })),
      stats: statsSummary(stats),
    },
    null,
    1,
  );
}
