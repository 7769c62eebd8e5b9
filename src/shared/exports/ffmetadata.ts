import type { Shot } from '../shotTypes';
import { SCALE_NAMES } from '../taxonomy';
import { baseName, type ExportFilm } from './film';

/**
 * FFmpeg metadata chapters, one per shot (`ffmpeg -i film.mp4 -i chapters.txt -map_metadata 1
 * -codec copy out.mp4`), in milliseconds from the shots' seconds plus `offsetSec`. A corrected
 * shot's title ends in `(corrected)`.
 */

/** A value escaped for an ffmetadata file (`=`, `;`, `#`, `\` and line breaks). */
export function ffmetadataEscape(s: string): string {
  return s.replace(/[=;#\\\n]/g, (c) => `\\${c}`);
}

/** The ffmetadata text. */
export function ffmetadataChapters(film: ExportFilm, shots: readonly Shot[], offsetSec = 0): string {
  const ms = (sec: number) => Math.max(0, Math.round((sec + offsetSec) * 1000));
  const lines = [';FFMETADATA1', `title=${ffmetadataEscape(baseName(film.name))}`, ''];
  for (const s of shots) {
    if (s.unreadable || ms(s.endSec) <= ms(s.startSec)) continue;
    lines.push('[CHAPTER]', 'TIMEBASE=1/1000', `START=${ms(s.startSec)}`, `END=${ms(s.endSec)}`, `title=${ffmetadataEscape(`Shot ${s.index + 1}: ${s.scale} ${SCALE_NAMES[s.scale]}${s.corrected ? ' (corrected)' : ''}`)}`, '');
  }
  return lines.join('\n');
}
