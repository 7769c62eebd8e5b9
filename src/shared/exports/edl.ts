import type { Shot } from '../shotTypes';
import type { ScaleCode } from '../taxonomy';
import { framesToTimecode, timecodeToFrames } from '../timecode';
import { baseName, filmDropFrame, readableShots, shotInOut, shotName, shotNote, type ExportFilm } from './film';

/**
 * CMX3600 EDL of a film's shots, in the film's rate (`FCM: DROP FRAME` only for drop-frame
 * timecode). Record-out is exclusive: the first frame after the event.
 *
 * - 'markers' (default): DaVinci Resolve's timeline-marker convention, one one-frame event per
 *   shot at the shot's first frame, its comment line `<note> |C:ResolveColor<colour> |M:<name> |D:<frames>`
 *   with the shot's length as the marker's duration (Timelines > Import > Timeline Markers from EDL).
 * - 'cuts': one event per shot cutting the film (reel AX, `* FROM CLIP NAME:`), to rebuild the
 *   shots as a timeline in any editor.
 *
 * Record timecode starts at `recordStartFrame` (default 01:00:00:00, Resolve's default timeline
 * start); source timecode is the film's own, from 00:00:00:00. Event numbers have three digits
 * and grow to four past 999.
 */

/** Resolve's marker colour per scale (warm = close, cool = wide), from its classic eight colours. */
export const RESOLVE_COLORS: Record<ScaleCode, string> = {
  ECU: 'Red',
  CU: 'Pink',
  MCU: 'Fuchsia',
  MS: 'Yellow',
  MLS: 'Green',
  LS: 'Cyan',
  ELS: 'Blue',
  NA: 'Purple',
};

/** Options of edl(). */
export interface EdlOptions {
  mode?: 'markers' | 'cuts';
  /** Record timecode of frame 0, in frames (default: one hour). */
  recordStartFrame?: number;
  title?: string;
}

const clean = (s: string) => s.replace(/[\s|]+/g, ' ').trim();

function eventLine(event: number, reel: string, srcIn: string, srcOut: string, recIn: string, recOut: string): string {
  return `${String(event).padStart(3, '0')}  ${reel.padEnd(8)} V     C        ${srcIn} ${srcOut} ${recIn} ${recOut}`;
}

/** The EDL text (CRLF line ends). */
export function edl(film: ExportFilm, shots: readonly Shot[], options: EdlOptions = {}): string {
  const rate = film.frameRate;
  const df = filmDropFrame(film);
  const tc = (frame: number) => framesToTimecode(frame, rate, df);
  const rec0 = options.recordStartFrame ?? timecodeToFrames('01:00:00:00', rate, df);
  const lines = [`TITLE: ${clean(options.title ?? baseName(film.name)).slice(0, 70)}`, `FCM: ${df ? 'DROP FRAME' : 'NON-DROP FRAME'}`, ''];
  // A stretch that could not be decoded has no event: the record timecodes leave its gap.
  readableShots(shots).forEach((shot, i) => {
    const event = i + 1;
    const span = shotInOut(film, shot);
    if (options.mode === 'cuts') {
      lines.push(eventLine(event, 'AX', tc(span.in), tc(span.out), tc(rec0 + span.in), tc(rec0 + span.out)));
      lines.push(`* FROM CLIP NAME: ${clean(film.name)}`);
      lines.push(`* COMMENT: ${clean(`${shotName(shot)}: ${shotNote(shot)}`)}`);
    } else {
      const at = rec0 + span.in;
      lines.push(eventLine(event, '001', tc(at), tc(at + 1), tc(at), tc(at + 1)));
      lines.push(`${clean(shotNote(shot))} |C:ResolveColor${RESOLVE_COLORS[shot.scale]} |M:${clean(shotName(shot))} |D:${span.out - span.in}`);
    }
    lines.push('');
  });
  return lines.join('\r\n');
}
