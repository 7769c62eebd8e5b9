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

/** The first byte (header) of each NAL unit in a packet. */
function* nalHeaders(data: Uint8Array, framing: AvcFraming): Generator<number> {
  if (framing.kind === 'avcc') {
    const n = framing.lengthSize;
    for (let at = 0; at + n < data.length; ) {
      let length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + data[at + k];
      if (length === 0 || at + n + length > data.length) return;
      yield data[at + n];
      at += n + length;
    }
    return;
  }
  // Annex B: 00 00 01 (or 00 00 00 01) before each unit.
  for (let i = 0; i + 3 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      yield data[i + 3];
      i += 3;
    }
  }
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
