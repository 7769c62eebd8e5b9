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
    const header = new RbspReader(data, at + 1, 12);
    if (header.ue() < 0) return null;
    const sliceType = header.ue();
    if (sliceType < 0 || sliceType > 9) return null;
    return (['P', 'B', 'I', 'P', 'I'] as const)[sliceType % 5];
  }
  return null;
}

/** Reads bits and Exp-Golomb codes from the start of a NAL unit's payload, emulation-prevention bytes (00 00 03) removed; −1 past the end. */
class RbspReader {
  private readonly bytes: number[] = [];
  private bit = 0;

  constructor(data: Uint8Array, from: number, maxBytes: number) {
    for (let i = from, zeros = 0; i < data.length && this.bytes.length < maxBytes; i++) {
      if (zeros >= 2 && data[i] === 3) {
        zeros = 0;
        continue;
      }
      zeros = data[i] === 0 ? zeros + 1 : 0;
      this.bytes.push(data[i]);
    }
  }

  u(n: number): number {
    let value = 0;
    for (let k = 0; k < n; k++) {
      if (this.bit >= this.bytes.length * 8) return -1;
      value = value * 2 + ((this.bytes[this.bit >> 3] >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value;
  }

  ue(): number {
    let leading = 0;
    let b = this.u(1);
    for (; b === 0; b = this.u(1)) if (++leading > 31) return -1;
    if (b < 0) return -1;
    const rest = this.u(leading);
    return rest < 0 ? -1 : 2 ** leading - 1 + rest;
  }

  se(): number {
    const k = this.ue();
    return k < 0 ? Number.NaN : k % 2 ? (k + 1) / 2 : -k / 2;
  }
}

/**
 * True when the track's first sequence parameter set (in its avcC record) codes whole frames only
 * (frame_mbs_only_flag, ITU-T H.264 §7.3.2.1.1), false for field or MBAFF coding (interlaced), null
 * when it cannot be read. Skipping counts one packet as one frame, so it is for frame-coded streams.
 */
export function avcFramesOnly(description: AllowSharedBufferSource | undefined): boolean | null {
  if (!description) return null;
  const bytes = ArrayBuffer.isView(description) ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength) : new Uint8Array(description);
  if (bytes.length < 9 || (bytes[5] & 0x1f) === 0) return null;
  const length = (bytes[6] << 8) | bytes[7];
  if (8 + length > bytes.length) return null;
  return spsFramesOnly(bytes.subarray(8, 8 + length));
}

/** The same for an Annex B stream (no avcC record), from the first SPS in a packet (a key frame's); null when it holds none. */
export function annexBFramesOnly(data: Uint8Array): boolean | null {
  for (const at of nalOffsets(data, { kind: 'annexb' })) if ((data[at] & 0x1f) === 7) return spsFramesOnly(data.subarray(at));
  return null;
}

/** frame_mbs_only_flag of a sequence parameter set NAL unit (header byte first). */
function spsFramesOnly(nal: Uint8Array): boolean | null {
  if (nal.length < 4 || (nal[0] & 0x1f) !== 7) return null;
  const sps = new RbspReader(nal, 1, Math.min(nal.length, 256));
  const profile = sps.u(8);
  sps.u(16); // constraint flags, level
  if (sps.ue() < 0) return null; // seq_parameter_set_id
  if ([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profile)) {
    const chroma = sps.ue();
    if (chroma === 3) sps.u(1);
    sps.ue();
    sps.ue();
    sps.u(1);
    // Scaling matrices: not read here; such a stream decodes every frame.
    if (sps.u(1) !== 0) return null;
  }
  if (sps.ue() < 0) return null; // log2_max_frame_num_minus4
  const pocType = sps.ue();
  if (pocType === 0) sps.ue();
  else if (pocType === 1) {
    sps.u(1);
    sps.se();
    sps.se();
    const cycle = sps.ue();
    if (cycle < 0 || cycle > 255) return null;
    for (let k = 0; k < cycle; k++) sps.se();
  } else if (pocType !== 2) return null;
  sps.ue(); // max_num_ref_frames
  sps.u(1);
  if (sps.ue() < 0 || sps.ue() < 0) return null; // picture width and height in macroblocks
  const framesOnly = sps.u(1);
  return framesOnly < 0 ? null : framesOnly === 1;
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
