import type { Shot } from '../shotTypes';
import { SCALE_CODES, SCALE_NAMES, type ScaleCode } from '../taxonomy';
import { otioRange, otioTime } from '../timecode';
import { baseName, mediaUrl, shotInOut, shotName, shotNote, timelineLength, type ExportFilm } from './film';

/**
 * OpenTimelineIO (`.otio`, JSON): Timeline.1 → Stack.1 → one video Track.1 with a Clip.2 per shot,
 * each trimming the film (ExternalReference.1) to the shot's frames, carrying the shot in its
 * metadata under `shotscale` and a Marker.2 at its first frame. Times are RationalTime.1 at the
 * film's rate, so the clips' durations sum to the film's frame count.
 */

/** OTIO marker colour per scale (OTIO's MarkerColor names). */
export const OTIO_COLORS: Record<ScaleCode, string> = {
  ECU: 'RED',
  CU: 'PINK',
  MCU: 'ORANGE',
  MS: 'YELLOW',
  MLS: 'GREEN',
  LS: 'CYAN',
  ELS: 'BLUE',
  NA: 'WHITE',
};

/** Options of otio(). */
export interface OtioOptions {
  /** Timeline start in frames (e.g. one hour for 01:00:00:00); none by default. */
  globalStartFrame?: number;
}

const item = { effects: [], enabled: true };

/** The OTIO document (JSON text). */
export function otio(film: ExportFilm, shots: readonly Shot[], options: OtioOptions = {}): string {
  const rate = film.frameRate;
  const name = baseName(film.name);
  const reference = () => ({
    OTIO_SCHEMA: 'ExternalReference.1',
    name: film.name,
    metadata: {},
    available_range: otioRange(0, timelineLength(film), rate),
    target_url: mediaUrl(film),
  });
  const clips = shots.map((s) => {
    const span = shotInOut(film, s);
    if (s.unreadable) {
      // A stretch that could not be decoded: a gap, so the clips after it keep their place.
      return { OTIO_SCHEMA: 'Gap.1', name: 'Unreadable', metadata: { shotscale: { shot: s.index + 1, unreadable: true } }, source_range: otioRange(0, span.out - span.in, rate), ...item, markers: [] };
    }
    return {
      OTIO_SCHEMA: 'Clip.2',
      name: shotName(s),
      metadata: {
        shotscale: {
          shot: s.index + 1,
          scale: s.scale,
          scaleName: SCALE_NAMES[s.scale],
          confidence: Number(s.confidence.toFixed(5)),
          corrected: s.corrected,
          changesScale: s.changesScale,
          transition: s.transition.kind,
          probs: Object.fromEntries(SCALE_CODES.map((c, i) => [c, Number((s.probs[i] ?? 0).toFixed(5))])),
        },
      },
      source_range: otioRange(span.in, span.out - span.in, rate),
      ...item,
      markers: [
        {
          OTIO_SCHEMA: 'Marker.2',
          name: shotName(s),
          metadata: {},
          comment: shotNote(s),
          color: OTIO_COLORS[s.scale],
          marked_range: otioRange(span.in, 0, rate),
        },
      ],
      media_references: { DEFAULT_MEDIA: reference() },
      active_media_reference_key: 'DEFAULT_MEDIA',
    };
  });
  const track = { OTIO_SCHEMA: 'Track.1', name: 'Shots', metadata: {}, source_range: null, ...item, markers: [], children: clips, kind: 'Video' };
  return JSON.stringify(
    {
      OTIO_SCHEMA: 'Timeline.1',
      name,
      metadata: {},
      global_start_time: options.globalStartFrame !== undefined ? otioTime(options.globalStartFrame, rate) : null,
      tracks: { OTIO_SCHEMA: 'Stack.1', name: 'tracks', metadata: {}, source_range: null, ...item, markers: [], children: [track] },
    },
    null,
    4,
  );
}
