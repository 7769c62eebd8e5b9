import { describe, expect, it } from 'vitest';
import { transportStreamTypes, undecodableTsVideo } from './mpegTs';

/** One 188-byte TS packet carrying a PSI section (pointer field 0), padded with 0xff. */
function psiPacket(pid: number, section: number[]): number[] {
  const packet = new Array<number>(188).fill(0xff);
  packet.splice(0, 5 + section.length, 0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10, 0x00, ...section);
  return packet;
}

/** A PAT section listing one program whose PMT is on pmtPid (CRC left as zeros: not checked). */
function pat(pmtPid: number): number[] {
  const body = [0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xe0 | (pmtPid >> 8), pmtPid & 0xff];
  return [0x00, 0xb0, body.length + 4, ...body, 0, 0, 0, 0];
}

/** A PMT section with the given stream types (the first carries a 3-byte descriptor). */
function pmt(types: number[]): number[] {
  const streams = types.flatMap((type, i) => (i === 0 ? [type, 0xe1, 0x00 + i, 0xf0, 0x03, 0x0a, 0x01, 0x00] : [type, 0xe1, 0x00 + i, 0xf0, 0x00]));
  const body = [0x00, 0x01, 0xc1, 0x00, 0x00, 0xe1, 0x00, 0xf0, 0x00, ...streams];
  return [0x02, 0xb0, body.length + 4, ...body, 0, 0, 0, 0];
}

function stream(types: number[], opts: { prefixBytes?: number; leadingPackets?: number } = {}): Uint8Array {
  const packets = [...Array.from({ length: opts.leadingPackets ?? 0 }, () => psiPacket(0x1fff, [])), psiPacket(0, pat(0x1000)), psiPacket(0x1000, pmt(types))];
  const prefix = opts.prefixBytes ?? 0;
  return Uint8Array.from(packets.flatMap((p) => [...new Array<number>(prefix).fill(0), ...p]));
}

describe('transportStreamTypes', () => {
  it('reads the stream types of the program map', () => {
    expect(transportStreamTypes(stream([0x1b, 0x0f]))).toEqual([0x1b, 0x0f]);
  });

  it('skips descriptors, null packets before the tables, and reads 192-byte (M2TS) packets', () => {
    expect(transportStreamTypes(stream([0x02, 0x03], { leadingPackets: 3 }))).toEqual([0x02, 0x03]);
    expect(transportStreamTypes(stream([0x24], { prefixBytes: 4 }))).toEqual([0x24]);
  });

  it('is empty when the bytes hold no program map or are not a transport stream', () => {
    expect(transportStreamTypes(Uint8Array.from(psiPacket(0, pat(0x1000))))).toEqual([]);
    expect(transportStreamTypes(new Uint8Array(1000))).toEqual([]);
    expect(transportStreamTypes(new Uint8Array(0))).toEqual([]);
  });
});

describe('undecodableTsVideo', () => {
  it('names video that browsers do not decode (broadcast MPEG-2, VC-1)', () => {
    expect(undecodableTsVideo(stream([0x02, 0x04]))).toBe('MPEG-2');
    expect(undecodableTsVideo(stream([0x0f, 0xea]))).toBe('VC-1');
  });

  it('says nothing of H.264, HEVC or audio-only streams', () => {
    expect(undecodableTsVideo(stream([0x1b, 0x0f]))).toBeUndefined();
    expect(undecodableTsVideo(stream([0x24]))).toBeUndefined();
    expect(undecodableTsVideo(stream([0x0f]))).toBeUndefined();
  });
});
