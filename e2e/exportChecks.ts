import { timecodeToFrames } from '../src/shared/timecode';
import { expect } from './test';

/** CMX3600 event lines: number, reel, channel, transition, then four timecodes; record in before record out. */
export function expectCmx3600(edlText: string, rate: { num: number; den: number }): void {
  const lines = edlText.split('\r\n');
  expect(lines[0]).toMatch(/^TITLE: .{1,70}$/);
  expect(lines[1]).toMatch(/^FCM: (NON-)?DROP FRAME$/);
  const events = lines.filter((l) => /^\d{3,4}\s/.test(l));
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) {
    const m = /^(\d{3,4}) {2}(\S{1,8}) +V {5}C {8}(\S{11}) (\S{11}) (\S{11}) (\S{11})$/.exec(e);
    expect(m, e).not.toBeNull();
    const [srcIn, srcOut, recIn, recOut] = m!.slice(3).map((tc) => timecodeToFrames(tc, rate));
    expect(srcOut, e).toBeGreaterThan(srcIn);
    expect(recOut - recIn, e).toBe(srcOut - srcIn);
  }
}

