import { TS_LAYOUTS } from './sniff';

/** Video stream types (ISO/IEC 13818-1 PMT) that web browsers do not decode, by name. */
export const UNDECODABLE_TS_VIDEO: Readonly<Record<number, string>> = {
  0x01: 'MPEG-1',
  0x02: 'MPEG-2',
  0x10: 'MPEG-4 Part 2',
  0x42: 'AVS',
  0xd1: 'Dirac',
  0xea: 'VC-1',
};

const SYNC = 0x47;
const PAT_PID = 0;

/** The payload of one TS packet and whether a section or PES starts in it; null for a damaged packet. */
function payloadOf(packet: Uint8Array): { pid: number; unitStart: boolean; payload: Uint8Array } | null {
  if (packet.length < 188 || packet[0] !== SYNC) return null;
  const pid = ((packet[1] & 0x1f) << 8) | packet[2];
  const unitStart = (packet[1] & 0x40) !== 0;
  const adaptation = (packet[3] >> 4) & 0x3;
  let offset = 4;
  if (adaptation & 0x2) offset += 1 + packet[4];
  if (!(adaptation & 0x1) || offset >= 188) return null;
  return { pid, unitStart, payload: packet.subarray(offset, 188) };
}

/** The section that starts in a payload (after its pointer field), cut to its declared length. */
function sectionOf(payload: Uint8Array, tableId: number): Uint8Array | null {
  const start = 1 + payload[0];
  if (start + 3 > payload.length || payload[start] !== tableId) return null;
  const length = ((payload[start + 1] & 0x0f) << 8) | payload[start + 2];
  const end = Math.min(payload.length, start + 3 + length - 4);
  return payload.subarray(start, end);
}

/**
 * The elementary stream types an MPEG-TS declares in its first program map (PMT), read from its
 * first bytes (188-, 192- or 204-byte packets); empty when no PMT is found there.
 */
export function transportStreamTypes(bytes: Uint8Array): number[] {
  const layout = TS_LAYOUTS.find(({ syncOffset, packetBytes }) => bytes[syncOffset] === SYNC && bytes[syncOffset + packetBytes] === SYNC);
  if (!layout) return [];
  const pmtPids = new Set<number>();
  for (let at = layout.syncOffset; at + 188 <= bytes.length; at += layout.packetBytes) {
    const p = payloadOf(bytes.subarray(at, at + 188));
    if (!p || !p.unitStart) continue;
    if (p.pid === PAT_PID) {
      const pat = sectionOf(p.payload, 0x00);
      if (!pat) continue;
      for (let i = 8; i + 4 <= pat.length; i += 4) {
        const program = (pat[i] << 8) | pat[i + 1];
        if (program !== 0) pmtPids.add(((pat[i + 2] & 0x1f) << 8) | pat[i + 3]);
      }
    } else if (pmtPids.has(p.pid)) {
      const pmt = sectionOf(p.payload, 0x02);
      if (!pmt || pmt.length < 12) continue;
      const types: number[] = [];
      let i = 12 + (((pmt[10] & 0x0f) << 8) | pmt[11]);
      while (i + 5 <= pmt.length) {
        types.push(pmt[i]);
        i += 5 + (((pmt[i + 3] & 0x0f) << 8) | pmt[i + 4]);
      }
      return types;
    }
  }
  return [];
}

/** The name of the first video stream in an MPEG-TS that browsers cannot decode, if any (e.g. 'MPEG-2'). */
export function undecodableTsVideo(bytes: Uint8Array): string | undefined {
  for (const type of transportStreamTypes(bytes)) if (UNDECODABLE_TS_VIDEO[type]) return UNDECODABLE_TS_VIDEO[type];
  return undefined;
}
