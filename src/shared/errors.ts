/**
 * Why a file could not be (fully) analysed. The worker throws an Error whose `name` is one of
 * these (comlink keeps `name` and `message` across the boundary); the UI maps it to a message.
 */
export type AnalysisErrorName =
  | 'EmptyFileError'
  | 'NotAVideoError'
  | 'UnsupportedContainerError'
  | 'AudioOnlyError'
  | 'UnsupportedCodecError'
  | 'NoDurationError'
  | 'TruncatedFileError'
  | 'DecodeError'
  | 'ModelLoadError'
  | 'StorageError'
  | 'StorageFullError'
  | 'WorkerCrashedError'
  | 'CancelledError';

const NAMES: readonly AnalysisErrorName[] = [
  'EmptyFileError',
  'NotAVideoError',
  'UnsupportedContainerError',
  'AudioOnlyError',
  'UnsupportedCodecError',
  'NoDurationError',
  'TruncatedFileError',
  'DecodeError',
  'ModelLoadError',
  'StorageError',
  'StorageFullError',
  'WorkerCrashedError',
  'CancelledError',
];

/** An error with a known cause; `detail` is the technical part (codec name, library message). */
export class AnalysisError extends Error {
  constructor(name: AnalysisErrorName, detail: string) {
    super(detail);
    this.name = name;
  }
}

/** Builds a named analysis error. */
export function analysisError(name: AnalysisErrorName, detail: string): AnalysisError {
  return new AnalysisError(name, detail);
}

/** The error's known name, or undefined for an unexpected error. */
export function analysisErrorName(err: unknown): AnalysisErrorName | undefined {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' && (NAMES as readonly string[]).includes(name) ? (name as AnalysisErrorName) : undefined;
}

/** A message for the user: a title naming the problem and a sentence on what to do. */
export interface UserMessage {
  title: string;
  detail: string;
}

/** Maps any thrown value to a user message. */
export function describeError(err: unknown): UserMessage {
  const name = analysisErrorName(err);
  // Error-like objects ({name, message} without Error's prototype) keep their message too.
  const message = (err as { message?: unknown } | null)?.message;
  const raw = err instanceof Error ? err.message : typeof message === 'string' ? message : String(err);
  switch (name) {
    case 'EmptyFileError':
      return { title: 'The file is empty (0 bytes)', detail: 'Nothing to analyse. Check that the copy or download finished.' };
    case 'NotAVideoError':
      return { title: 'This is not a video file', detail: `${raw} Drop an MP4, MOV, WebM, MKV or MPEG-TS (.ts, .m2ts, .mts) file.` };
    case 'UnsupportedContainerError':
      return { title: 'Unsupported container format', detail: `${raw} Shotscale reads MP4, MOV, WebM, MKV and MPEG-TS (.ts, .m2ts, .mts).` };
    case 'AudioOnlyError':
      return { title: 'The file has no video track', detail: `${raw} It contains only audio, so there are no frames to analyse.` };
    case 'UnsupportedCodecError':
      return { title: 'This browser cannot decode the video codec', detail: `${raw} Convert it to H.264, VP9 or AV1 (e.g. ffmpeg -i in -c:v libx264 out.mp4).` };
    case 'NoDurationError':
      return { title: 'The video has no usable duration', detail: `${raw} The file may be damaged or still being written.` };
    case 'TruncatedFileError':
      return { title: 'The file is truncated or damaged', detail: `${raw} Seconds analysed before the damage are kept.` };
    case 'DecodeError':
      return { title: 'Decoding failed', detail: `${raw} Seconds analysed before the failure are kept.` };
    case 'ModelLoadError':
      return { title: 'The shot-scale model could not be loaded', detail: raw };
    case 'StorageError':
      return { title: 'Results could not be saved in this browser', detail: `${raw} Analysis goes on, but a reload will lose it.` };
    case 'StorageFullError':
      return { title: 'Browser storage is full', detail: `${raw} The analysis goes on in memory and everything saved before is intact; to save the rest, delete saved analyses you no longer need (Delete saved on their cards) or free disk space, then drop the film again.` };
    case 'WorkerCrashedError':
      return { title: 'Part of the analysis stopped working', detail: `${raw} This film could not be finished; seconds analysed before are kept. It was restarted, so other films go on: drop this one again to retry.` };
    case 'CancelledError':
      return { title: 'Analysis cancelled', detail: 'Seconds analysed so far are kept; drop the file again to resume.' };
    default:
      return { title: 'Something went wrong', detail: raw || 'Unknown error.' };
  }
}
