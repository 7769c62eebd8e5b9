import { csvRow } from './exports/csv';
import { filmTimecode, type ExportFilm } from './exports/film';
import { sampleFrame } from './filmShots';
import { timingOf } from './frameTiming';
import { spanIndexAt } from './shots';
import type { Shot } from './shotTypes';
import { SCALE_CODES } from './taxonomy';
import { frameToSec } from './timecode';
import type { SecondResult, VideoInfo } from './types';

/** A per-second result, with the 0-based frame it showed when known (else found from its time at the film's rate). */
export type SecondRow = SecondResult & { frame?: number };

/** What places seconds in the film: its rate and name, and its shots for the shot number. */
export interface SecondsContext {
  film: ExportFilm;
  shots: readonly Shot[];
}

function place(r: SecondRow, context: SecondsContext) {
  const timing = timingOf(context.film);
  const frame = sampleFrame(r, timing);
  const k = spanIndexAt(context.shots, frame);
  return { frame, frameSec: roundMicro(frameToSec(frame, timing)), timecode: filmTimecode(context.film, frame), shot: k >= 0 ? k + 1 : null };
}

/**
 * Per-second results as CSV: t, class, one probability column per code. With a context, the
 * columns are film, t, timecode, frame, shot (numbered from 1, empty outside any shot), class and
 * the probabilities.
 */
export function resultsToCsv(results: readonly SecondRow[], context?: SecondsContext): string {
  const probs = (r: SecondRow) => r.probs.map((p) => p.toFixed(4));
  if (!context) {
    const header = ['t', 'class', ...SCALE_CODES.map((c) => `p_${c}`)].join(',');
    const rows = results.map((r) => [r.tSec.toFixed(3), r.label, ...probs(r)].join(','));
    return [header, ...rows].join('\n') + '\n';
  }
  const header = csvRow(['film', 't', 'timecode', 'frame', 'shot', 'class', ...SCALE_CODES.map((c) => `p_${c}`)]);
  const rows = results.map((r) => {
    const at = place(r, context);
    return csvRow([context.film.name, r.tSec.toFixed(3), at.timecode, at.frame, at.shot ?? '', r.label, ...probs(r)]);
  });
  return [header, ...rows].join('\n') + '\n';
}

/**
 * Per-second results as a JSON document with the film and model it came from (frame, its own time `frameSec`, timecode and
 * shot too, with a context; `frameClass`, the frame's own answer, where pooling within its shot changed it); t is measured from the film's first frame, whose source timestamp is
 * film.startTimestampSec.
 */
export function resultsToJson(
  info: VideoInfo | undefined,
  model: { id: string; version: string; backend: string } | undefined,
  fps: number,
  results: readonly SecondRow[],
  context?: SecondsContext,
): string {
  return JSON.stringify(
    {
      film: info ? { name: info.name, durationSec: info.durationSec, startTimestampSec: roundMicro(info.startTimestampSec), width: info.width, height: info.height, codec: info.codec, container: info.container, fingerprint: info.fingerprint } : null,
      model: model ?? null,
      sampleFps: fps,
      classes: SCALE_CODES,
      seconds: results.map((r) => ({
        t: r.tSec,
        ...(context ? place(r, context) : {}),
        class: r.label,
        ...(r.pooled ? { frameClass: r.pooled.frameLabel } : {}),
        probs: Object.fromEntries(SCALE_CODES.map((c, i) => [c, Number(r.probs[i].toFixed(5))])),
      })),
    },
    null,
    1,
  );
}

function roundMicro(sec: number): number {
  return Math.round(sec * 1e6) / 1e6;
}
