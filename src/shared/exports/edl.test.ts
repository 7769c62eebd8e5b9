import { describe, expect, it } from 'vitest';
import type { FrameRate } from '../shotTypes';
import { timecodeToFrames } from '../timecode';
import { edl, RESOLVE_COLORS } from './edl';
import { shotFrames } from './film';
import { TEST_FRAME_COUNT, TEST_RATES, testFilm } from './testSupport';

/** One CMX3600 event with the comment lines that follow it. */
interface EdlEvent {
  event: number;
  reel: string;
  channel: string;
  transition: string;
  srcIn: string;
  srcOut: string;
  recIn: string;
  recOut: string;
  comments: string[];
}

/** Reads an EDL by CMX3600's fixed columns (event 1–3, reel 6–13, channel 15–18, transition 21–24, timecodes from 30). */
function parseEdl(text: string): { title: string; fcm: string; events: EdlEvent[] } {
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.split('\r\n');
  const title = /^TITLE: (.*)$/.exec(lines[0])?.[1];
  const fcm = /^FCM: (.*)$/.exec(lines[1])?.[1];
  if (title === undefined || fcm === undefined) throw new Error('No TITLE or FCM line');
  const events: EdlEvent[] = [];
  for (const line of lines.slice(2)) {
    if (/^\d{3}\s/.test(line)) {
      const field = (from: number, to: number) => line.slice(from - 1, to).trim();
      const tcs = [field(30, 40), field(42, 52), field(54, 64), field(66, 76)];
      expect(line.slice(29).trim().split(/\s+/)).toEqual(tcs);
      for (const blank of [4, 5, 14, 19, 20, 29, 41, 53, 65]) expect(line[blank - 1]).toBe(' ');
      events.push({ event: Number(field(1, 3)), reel: field(6, 13), channel: field(15, 18), transition: field(21, 24), srcIn: tcs[0], srcOut: tcs[1], recIn: tcs[2], recOut: tcs[3], comments: [] });
    } else if (line.trim() !== '') {
      events[events.length - 1].comments.push(line);
    }
  }
  return { title, fcm, events };
}

const HOUR: Record<string, number> = { '23.976': 86400, '24': 86400, '25': 90000, '29.97 DF': 107892, '30': 108000 };

describe.each(TEST_RATES)('EDL at $label fps', ({ label, rate, dropFrame }) => {
  const { film, shots } = testFilm(rate, dropFrame);
  const frames = (tc: string) => timecodeToFrames(tc, rate, dropFrame);

  it('has a title, the right FCM and timecode style', () => {
    const doc = parseEdl(edl(film, shots));
    expect(doc.title).toBe('Le "film" d\'été, <1> & 2');
    expect(doc.fcm).toBe(dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME');
    for (const e of doc.events) for (const tc of [e.srcIn, e.srcOut, e.recIn, e.recOut]) expect(tc).toMatch(dropFrame ? /^\d\d:\d\d:\d\d;\d\d$/ : /^\d\d:\d\d:\d\d:\d\d$/);
  });

  it("writes one one-frame Resolve marker per shot, from 01:00:00:00, with the shot's length", () => {
    const doc = parseEdl(edl(film, shots));
    expect(doc.events).toHaveLength(shots.length);
    doc.events.forEach((e, i) => {
      const shot = shots[i];
      expect(e.event).toBe(i + 1);
      expect([e.reel, e.channel, e.transition]).toEqual(['001', 'V', 'C']);
      expect(frames(e.recIn)).toBe(HOUR[label] + shot.startFrame);
      expect(frames(e.recOut)).toBe(frames(e.recIn) + 1);
      expect([e.srcIn, e.srcOut]).toEqual([e.recIn, e.recOut]);
      expect(e.comments).toHaveLength(1);
      const m = /^(.*) \|C:ResolveColor(\w+) \|M:(.*) \|D:(\d+)$/.exec(e.comments[0]);
      expect(m).not.toBeNull();
      expect(m![2]).toBe(RESOLVE_COLORS[shot.scale]);
      expect(m![3]).toBe(`Shot ${i + 1} ${shot.scale}`);
      expect(Number(m![4])).toBe(shotFrames(shot));
    });
    expect(doc.events.reduce((a, e) => a + Number(/\|D:(\d+)$/.exec(e.comments[0])![1]), 0)).toBe(TEST_FRAME_COUNT);
  });

  it('cuts the film into one event per shot with exclusive outs', () => {
    const doc = parseEdl(edl(film, shots, { mode: 'cuts', recordStartFrame: 0 }));
    expect(doc.events).toHaveLength(shots.length);
    doc.events.forEach((e, i) => {
      expect([e.reel, e.channel, e.transition]).toEqual(['AX', 'V', 'C']);
      expect(frames(e.srcIn)).toBe(shots[i].startFrame);
      expect(frames(e.srcOut)).toBe(shots[i].endFrame + 1);
      expect([e.recIn, e.recOut]).toEqual([e.srcIn, e.srcOut]);
      if (i > 0) expect(e.recIn).toBe(doc.events[i - 1].recOut);
      expect(e.comments[0]).toBe('* FROM CLIP NAME: Le "film" d\'été, <1> & 2 .mp4');
      expect(e.comments[1]).toMatch(new RegExp(`^\\* COMMENT: Shot ${i + 1} ${shots[i].scale}: `));
    });
    expect(frames(doc.events[0].recIn)).toBe(0);
    expect(frames(doc.events[doc.events.length - 1].recOut)).toBe(TEST_FRAME_COUNT);
  });
});

describe('EDL timecode', () => {
  it('labels the ten-minute cut and the first dropped labels as SMPTE does at 29.97 DF', () => {
    const { film, shots } = testFilm({ num: 30000, den: 1001 }, true);
    const doc = parseEdl(edl(film, shots, { mode: 'cuts' }));
    expect(doc.events[3].srcIn).toBe('00:01:00;02');
    expect(doc.events[2].srcIn).toBe('00:00:59;29');
    expect(doc.events[6].srcIn).toBe('00:10:00;00');
    expect(doc.events[6].recIn).toBe('01:10:00;00');
    expect(doc.events[0].recIn).toBe('01:00:00;00');
  });

  it('labels the same cut by whole frames at the other rates', () => {
    const at = (rate: FrameRate) => {
      const { film, shots } = testFilm(rate, false);
      return parseEdl(edl(film, shots, { mode: 'cuts' })).events[6].srcIn;
    };
    expect(at({ num: 25, den: 1 })).toBe('00:11:59:07');
    expect(at({ num: 24, den: 1 })).toBe('00:12:29:06');
    expect(at({ num: 24000, den: 1001 })).toBe('00:12:29:06');
    expect(at({ num: 30, den: 1 })).toBe('00:09:59:12');
    expect(at({ num: 30000, den: 1001 })).toBe('00:09:59:12');
  });

  it('numbers events past 999 with more digits', () => {
    const { film, shots } = testFilm({ num: 25, den: 1 }, false);
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...shots[1], index: i, startFrame: i * 10, endFrame: i * 10 + 9 }));
    const lines = edl(film, many).split('\r\n');
    expect(lines.filter((l) => /^\d{3,}\s/.test(l))).toHaveLength(1001);
    expect(lines.some((l) => l.startsWith('1000  001'))).toBe(true);
  });
});
