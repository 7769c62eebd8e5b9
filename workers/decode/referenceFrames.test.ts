import { describe, expect, it } from 'vitest';
import { avcFraming, isAvcReference } from './referenceFrames';

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
