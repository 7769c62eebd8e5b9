/**
 * A film's time axis, as a player shows it: time 0 is its first presented frame, whatever the
 * container's timestamps say (MPEG-TS starts at 1.4 s or mid-broadcast, cut clips keep their
 * source timestamps, MP4/MKV may be offset).
 */
export interface TimeOrigin {
  /** Source timestamp of the first presented frame; every film time tSec is measured from it. */
  startTimestampSec: number;
  /** End of the last frame − start of the first, in seconds. */
  durationSec: number;
}

/**
 * The time origin of a video track from its first key frame (the first frame a decoder can start
 * from) and the end of its last frame, both in source seconds. A key frame before 0 is pre-roll
 * that the container tells players to skip (an MP4 edit list), so the film starts at 0 then.
 */
export function timeOrigin(firstKeyTimestampSec: number, endTimestampSec: number): TimeOrigin {
  if (!Number.isFinite(firstKeyTimestampSec)) throw new RangeError(`First key frame timestamp must be finite, got ${firstKeyTimestampSec}`);
  const startTimestampSec = Math.max(0, firstKeyTimestampSec);
  const durationSec = Number.isFinite(endTimestampSec) ? Math.round((endTimestampSec - startTimestampSec) * 1e6) / 1e6 : Number.NaN;
  return { startTimestampSec, durationSec };
}

/** The source timestamp of film time tSec (what the demuxer is asked for). */
export function sourceTimestampSec(tSec: number, origin: Pick<TimeOrigin, 'startTimestampSec'>): number {
  return tSec + origin.startTimestampSec;
}

/** The film time of a source timestamp. */
export function filmTimeSec(timestampSec: number, origin: Pick<TimeOrigin, 'startTimestampSec'>): number {
  return timestampSec - origin.startTimestampSec;
}
