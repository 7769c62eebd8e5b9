import { describe, expect, it } from 'vitest';
import { resultsToCsv } from '../export';
import { buildShots } from '../shots';
import type { Transition } from '../shotTypes';
import { SCALE_CODES } from '../taxonomy';
import { fcpxmlTimeToFrames, timecodeToFrames } from '../timecode';
import { edl } from './edl';
import { fcpxml } from './fcpxml';
import type { ExportFilm } from './film';
import { otio } from './otio';
import { shotsCsv } from './shotList';
import { srt } from './srt';
import { parseCsv } from './testSupport';

/**
 * A variable-frame-rate film: 24 fps with every third frame from 1.25 s on dropped (as
 * goldeneye-vfr-drop3 is), 200 frames in 11.875 s, a 16.8 fps average. Its shots open at frames
 * 60 and 140, whose own timestamps are 76/24 s and 196/24 s.
 */
const times: number[] = [];
for (let k = 0; times.length < 200; k++) if (k < 30 || k % 3 !== 0) times.push(k / 24);
const endSec = times[199] + 1 / 24;
const frameTimes = { frameTimesSec: times, endSec };
const rate = { num: 24, den: 1 };
const cut = (f: number): Transition => ({ kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f, score: 0.9 });
const probs = SCALE_CODES.map((c) => (c === 'MS' ? 0.9 : 0.1 / 7));
const samples = [10, 100, 180].map((frame, index) => ({ index, frame, tSec: times[frame], probs }));
const shots = buildShots({ transitions: [cut(60), cut(140)], frameCount: 200, timing: frameTimes, samples });
const film: ExportFilm = { name: 'vfr.mp4', durationSec: endSec, frameRate: rate, frameTimes, frameCount: 200, width: 640, height: 360 };

describe('a variable-frame-rate film', () => {
  it("times its shots by its frames' own timestamps, not by an average rate", () => {
    expect(times[60]).toBeCloseTo(76 / 24, 9);
    expect(endSec).toBeCloseTo(285 / 24, 9);
    expect(shots.map((s) => s.startSec)).toEqual([0, times[60], times[140]]);
    expect(shots[2].endSec).toBeCloseTo(endSec, 9);
    // frame ÷ average rate would put the second shot at 3.41 s, a time no frame of the file has.
    expect(Math.abs(shots[1].startSec - 60 / (200 / endSec))).toBeGreaterThan(0.3);
  });

  it('puts EDL in and out points where the shots begin on the 24 fps timeline an editor conforms it to', () => {
    const text = edl(film, shots, { mode: 'cuts' });
    const events = text.split('\r\n').filter((l) => /^\d{3}\s/.test(l));
    expect(events).toHaveLength(3);
    const cols = events.map((l) => l.trim().split(/\s+/));
    // Source in/out (cols 4, 5): frames at time × 24.
    expect(cols.map((c) => timecodeToFrames(c[4], rate))).toEqual([0, 76, 196]);
    expect(cols.map((c) => timecodeToFrames(c[5], rate))).toEqual([76, 196, 285]);
    // Record out of each event is the next one's record in (CMX3600: exclusive out).
    for (let i = 1; i < cols.length; i++) expect(cols[i][6]).toBe(cols[i - 1][7]);
    expect(text).toContain('FCM: NON-DROP FRAME');
  });

  it('puts FCPXML markers and keyword ranges and OTIO clips on the same frames', () => {
    const xml = fcpxml(film, shots);
    const starts = [...xml.matchAll(/<marker start="([^"]+)"/g)].map((m) => fcpxmlTimeToFrames(m[1], rate));
    expect(starts.slice(0, 3)).toEqual([0, 76, 196]);
    expect(xml).toContain('frameDuration="1/24s"');
    const doc = JSON.parse(otio(film, shots)) as { tracks: { children: { children: { source_range: { start_time: { value: number; rate: number }; duration: { value: number } } }[] }[] } };
    const clips = doc.tracks.children[0].children;
    expect(clips.map((c) => c.source_range.start_time.value)).toEqual([0, 76, 196]);
    expect(clips.map((c) => c.source_range.start_time.rate)).toEqual([24, 24, 24]);
    expect(clips.reduce((n, c) => n + c.source_range.duration.value, 0)).toBe(285);
  });

  it('writes SRT and shot-list times from the timestamps, and the frames as they are in the file', () => {
    expect(srt(shots)).toContain('00:00:03,167 --> 00:00:08,167');
    const rows = parseCsv(shotsCsv(film, shots));
    const col = (name: string) => rows[0].indexOf(name);
    expect(rows[2][col('start_frame')]).toBe('60');
    expect(rows[2][col('in_tc')]).toBe('00:00:03:04');
    expect(Number(rows[2][col('start_sec')])).toBeCloseTo(76 / 24, 6);
  });

  it("gives each second the timecode of its frame's own time", () => {
    const seconds = [{ index: 0, tSec: 5.5, frame: 100, probs, label: 'MS' as const, naProb: 0 }];
    const rows = parseCsv(resultsToCsv(seconds, { film, shots }));
    // Frame 100 is at 136/24 s: 00:00:05:16 on the 24 fps timeline (frame ÷ 24 would say 00:00:04:04).
    expect(rows[1][rows[0].indexOf('timecode')]).toBe('00:00:05:16');
    expect(rows[1][rows[0].indexOf('shot')]).toBe('2');
  });
});
