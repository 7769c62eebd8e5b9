import { describe, expect, it } from 'vitest';
import { rejectNonVideo, sniff } from './sniff';

/** Bytes from a mix of ASCII strings and byte values, padded with zeros to `size`. */
function bytes(parts: (string | number[])[], size = 64): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (const ch of p) out.push(ch.charCodeAt(0));
    else out.push(...p);
  }
  while (out.length < size) out.push(0);
  return Uint8Array.from(out);
}

const MP4 = bytes([[0x00, 0x00, 0x00, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41']);
const MOV = bytes([[0x00, 0x00, 0x00, 0x14], 'ftypqt  ', [0, 0, 2, 0], 'qt  ']);
const OLD_MOV = bytes([[0x00, 0x00, 0x00, 0x08], 'wide', [0x00, 0x01, 0x00, 0x00], 'mdat']);
const M4A = bytes([[0x00, 0x00, 0x00, 0x20], 'ftypM4A ', [0, 0, 0, 0], 'M4A mp42isom']);
const AVIF = bytes([[0x00, 0x00, 0x00, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf']);
const MKV = bytes([[0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01], [0x42, 0x82, 0x84], 'webm']);
const WAV = bytes(['RIFF', [0x24, 0x08, 0x00, 0x00], 'WAVEfmt ', [0x10, 0, 0, 0, 0x01, 0x00, 0x02, 0x00]]);
const AVI = bytes(['RIFF', [0x00, 0x10, 0x00, 0x00], 'AVI LIST']);
const WEBP = bytes(['RIFF', [0x00, 0x10, 0x00, 0x00], 'WEBPVP8 ']);
const ID3 = bytes(['ID3', [0x04, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x76], 'TIT2']);
const MP3_FRAME = bytes([[0xff, 0xfb, 0x90, 0x64]]);
const FLAC = bytes(['fLaC', [0x00, 0x00, 0x00, 0x22]]);
const MPEG_PS = bytes([[0x00, 0x00, 0x01, 0xba, 0x44, 0x00, 0x04, 0x00, 0x04, 0x01, 0x01, 0x89, 0xc3, 0xf8]]);
const OGG = bytes(['OggS', [0x00, 0x02]]);
const FLV = bytes(['FLV', [0x01, 0x05, 0x00, 0x00, 0x00, 0x09]]);
const PNG = bytes([[0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d], 'IHDR']);
const JPEG = bytes([[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0]]);
const GIF = bytes(['GIF89a', [0x01, 0x00, 0x01, 0x00]]);
const TEXT = new TextEncoder().encode('WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello, world. Ça va?\n');

function mpegTs(): Uint8Array {
  const b = new Uint8Array(376);
  b[0] = 0x47;
  b[188] = 0x47;
  return b;
}

describe('sniff', () => {
  it('recognises ISO BMFF (MP4, MOV) by ftyp and by top-level boxes', () => {
    expect(sniff(MP4)).toEqual({ kind: 'video-container', container: 'isobmff' });
    expect(sniff(MOV)).toEqual({ kind: 'video-container', container: 'isobmff' });
    expect(sniff(OLD_MOV)).toEqual({ kind: 'video-container', container: 'isobmff' });
  });

  it('tells M4A audio and AVIF images from ISO BMFF video by brand', () => {
    expect(sniff(M4A)).toEqual({ kind: 'audio', format: 'M4A' });
    expect(sniff(AVIF)).toEqual({ kind: 'image', format: 'avif' });
  });

  it('recognises EBML (Matroska / WebM)', () => {
    expect(sniff(MKV)).toEqual({ kind: 'video-container', container: 'matroska' });
  });

  it('reads the RIFF form type', () => {
    expect(sniff(WAV)).toEqual({ kind: 'audio', format: 'WAV' });
    expect(sniff(AVI)).toEqual({ kind: 'video-container', container: 'avi' });
    expect(sniff(WEBP)).toEqual({ kind: 'image', format: 'WebP' });
  });

  it('recognises MPEG program and transport streams, Ogg and FLV', () => {
    expect(sniff(MPEG_PS)).toEqual({ kind: 'video-container', container: 'mpeg-ps' });
    expect(sniff(mpegTs())).toEqual({ kind: 'video-container', container: 'mpeg-ts' });
    expect(sniff(OGG)).toEqual({ kind: 'video-container', container: 'ogg' });
    expect(sniff(FLV)).toEqual({ kind: 'video-container', container: 'flv' });
  });

  it('needs the second sync byte 188 bytes on for MPEG-TS', () => {
    const b = mpegTs();
    b[188] = 0;
    expect(sniff(b)).not.toEqual({ kind: 'video-container', container: 'mpeg-ts' });
  });

  it('recognises M2TS / AVCHD .mts (192-byte packets, sync byte after a 4-byte timestamp) and 204-byte packets', () => {
    const m2ts = new Uint8Array(512);
    m2ts.set([0x0e, 0xbf, 0x46, 0x22], 0);
    for (const at of [4, 196, 388]) m2ts[at] = 0x47;
    expect(sniff(m2ts)).toEqual({ kind: 'video-container', container: 'mpeg-ts' });
    const rs = new Uint8Array(512);
    for (const at of [0, 204, 408]) rs[at] = 0x47;
    expect(sniff(rs)).toEqual({ kind: 'video-container', container: 'mpeg-ts' });
  });

  it('checks every sync byte the first bytes hold', () => {
    const m2ts = new Uint8Array(512);
    for (const at of [4, 196]) m2ts[at] = 0x47;
    expect(sniff(m2ts)).not.toEqual({ kind: 'video-container', container: 'mpeg-ts' });
    const ts = new Uint8Array(512);
    for (const at of [0, 188]) ts[at] = 0x47;
    expect(sniff(ts)).not.toEqual({ kind: 'video-container', container: 'mpeg-ts' });
  });

  it('recognises audio: ID3, MPEG audio frames, FLAC', () => {
    expect(sniff(ID3)).toEqual({ kind: 'audio', format: 'MP3' });
    expect(sniff(MP3_FRAME)).toEqual({ kind: 'audio', format: 'MP3/AAC' });
    expect(sniff(FLAC)).toEqual({ kind: 'audio', format: 'FLAC' });
  });

  it('recognises images: PNG, JPEG, GIF', () => {
    expect(sniff(PNG)).toEqual({ kind: 'image', format: 'PNG' });
    expect(sniff(JPEG)).toEqual({ kind: 'image', format: 'JPEG' });
    expect(sniff(GIF)).toEqual({ kind: 'image', format: 'GIF' });
  });

  it('recognises text, including UTF-8', () => {
    expect(sniff(TEXT)).toEqual({ kind: 'text' });
    expect(sniff(new TextEncoder().encode('{"seconds": []}'))).toEqual({ kind: 'text' });
  });

  it('says unknown for empty input and binary noise', () => {
    expect(sniff(new Uint8Array(0))).toEqual({ kind: 'unknown' });
    const noise = Uint8Array.from({ length: 256 }, (_, i) => (i * 37 + 11) & 0xff);
    noise[0] = 0x01;
    expect(sniff(noise)).toEqual({ kind: 'unknown' });
    expect(sniff(new Uint8Array(64))).toEqual({ kind: 'unknown' });
  });

  it('does not read magic bytes past the end of a short buffer', () => {
    expect(sniff(Uint8Array.from([0x00, 0x00, 0x01]))).toEqual({ kind: 'unknown' });
    expect(sniff(Uint8Array.from([0x1a, 0x45, 0xdf]))).toEqual({ kind: 'unknown' });
  });
});

describe('rejectNonVideo', () => {
  const nameOf = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (err) {
      return (err as Error).name;
    }
    return undefined;
  };

  it('throws EmptyFileError for a 0-byte file, whatever the bytes', () => {
    expect(nameOf(() => rejectNonVideo(new Uint8Array(0), 0))).toBe('EmptyFileError');
    expect(nameOf(() => rejectNonVideo(MP4, 0))).toBe('EmptyFileError');
  });

  it('throws NotAVideoError for text and images', () => {
    expect(nameOf(() => rejectNonVideo(TEXT, TEXT.length))).toBe('NotAVideoError');
    expect(nameOf(() => rejectNonVideo(PNG, 5000))).toBe('NotAVideoError');
    expect(nameOf(() => rejectNonVideo(JPEG, 5000))).toBe('NotAVideoError');
    expect(nameOf(() => rejectNonVideo(AVIF, 5000))).toBe('NotAVideoError');
    expect(() => rejectNonVideo(PNG, 5000)).toThrow(/PNG image/);
  });

  it('throws AudioOnlyError for audio files', () => {
    for (const b of [WAV, ID3, MP3_FRAME, FLAC, M4A]) expect(nameOf(() => rejectNonVideo(b, 1e6))).toBe('AudioOnlyError');
    expect(() => rejectNonVideo(WAV, 1e6)).toThrow(/WAV audio/);
  });

  it('throws UnsupportedContainerError for MPEG-PS, AVI and FLV', () => {
    expect(nameOf(() => rejectNonVideo(MPEG_PS, 1e6))).toBe('UnsupportedContainerError');
    expect(nameOf(() => rejectNonVideo(AVI, 1e6))).toBe('UnsupportedContainerError');
    expect(nameOf(() => rejectNonVideo(FLV, 1e6))).toBe('UnsupportedContainerError');
    expect(() => rejectNonVideo(AVI, 1e6)).toThrow(/AVI/);
  });

  it('says which container browsers cannot read and how to convert it', () => {
    expect(() => rejectNonVideo(MPEG_PS, 1e6)).toThrow(/MPEG program stream.*ffmpeg -i in\.mpg -c:v libx264 out\.mp4/);
    expect(() => rejectNonVideo(AVI, 1e6)).toThrow(/AVI file.*ffmpeg -i in\.avi -c:v copy out\.mkv.*ffmpeg -i in\.avi -c:v libx264 out\.mp4/);
    expect(() => rejectNonVideo(FLV, 1e6)).toThrow(/FLV file.*ffmpeg -i in\.flv -c:v copy out\.mkv/);
  });

  it('lets readable containers and unknown files through to the demuxer', () => {
    expect(rejectNonVideo(MP4, 1e6)).toEqual({ kind: 'video-container', container: 'isobmff' });
    expect(rejectNonVideo(MKV, 1e6)).toEqual({ kind: 'video-container', container: 'matroska' });
    expect(rejectNonVideo(mpegTs(), 1e6)).toEqual({ kind: 'video-container', container: 'mpeg-ts' });
    expect(rejectNonVideo(OGG, 1e6)).toEqual({ kind: 'video-container', container: 'ogg' });
    expect(rejectNonVideo(new Uint8Array(64), 1e6)).toEqual({ kind: 'unknown' });
  });
});
