import { timelineFrameOf, type FrameTimes } from '../frameTiming';
import type { FrameRate, Shot, UnreadableStretch } from '../shotTypes';
import { SCALE_NAMES } from '../taxonomy';
import { framesToTimecode, isDropFrameRate } from '../timecode';

/** What the exports need to know about a film (decoupled from the app's VideoInfo). */
export interface ExportFilm {
  /** File name, e.g. `film.mp4`. */
  name: string;
  durationSec: number;
  /** The editing rate: timecodes and editor timelines count frames at it. */
  frameRate: FrameRate;
  /**
   * A variable-frame-rate film's own frame times: its frames then land on the editing rate's
   * timeline at their time × rate (rounded), as editors conform VFR media, not at their index.
   */
  frameTimes?: FrameTimes;
  frameCount: number;
  width: number;
  height: number;
  /** Drop-frame timecode; by default on at 29.97 and 59.94, off elsewhere. */
  dropFrame?: boolean;
  /** Where editors find the media; default `./<name>`, beside the export. */
  mediaUrl?: string;
  codec?: string;
  container?: string;
  fingerprint?: string;
  /** Stretches no frame of which could be decoded: their shots are marked `unreadable`, and the editor exports leave them out. */
  unreadable?: UnreadableStretch[];
}

/** The shots an editor's timeline gets: all but the stretches that could not be decoded. */
export function readableShots(shots: readonly Shot[]): Shot[] {
  return shots.filter((s) => !s.unreadable);
}

/** The model that classified the film, as the JSON exports record it. */
export interface ExportModel {
  id: string;
  version: string;
  backend: string;
}

/** Whether the film's timecode is drop-frame. */
export function filmDropFrame(film: ExportFilm): boolean {
  return film.dropFrame ?? isDropFrameRate(film.frameRate);
}

/** A shot's in and out points on the editing timeline: its first frame and the first frame after it. */
export function shotInOut(film: ExportFilm, shot: Shot): { in: number; out: number } {
  return { in: timelineFrameOf(shot.startFrame, film), out: timelineFrameOf(shot.endFrame + 1, film) };
}

/** The film's length on the editing timeline, in frames of its editing rate. */
export function timelineLength(film: ExportFilm): number {
  return timelineFrameOf(film.frameCount, film);
}

/** The film's timecode of `frame` (from 00:00:00:00 at frame 0), where it lands on the editing timeline. */
export function filmTimecode(film: ExportFilm, frame: number): string {
  return framesToTimecode(timelineFrameOf(frame, film), film.frameRate, filmDropFrame(film));
}

/** The media URL editors' tools resolve: the given one, or the file name relative to the export. */
export function mediaUrl(film: ExportFilm): string {
  return film.mediaUrl ?? `./${encodeURIComponent(film.name)}`;
}

/** The film's name without its extension, for titles and file names. */
export function baseName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** A marker's name for a shot: `Shot 12 MCU` (shots numbered from 1). */
export function shotName(shot: Shot): string {
  return `Shot ${shot.index + 1} ${shot.scale}`;
}

/** A one-line note on a shot: scale name, confidence, and whether it changes scale or was corrected. */
export function shotNote(shot: Shot): string {
  const parts = [`${SCALE_NAMES[shot.scale]} ${Math.round(shot.confidence * 100)}%`];
  if (shot.changesScale) parts.push('changes scale');
  if (shot.corrected) parts.push('corrected');
  return parts.join(', ');
}

/** Number of frames in a shot. */
export function shotFrames(shot: Shot): number {
  return shot.endFrame - shot.startFrame + 1;
}
