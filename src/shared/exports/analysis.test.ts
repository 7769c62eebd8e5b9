import { describe, expect, it } from 'vitest';
import { filmStats } from '../stats';
import type { VideoInfo } from '../types';
import { allAnalysesExportFiles, analysisExportInput, exportFilmOf, secondsExportFiles } from './analysis';
import { filmExportFiles } from './index';
import { testFilm } from './testSupport';

const info: VideoInfo = { fingerprint: 'f00d', name: 'reel 1.mov', sizeBytes: 1, durationSec: 800.8, firstTimestampSec: 0.5, width: 1920, height: 800, codec: 'avc1', container: 'mov' };
const rate = { num: 24000, den: 1001 };
const { shots } = testFilm(rate, false);
const seconds = [{ index: 0, tSec: 0.5, frame: 12, probs: [0, 1, 0, 0, 0, 0, 0, 0], label: 'CU' as const, naProb: 0 }];

describe('exportFilmOf', () => {
  it('carries the probe, rate and frame count', () => {
    expect(exportFilmOf(info, rate, 19200)).toEqual({ name: 'reel 1.mov', durationSec: 800.8, frameRate: rate, frameCount: 19200, width: 1920, height: 800, codec: 'avc1', container: 'mov', fingerprint: 'f00d' });
  });
});

describe('analysisExportInput', () => {
  it('is null until the film has shots, a rate and frames', () => {
    const film = { name: 'reel 1.mov', info, fps: 1, results: seconds, shots, frameRate: rate, frameCount: 20000 };
    expect(analysisExportInput({ ...film, info: undefined })).toBeNull();
    expect(analysisExportInput({ ...film, shots: [] })).toBeNull();
    expect(analysisExportInput({ ...film, frameRate: undefined })).toBeNull();
    expect(analysisExportInput({ ...film, frameCount: 0 })).toBeNull();
    expect(analysisExportInput(film)).not.toBeNull();
  });

  it('feeds filmExportFiles: the JSON lists the shots and the SRT starts at the first frame’s timestamp', () => {
    const model = { id: 'm', version: '1', backend: 'wasm' };
    const input = analysisExportInput({ name: 'reel 1.mov', info, fps: 1, results: seconds, shots, frameRate: rate, frameCount: 20000 }, model, filmStats(shots))!;
    const [json, srt] = filmExportFiles(input, ['shots.json', 'srt']);
    expect(json.fileName).toBe('reel 1.shots.json');
    const doc = JSON.parse(json.text);
    expect(doc.shots).toHaveLength(shots.length);
    expect(doc.model).toEqual(model);
    expect(doc.film.frameCount).toBe(20000);
    expect(srt.text.split('\n')[1]).toMatch(/^00:00:00,500 --> /);
  });
});

describe('secondsExportFiles', () => {
  it('writes the per-second CSV and JSON as before shots existed', () => {
    const [csv, json] = secondsExportFiles({ name: 'reel 1.mov', info, fps: 2, results: seconds });
    expect(csv.fileName).toBe('reel 1.shotscale.csv');
    expect(csv.text.split('\n')[0]).toBe('t,class,p_ECU,p_CU,p_MCU,p_MS,p_MLS,p_LS,p_ELS,p_NA');
    expect(json.fileName).toBe('reel 1.shotscale.json');
    expect(JSON.parse(json.text)).toMatchObject({ sampleFps: 2, seconds: [{ t: 0.5, class: 'CU' }] });
  });
});

describe('allAnalysesExportFiles', () => {
  it('gives films with shots every format and the others their seconds, skipping films with no results, names unique', () => {
    const withShots = { name: 'reel.mov', info: { ...info, name: 'reel.mov' }, fps: 1, results: seconds, shots, frameRate: rate, frameCount: 20000 };
    const secondsOnly = { name: 'reel.mp4', info, fps: 1, results: seconds };
    const names = allAnalysesExportFiles([secondsOnly, withShots, { ...secondsOnly, name: 'REEL.webm' }, { ...secondsOnly, name: 'empty.mp4', results: [] }]).map((f) => f.fileName);
    expect(names).toEqual([
      'reel.seconds.csv',
      'reel.shots.csv',
      'reel.shots.json',
      'reel.edl',
      'reel.fcpxml',
      'reel.otio',
      'reel.srt',
      'reel.chapters.txt',
      'reel.shotscale.csv',
      'reel.shotscale.json',
      'REEL (2).shotscale.csv',
      'REEL (2).shotscale.json',
    ]);
  });
});
