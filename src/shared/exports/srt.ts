import type { Shot } from '../shotTypes';
import { SCALE_NAMES } from '../taxonomy';

/**
 * SubRip subtitles with one cue per shot, showing its scale over the film in any player. Cue times
 * are the shots' start and end seconds plus `offsetSec` (for a film whose first frame is not at
 * 0 s), in milliseconds with SRT's comma; adjacent cues share their boundary.
 */

/** SRT time `HH:MM:SS,mmm` of a millisecond count. */
export function srtTime(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)},${pad(ms % 1000, 3)}`;
}

/** The cue text of a shot: code and name, with flags. */
export function srtText(shot: Shot): string {
  const flags = [shot.changesScale ? 'changes scale' : '', shot.corrected ? 'corrected' : ''].filter(Boolean);
  return `${shot.scale} · ${SCALE_NAMES[shot.scale]}${flags.length ? ` (${flags.join(', ')})` : ''}`;
}

/** The SRT text. */
export function srt(shots: readonly Shot[], offsetSec = 0): string {
  const ms = (sec: number) => Math.max(0, Math.round((sec + offsetSec) * 1000));
  return shots
    .filter((s) => !s.unreadable && ms(s.endSec) > ms(s.startSec))
    .map((s, i) => `${i + 1}\n${srtTime(ms(s.startSec))} --> ${srtTime(ms(s.endSec))}\n${srtText(s)}\n`)
    .join('\n');
}
