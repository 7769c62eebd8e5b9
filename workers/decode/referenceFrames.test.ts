import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { avcFraming, avcFramesOnly, avcSliceKind, isAvcReference } from './referenceFrames';

/** An AVCC packet of NAL units (4-byte lengths), each given by its header byte and a few payload bytes. */
function avcc(...headers: number[]): Uint8Array {
  const out: number[] = [];
  for (const h of headers) out.push(0, 0, 0, 4, h, 0x88, 0x84, 0x21);
  return Uint8Array.from(out);
}

describe('H.264 reference frames', () => {
  const framing = { kind: 'avcc', lengthSize: 4 } as const;

  it('reads the NAL length size from the avcC record, and Annex B without one', () => {
    expect(avcFraming(Uint8Array.from([1, 0x64, 0, 0x1f, 0xff, 0xe1, 0]))).toEqual({ kind: 'avcc', lengthSize: 4 });
    expect(avcFraming(Uint8Array.from([1, 0x64, 0, 0x1f, 0xfd, 0xe1, 0]))).toEqual({ kind: 'avcc', lengthSize: 2 });
    expect(avcFraming(undefined)).toEqual({ kind: 'annexb' });
    expect(avcFraming(Uint8Array.from([0, 1, 2]))).toBeNull();
  });

  it('a picture whose slices all have nal_ref_idc 0 is not a reference; any other is', () => {
    expect(isAvcReference(avcc(0x01), framing)).toBe(false); // non-IDR slice, ref_idc 0
    expect(isAvcReference(avcc(0x06, 0x01, 0x01), framing)).toBe(false); // SEI then two such slices
    expect(isAvcReference(avcc(0x21), framing)).toBe(true); // ref_idc 1
    expect(isAvcReference(avcc(0x41), framing)).toBe(true); // ref_idc 2
    expect(isAvcReference(avcc(0x65), framing)).toBe(true); // IDR
    expect(isAvcReference(avcc(0x01, 0x21), framing)).toBe(true); // one reference slice is enough
    expect(isAvcReference(avcc(0x09, 0x06), framing)).toBe(true); // no slice: not understood, decoded
  });

  it('reads Annex B start codes, and a packet whose lengths overrun it counts as a reference', () => {
    expect(isAvcReference(Uint8Array.from([0, 0, 0, 1, 0x09, 0x10, 0, 0, 1, 0x01, 0x88]), { kind: 'annexb' })).toBe(false);
    expect(isAvcReference(Uint8Array.from([0, 0, 1, 0x41, 0x9a]), { kind: 'annexb' })).toBe(true);
    expect(isAvcReference(Uint8Array.from([0, 0, 0, 99, 0x01, 0x88]), framing)).toBe(true);
  });
});

describe('H.264 slice kinds', () => {
  const framing = { kind: 'avcc', lengthSize: 4 } as const;
  /** An AVCC packet of one slice NAL with these header bytes after the NAL header. */
  const slice = (nalHeader: number, ...rest: number[]) => Uint8Array.from([0, 0, 0, rest.length + 1, nalHeader, ...rest]);

  it('reads slice_type after first_mb_in_slice, both Exp-Golomb codes', () => {
    // first_mb_in_slice 0 ("1"), slice_type 0 P ("1"): 11xxxxxx
    expect(avcSliceKind(slice(0x41, 0b11000000, 0), framing)).toBe('P');
    // first_mb 0 ("1"), slice_type 1 B ("010"): 1010xxxx
    expect(avcSliceKind(slice(0x01, 0b10100000, 0), framing)).toBe('B');
    // first_mb 0, slice_type 7 (I, all slices alike: "0001000"): 10001000
    expect(avcSliceKind(slice(0x41, 0b10001000, 0), framing)).toBe('I');
    // first_mb 3 ("00100"), slice_type 6 B ("00111"): 0010000111
    expect(avcSliceKind(slice(0x01, 0b00100001, 0b11000000), framing)).toBe('B');
    // IDR is I whatever follows; SEI before the slice is passed over.
    expect(avcSliceKind(slice(0x65, 0), framing)).toBe('I');
    expect(avcSliceKind(Uint8Array.from([0, 0, 0, 2, 0x06, 0x05, 0, 0, 0, 2, 0x01, 0b11000000]), framing)).toBe('P');
  });

  it('skips emulation-prevention bytes, and says null where it cannot read', () => {
    // first_mb_in_slice 65535 (16 zeros, a one, 16 zeros: the stream escapes the run of zero
    // bytes as 00 00 03), then slice_type 1 ("010"): read as B only with the 03 removed.
    const escaped = slice(0x01, 0x00, 0x00, 0x03, 0x80, 0x00, 0x28);
    expect(avcSliceKind(escaped, framing)).toBe('B');
    expect(avcSliceKind(slice(0x09, 0x10), framing)).toBeNull();
    expect(avcSliceKind(slice(0x01, 0x00), framing)).toBeNull();
  });
});

describe('H.264 frame or field coding, from the sequence parameter set', () => {
  /** An avcC record around the first SPS of an Annex B stream x264 writes with these options. */
  const record = (x264: string[]): Uint8Array => {
    const out = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=0.2', '-c:v', 'libx264', ...x264, '-f', 'h264', '-'], { maxBuffer: 1 << 24 });
    const bytes = new Uint8Array(out.stdout);
    const starts: number[] = [];
    for (let i = 0; i + 3 < bytes.length; i++) if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 1) starts.push(i + 3);
    const at = starts.find((i) => (bytes[i] & 0x1f) === 7)!;
    const end = starts.find((i) => i > at)! - 3;
    const sps = bytes.subarray(at, bytes[end - 1] === 0 ? end - 1 : end);
    return Uint8Array.from([1, sps[1], sps[2], sps[3], 0xff, 0xe1, sps.length >> 8, sps.length & 0xff, ...sps]);
  };
  const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

  it.skipIf(!hasFfmpeg)('says frames for progressive streams (High and Baseline), fields for interlaced ones', () => {
    expect(avcFramesOnly(record(['-profile:v', 'high']))).toBe(true);
    expect(avcFramesOnly(record(['-profile:v', 'baseline']))).toBe(true);
    expect(avcFramesOnly(record(['-x264-params', 'interlaced=1']))).toBe(false);
    expect(avcFramesOnly(record(['-x264-params', 'fake-interlaced=1']))).toBe(false);
  });

  it('says null where it cannot read', () => {
    expect(avcFramesOnly(undefined)).toBeNull();
    expect(avcFramesOnly(Uint8Array.from([1, 0x64, 0, 0x1f, 0xff, 0xe0]))).toBeNull();
    expect(avcFramesOnly(Uint8Array.from([1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 2, 0x68, 0xff]))).toBeNull();
  });
});
