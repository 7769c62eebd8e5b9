import { analysisError } from './errors';

/** What the first bytes of a file say it is. */
export type Sniffed =
  | { kind: 'video-container'; container: 'isobmff' | 'matroska' | 'avi' | 'mpeg-ps' | 'mpeg-ts' | 'ogg' | 'flv' }
  | { kind: 'audio'; format: string }
  | { kind: 'image'; format: string }
  | { kind: 'text' }
  | { kind: 'unknown' };

function ascii(bytes: Uint8Array, start: number, len: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + len));
}

/** Identifies a file from its first bytes (at least 12, ideally 512), not from its name or MIME type. */
export function sniff(bytes: Uint8Array): Sniffed {
  const b = bytes;
  if (b.length >= 8 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (brand === 'M4A ' || brand === 'M4B ') return { kind: 'audio', format: 'M4A' };
    if (brand === 'avif' || brand === 'heic' || brand === 'mif1') return { kind: 'image', format: brand };
    return { kind: 'video-container', container: 'isobmff' };
  }
  if (b.length >= 8 && ['moov', 'mdat', 'free', 'wide', 'skip'].includes(ascii(b, 4, 4))) {
    return { kind: 'video-container', container: 'isobmff' };
  }
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return { kind: 'video-container', container: 'matroska' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF') {
    const type = ascii(b, 8, 4);
    if (type === 'AVI ') return { kind: 'video-container', container: 'avi' };
    if (type === 'WAVE') return { kind: 'audio', format: 'WAV' };
    if (type === 'WEBP') return { kind: 'image', format: 'WebP' };
  }
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0xba) return { kind: 'video-container', container: 'mpeg-ps' };
  if (isTransportStream(b)) return { kind: 'video-container', container: 'mpeg-ts' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') return { kind: 'video-container', container: 'ogg' };
  if (b.length >= 3 && ascii(b, 0, 3) === 'FLV') return { kind: 'video-container', container: 'flv' };
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return { kind: 'audio', format: 'MP3' };
  if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0) return { kind: 'audio', format: 'MP3/AAC' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'fLaC') return { kind: 'audio', format: 'FLAC' };
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'image', format: 'JPEG' };
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return { kind: 'image', format: 'PNG' };
  if (b.length >= 6 && ascii(b, 0, 3) === 'GIF') return { kind: 'image', format: 'GIF' };
  if (b.length > 0 && isMostlyText(b)) return { kind: 'text' };
  return { kind: 'unknown' };
}

/** Packet layouts of MPEG-TS: plain 188-byte packets, M2TS/AVCHD 192 (a 4-byte timestamp first), 204 (Reed-Solomon parity after). */
export const TS_LAYOUTS = [
  { syncOffset: 0, packetBytes: 188 },
  { syncOffset: 4, packetBytes: 192 },
  { syncOffset: 0, packetBytes: 204 },
];

/** A 0x47 sync byte at the start of two packets in a row (three when the bytes reach that far). */
function isTransportStream(b: Uint8Array): boolean {
  return TS_LAYOUTS.some(({ syncOffset, packetBytes }) => {
    const syncs = [0, 1, 2].map((k) => syncOffset + k * packetBytes).filter((at) => at < b.length);
    return syncs.length >= 2 && syncs.every((at) => b[at] === 0x47);
  });
}

function isMostlyText(b: Uint8Array): boolean {
  let printable = 0;
  for (const c of b) if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2) printable++;
  return printable / b.length > 0.95;
}

/**
 * Throws the named error for files that are certainly not videos we can open, before any decoder
 * sees them. Returns the sniffed kind for the others.
 */
export function rejectNonVideo(bytes: Uint8Array, sizeBytes: number): Sniffed {
  if (sizeBytes === 0) throw analysisError('EmptyFileError', 'The file is 0 bytes long.');
  const s = sniff(bytes);
  if (s.kind === 'text') throw analysisError('NotAVideoError', 'Its first bytes are plain text.');
  if (s.kind === 'image') throw analysisError('NotAVideoError', `It is a ${s.format} image.`);
  if (s.kind === 'audio') throw analysisError('AudioOnlyError', `It is a ${s.format} audio file.`);
  if (s.kind === 'video-container' && s.container === 'mpeg-ps') {
    throw analysisError('UnsupportedContainerError', 'It is an MPEG program stream (.mpg/.vob, usually MPEG-2 video), which browsers cannot read. Convert it: ffmpeg -i in.mpg -c:v libx264 out.mp4.');
  }
  if (s.kind === 'video-container' && (s.container === 'avi' || s.container === 'flv')) {
    const ext = s.container;
    throw analysisError(
      'UnsupportedContainerError',
      `It is an ${ext.toUpperCase()} file, which browsers cannot read. Re-wrap it if its video is H.264 (ffmpeg -i in.${ext} -c:v copy out.mkv), else convert it (ffmpeg -i in.${ext} -c:v libx264 out.mp4).`,
    );
  }
  return s;
}
