import { ALL_FORMATS, BlobSource, EncodedPacketSink, Input, type InputVideoTrack } from 'mediabunny';
import { analysisError, analysisErrorName } from '../../src/shared/errors';
import { undecodableTsVideo } from '../../src/shared/mpegTs';
import { rejectNonVideo, type Sniffed } from '../../src/shared/sniff';
import { timeOrigin } from '../../src/shared/timeOrigin';
import type { VideoInfo } from '../../src/shared/types';
import { fingerprint } from './fingerprint';

const CODEC_NAMES: Record<string, string> = {
  avc: 'H.264',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  prores: 'Apple ProRes',
};

/** An opened input with its primary video track. */
export interface OpenedVideo {
  input: Input;
  track: InputVideoTrack;
  info: VideoInfo;
}

/**
 * Opens a file and checks everything that can be checked before decoding: bytes, container,
 * video track, codec support in this browser, duration. Throws named errors. With `fingerprinted`,
 * then reads the whole file for its fingerprint (telling the callback how far it is); without,
 * the info's fingerprint is empty (a decode job needs none: the probe gave it).
 */
export async function openVideo(file: File, fingerprinted?: true | ((doneBytes: number, totalBytes: number) => void)): Promise<OpenedVideo> {
  const head = new Uint8Array(await file.slice(0, 512).arrayBuffer());
  const sniffed: Sniffed = rejectNonVideo(head, file.size);
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    if (!(await input.canRead())) {
      if (sniffed.kind === 'video-container') {
        throw analysisError('TruncatedFileError', `It looks like ${sniffed.container.toUpperCase()}, but its structure cannot be read.`);
      }
      throw analysisError('NotAVideoError', 'Its contents match no known video format.');
    }
    const format = await input.getFormat();
    let track: InputVideoTrack | null;
    try {
      track = await input.getPrimaryVideoTrack();
    } catch (err) {
      throw analysisError('TruncatedFileError', `Its track index cannot be read (${(err as Error).message}).`);
    }
    if (!track) {
      if (sniffed.kind === 'video-container' && sniffed.container === 'mpeg-ts') {
        // The demuxer lists no track for video it cannot decode (broadcast MPEG-2): name it from the program map.
        const video = undecodableTsVideo(new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer()));
        if (video) throw analysisError('UnsupportedCodecError', `The MPEG-TS holds ${video} video (as standard-definition TV broadcasts often do), which web browsers do not decode.`);
      }
      const audio = await input.getAudioTracks().catch(() => []);
      if (audio.length > 0) throw analysisError('AudioOnlyError', `The ${format.name} file holds ${audio.length} audio track(s) and no video.`);
      if (sniffed.kind === 'video-container' && sniffed.container === 'isobmff') {
        // An MP4/MOV whose header lists no track at all has lost its index (moov box), which
        // ffmpeg writes at the end: the file was cut short or is still being written.
        throw analysisError('TruncatedFileError', `The ${format.name} file has no track index (moov box): it was cut short or is still being written.`);
      }
      throw analysisError('NotAVideoError', `The ${format.name} file holds no video track.`);
    }
    const codec = await track.getCodec();
    const codecName = codec ? (CODEC_NAMES[codec] ?? codec) : 'unknown';
    if (!codec) {
      throw analysisError('UnsupportedCodecError', 'The video codec is not one web browsers decode (for example ProRes, MPEG-2, DNxHD or MJPEG).');
    }
    if (!(await track.canDecode())) {
      throw analysisError('UnsupportedCodecError', `This browser has no decoder for ${codecName}${codec === 'hevc' ? ' (Chromium on Linux ships without one)' : ''}.`);
    }
    let endTimestampSec: number;
    let firstKeyTimestampSec: number | undefined;
    try {
      endTimestampSec = await input.computeDuration([track]);
      // The first frame a decoder can start from: a stream cut mid-GOP (broadcast capture, camera
      // file split) begins with frames that reference a key frame it does not hold.
      firstKeyTimestampSec = (await new EncodedPacketSink(track).getFirstKeyPacket({ verifyKeyPackets: true }))?.timestamp;
    } catch (err) {
      throw analysisError('TruncatedFileError', `Its packets cannot be read (${(err as Error).message}).`);
    }
    if (!Number.isFinite(endTimestampSec) || endTimestampSec <= 0) {
      throw analysisError('NoDurationError', `The video track reports a duration of ${endTimestampSec} s.`);
    }
    if (firstKeyTimestampSec === undefined) {
      throw analysisError(
        'UnsupportedCodecError',
        `The ${codecName} stream holds no key frame this browser can start decoding from${codec === 'avc' ? ' (no IDR picture: streams that mark entry points with recovery-point SEI only, as some broadcasts do, need re-encoding)' : ''}.`,
      );
    }
    const { startTimestampSec, durationSec } = timeOrigin(firstKeyTimestampSec, endTimestampSec);
    if (!(durationSec > 0)) {
      throw analysisError('NoDurationError', `The video track ends at ${endTimestampSec.toFixed(3)} s, no later than its first key frame at ${firstKeyTimestampSec.toFixed(3)} s.`);
    }
    const info: VideoInfo = {
      fingerprint: fingerprinted ? await fingerprint(file, typeof fingerprinted === 'function' ? fingerprinted : undefined) : '',
      name: file.name,
      sizeBytes: file.size,
      durationSec,
      startTimestampSec,
      width: await track.getDisplayWidth(),
      height: await track.getDisplayHeight(),
      codec: codecName,
      container: format.name,
    };
    return { input, track, info };
  } catch (err) {
    input.dispose();
    if (analysisErrorName(err)) throw err;
    throw analysisError('NotAVideoError', `It could not be opened as a video (${(err as Error).message}).`);
  }
}
