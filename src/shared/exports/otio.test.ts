import { describe, expect, it } from 'vitest';
import { SCALE_NAMES } from '../taxonomy';
import { otio, OTIO_COLORS } from './otio';
import { TEST_FRAME_COUNT, TEST_RATES, testFilm } from './testSupport';

type Json = Record<string, any>;

const MARKER_COLORS = ['PINK', 'RED', 'ORANGE', 'YELLOW', 'GREEN', 'CYAN', 'BLUE', 'PURPLE', 'MAGENTA', 'BLACK', 'WHITE'];

function expectRationalTime(t: Json, rate: number) {
  expect(Object.keys(t).sort()).toEqual(['OTIO_SCHEMA', 'rate', 'value']);
  expect(t.OTIO_SCHEMA).toBe('RationalTime.1');
  expect(t.rate).toBe(rate);
  expect(Number.isInteger(t.value)).toBe(true);
}

function expectRange(r: Json, rate: number): { start: number; duration: number } {
  expect(r.OTIO_SCHEMA).toBe('TimeRange.1');
  expectRationalTime(r.start_time, rate);
  expectRationalTime(r.duration, rate);
  return { start: r.start_time.value, duration: r.duration.value };
}

describe.each(TEST_RATES)('OTIO at $label fps', ({ rate, dropFrame }) => {
  const { film, shots } = testFilm(rate, dropFrame);
  const doc: Json = JSON.parse(otio(film, shots));
  const rateValue = rate.num / rate.den;

  it('nests Timeline.1 → Stack.1 → one video Track.1 of Clip.2s', () => {
    expect(doc.OTIO_SCHEMA).toBe('Timeline.1');
    expect(doc.name).toBe('Le "film" d\'été, <1> & |2|');
    expect(doc.global_start_time).toBeNull();
    expect(doc.tracks.OTIO_SCHEMA).toBe('Stack.1');
    expect(doc.tracks.children).toHaveLength(1);
    const track = doc.tracks.children[0];
    expect(track.OTIO_SCHEMA).toBe('Track.1');
    expect(track.kind).toBe('Video');
    expect(track.children.map((c: Json) => c.OTIO_SCHEMA)).toEqual(shots.map(() => 'Clip.2'));
    for (const item of [doc.tracks, track, ...track.children]) {
      expect(item.effects).toEqual([]);
      expect(Array.isArray(item.markers)).toBe(true);
      expect(item.enabled).toBe(true);
      expect(item.metadata).toBeTypeOf('object');
    }
  });

  it("trims each clip to its shot's frames, the clips summing to the film", () => {
    const clips: Json[] = doc.tracks.children[0].children;
    let next = 0;
    clips.forEach((clip, i) => {
      const { start, duration } = expectRange(clip.source_range, rateValue);
      expect(start).toBe(shots[i].startFrame);
      expect(start).toBe(next);
      expect(duration).toBe(shots[i].endFrame - shots[i].startFrame + 1);
      next += duration;
      expect(clip.active_media_reference_key).toBe('DEFAULT_MEDIA');
      const media = clip.media_references[clip.active_media_reference_key];
      expect(media.OTIO_SCHEMA).toBe('ExternalReference.1');
      expect(media.target_url).toBe(`./${encodeURIComponent(film.name)}`);
      expect(expectRange(media.available_range, rateValue)).toEqual({ start: 0, duration: TEST_FRAME_COUNT });
    });
    expect(next).toBe(TEST_FRAME_COUNT);
    const seconds = clips.reduce((a, c) => a + c.source_range.duration.value / c.source_range.duration.rate, 0);
    expect(seconds).toBeCloseTo(film.durationSec, 6);
  });

  it('carries the shot in metadata and a marker at its first frame', () => {
    const clips: Json[] = doc.tracks.children[0].children;
    clips.forEach((clip, i) => {
      const s = shots[i];
      expect(clip.name).toBe(`Shot ${i + 1} ${s.scale}`);
      expect(clip.metadata.shotscale).toMatchObject({ shot: i + 1, scale: s.scale, scaleName: SCALE_NAMES[s.scale], corrected: s.corrected, changesScale: s.changesScale, transition: s.transition.kind });
      expect(clip.metadata.shotscale.confidence).toBeCloseTo(s.confidence, 5);
      expect(clip.markers).toHaveLength(1);
      const [m] = clip.markers;
      expect(m.OTIO_SCHEMA).toBe('Marker.2');
      expect(MARKER_COLORS).toContain(m.color);
      expect(m.color).toBe(OTIO_COLORS[s.scale]);
      expect(expectRange(m.marked_range, rateValue)).toEqual({ start: s.startFrame, duration: 0 });
    });
    expect(clips[3].metadata.shotscale).toMatchObject({ scale: 'MCU', corrected: true, confidence: 1 });
    expect(clips[4].metadata.shotscale.changesScale).toBe(true);
  });
});

describe('OTIO options', () => {
  it('sets the timeline start when asked', () => {
    const { film, shots } = testFilm({ num: 24, den: 1 }, false);
    expect(JSON.parse(otio(film, shots, { globalStartFrame: 86400 })).global_start_time).toEqual({ OTIO_SCHEMA: 'RationalTime.1', rate: 24, value: 86400 });
  });
});
