import { describe, expect, it } from 'vitest';
import { AnalysisError, analysisError, analysisErrorName, describeError, type AnalysisErrorName } from './errors';

/** Every name, checked for completeness by the compiler (a missing or unknown key fails typecheck). */
const ALL: Record<AnalysisErrorName, true> = {
  EmptyFileError: true,
  NotAVideoError: true,
  UnsupportedContainerError: true,
  AudioOnlyError: true,
  UnsupportedCodecError: true,
  NoDurationError: true,
  TruncatedFileError: true,
  DecodeError: true,
  ModelLoadError: true,
  StorageError: true,
  StorageFullError: true,
  WorkerCrashedError: true,
  CancelledError: true,
};
const NAMES = Object.keys(ALL) as AnalysisErrorName[];
const GENERIC = describeError(new Error('x')).title;

/** What comlink does with a thrown Error: only {name, message} cross, rebuilt on the other side. */
function comlinkRoundTrip(err: Error): Error {
  const wire = structuredClone({ name: err.name, message: err.message, stack: err.stack });
  return Object.assign(new Error(wire.message), wire);
}

describe('analysisError', () => {
  it('builds an Error with the given name and message', () => {
    const e = analysisError('DecodeError', 'bad frame');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e.name).toBe('DecodeError');
    expect(e.message).toBe('bad frame');
  });
});

describe('analysisErrorName', () => {
  it('recognises every known name', () => {
    for (const name of NAMES) expect(analysisErrorName(analysisError(name, ''))).toBe(name);
  });

  it('is undefined for other errors and values', () => {
    expect(analysisErrorName(new Error('x'))).toBeUndefined();
    expect(analysisErrorName(new TypeError('x'))).toBeUndefined();
    expect(analysisErrorName({ name: 'Nope' })).toBeUndefined();
    expect(analysisErrorName({ name: 42 })).toBeUndefined();
    expect(analysisErrorName(null)).toBeUndefined();
    expect(analysisErrorName(undefined)).toBeUndefined();
    expect(analysisErrorName('DecodeError')).toBeUndefined();
  });
});

describe('describeError', () => {
  it('gives every known error its own title, different from the generic one', () => {
    const titles = NAMES.map((n) => describeError(analysisError(n, 'detail')).title);
    expect(new Set(titles).size).toBe(NAMES.length);
    for (const t of titles) {
      expect(t).not.toBe(GENERIC);
      expect(t.length).toBeGreaterThan(5);
    }
  });

  it('keeps the technical detail in the message where it helps', () => {
    for (const name of NAMES.filter((n) => n !== 'EmptyFileError' && n !== 'CancelledError')) {
      expect(describeError(analysisError(name, 'codec hvc1 unsupported')).detail).toContain('codec hvc1 unsupported');
    }
    expect(describeError(analysisError('UnsupportedCodecError', 'hvc1')).detail).toMatch(/H\.264/);
    expect(describeError(analysisError('UnsupportedContainerError', 'AVI')).detail).toMatch(/MP4, MOV, WebM, MKV and MPEG-TS/);
    expect(describeError(analysisError('EmptyFileError', '')).title).toMatch(/empty/i);
    expect(describeError(analysisError('CancelledError', '')).title).toMatch(/cancel/i);
  });

  it('maps unknown errors to a generic message with their text', () => {
    expect(describeError(new Error('boom'))).toEqual({ title: GENERIC, detail: 'boom' });
    expect(describeError(new RangeError('out of range')).detail).toBe('out of range');
    expect(describeError('plain string').detail).toBe('plain string');
    expect(describeError(new Error('')).detail).toBe('Unknown error.');
    expect(describeError({ name: 'SomethingElse', message: 'odd' }).title).toBe(GENERIC);
  });

  it('maps an error that crossed a worker boundary as {name, message}', () => {
    const original = analysisError('UnsupportedCodecError', 'hev1.1.6.L93 is not supported.');
    const received = comlinkRoundTrip(original);
    expect(received).not.toBeInstanceOf(AnalysisError);
    expect(describeError(received)).toEqual(describeError(original));
  });

  it('maps a plain {name, message} object (no Error prototype) with its message', () => {
    const plain = structuredClone({ name: 'TruncatedFileError', message: 'No frame at 12.0 s.' });
    const m = describeError(plain);
    expect(m.title).toBe(describeError(analysisError('TruncatedFileError', '')).title);
    expect(m.detail).toContain('No frame at 12.0 s.');
    expect(m.detail).not.toContain('[object Object]');
  });
});
