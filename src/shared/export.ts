import { SCALE_CODES } from './taxonomy';
import type { SecondResult, VideoInfo } from './types';

/** Per-second results as CSV: t (seconds from the film's first frame), class, one probability column per code. */
export function resultsToCsv(results: readonly SecondResult[]): string {
  const header = ['t', 'class', ...SCALE_CODES.map((c) => `p_${c}`)].join(',');
  const rows = results.map((r) => [r.tSec.toFixed(3), r.label, ...r.probs.map((p) => p.toFixed(4))].join(','));
  return [header, ...rows].join('\n') + '\n';
}

/**
 * Per-second results as a JSON document with the film and model it came from; t is measured from
 * the film's first frame, whose source timestamp is film.startTimestampSec.
 */
export function resultsToJson(info: VideoInfo | undefined, model: { id: string; version: string; backend: string } | undefined, fps: number, results: readonly SecondResult[]): string {
  return JSON.stringify(
    {
      film: info ? { name: info.name, durationSec: info.durationSec, startTimestampSec: roundMicro(info.startTimestampSec), width: info.width, height: info.height, codec: info.codec, container: info.container, fingerprint: info.fingerprint } : null,
      model: model ?? null,
      sampleFps: fps,
      classes: SCALE_CODES,
      seconds: results.map((r) => ({ t: r.tSec, class: r.label, probs: Object.fromEntries(SCALE_CODES.map((c, i) => [c, Number(r.probs[i].toFixed(5))])) })),
    },
    null,
    1,
  );
}

function roundMicro(sec: number): number {
  return Math.round(sec * 1e6) / 1e6;
}
