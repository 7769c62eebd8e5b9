/**
 * Which coded frames other frames need (issue 24). A frame that no other frame references can be
 * left undecoded without changing any other frame: in H.264 a picture whose slices all have
 * nal_ref_idc = 0 (ITU-T H.264 §7.4.1). Pure functions over a packet's bytes; anything not
 * understood counts as a reference, so a file the parser does not know decodes every frame.
 */

/** How H.264 NAL units are framed in a track's packets. */
export type AvcFraming = { kind: 'avcc'; lengthSize: 1 | 2 | 4 } | { kind: 'annexb' };

/** The framing of an H.264 track from its decoder config's description (an avcC box body), or Annex B when it has none. */
export function avcFraming(description: AllowSharedBufferSource | undefined): AvcFraming | null {
  if (!description) return { kind: 'annexb' };
  const bytes = ArrayBuffer.isView(description) ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength) : new Uint8Array(description);
  if (bytes.length < 7 || bytes[0] !== 1) return null;
  const lengthSize = (bytes[4] & 3) + 1;
  return lengthSize === 3 ? null : { kind: 'avcc', lengthSize: lengthSize as 1 | 2 | 4 };
}

/** The offset of each NAL unit's first byte (its header) in a packet. */
function* nalOffsets(data: Uint8Array, framing: AvcFraming): Generator<number> {
  if (framing.kind === 'avcc') {
    const n = framing.lengthSize;
    for (let at = 0; at + n < data.length; ) {
      let length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + data[at + k];
      if (length === 0 || at + n + length > data.length) return;
      yield at + n;
      at += n + length;
    }
    return;
  }
  // Annex B: 00 00 01 (or 00 00 00 01) before each unit.
  for (let i = 0; i + 3 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      yield i + 3;
      i += 3;
    }
  }
}

/** The first byte (header) of each NAL unit in a packet. */
function* nalHeaders(data: Uint8Array, framing: AvcFraming): Generator<number> {
  for (const at of nalOffsets(data, framing)) yield data[at];
}

/** A coded picture's kind from its first slice's slice_type (ITU-T H.264 §7.4.3): I (SI too), P (SP too) or B. */
export type AvcSliceKind = 'I' | 'P' | 'B';

/**
 * The kind of the picture's first slice, read from its header (first_mb_in_slice and slice_type,
 * two Exp-Golomb codes after the NAL header, emulation-prevention bytes removed); IDR is I; null
 * when the packet holds no slice or the header cannot be read.
 */
export function avcSliceKind(data: Uint8Array, framing: AvcFraming): AvcSliceKind | null {
  for (const at of nalOffsets(data, framing)) {
    const type = data[at] & 0x1f;
    if (type === 5) return 'I';
    if (type !== 1) continue;
    // The first bytes of the slice header, without emulation-prevention bytes (00 00 03).
    const bytes: number[] = [];
    for (let i = at + 1, zeros = 0; i < data.length && bytes.length < 12; i++) {
      if (zeros >= 2 && data[i] === 3) {
        zeros = 0;
        continue;
      }
      zeros = data[i] === 0 ? zeros + 1 : 0;
      bytes.push(data[i]);
    }
    let bit = 0;
    const readBit = () => (bit < bytes.length * 8 ? (bytes[bit >> 3] >> (7 - (bit++ & 7))) & 1 : -1);
    const readUe = (): number => {
      let leading = 0;
      for (let b = readBit(); b === 0; b = readBit()) if (++leading > 31) return -1;
      if (bit > bytes.length * 8) return -1;
      let value = 0;
      for (let k = 0; k < leading; k++) {
        const b = readBit();
        if (b < 0) return -1;
        value = value * 2 + b;
      }
      return 2 ** leading - 1 + value;
    };
    if (readUe() < 0) return null;
    const sliceType = readUe();
    if (sliceType < 0 || sliceType > 9) return null;
    return (['P', 'B', 'I', 'P', 'I'] as const)[sliceType % 5];
  }
  return null;
}

/** False only for an H.264 picture whose every slice has nal_ref_idc 0 (no other frame needs it). */
export function isAvcReference(data: Uint8Array, framing: AvcFraming): boolean {
  let slices = 0;
  for (const header of nalHeaders(data, framing)) {
    const type = header & 0x1f;
    if (type !== 1 && type !== 5) continue;
    slices++;
    if (type === 5 || header & 0x60) return true;
  }
  return slices === 0;
}
