import { describe, expect, it } from 'vitest';
import { resultsToCsv, resultsToJson, type SecondRow } from './export';
import { parseCsv, testFilm } from './exports/testSupport';
import { SCALE_CODES } from './taxonomy';
import type { SecondResult, VideoInfo } from './types';

const results: SecondResult[] = [
  { index: 0, tSec: 0.5, probs: [0.1, 0.6, 0.1, 0.1, 0.05, 0.03, 0.02, 0], label: 'CU', naProb: 0 },
  { index: 1, tSec: 1.5, probs: [0, 0, 0, 0, 0, 0, 0.123456, 0.876544], label: 'NA', naProb: 0.8 },
];

const info: VideoInfo = {
  fingerprint: 'abc123',
  name: 'film.mp4',
  sizeBytes: 123456,
  durationSec: 2,
  startTimestampSec: 3600.04,
  width: 1920,
  height: 1080,
  codec: 'avc1.640028',
  container: 'mp4',
};

describe('resultsToCsv', () => {
  it('writes a header with one probability column per code', () => {
    const [header] = resultsToCsv([]).split('\n');
    expect(header).toBe('t,class,p_ECU,p_CU,p_MCU,p_MS,p_MLS,p_LS,p_ELS,p_NA');
  });

  it('writes one row per second with fixed decimals and a final newline', () => {
    const csv = resultsToCsv(results);
    expect(csv.endsWith('\n')).toBe(true);
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('0.500,CU,0.1000,0.6000,0.1000,0.1000,0.0500,0.0300,0.0200,0.0000');
    expect(lines[2]).toBe('1.500,NA,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.1235,0.8765');
    for (const l of lines) expect(l.split(',')).toHaveLength(2 + SCALE_CODES.length);
  });

  it('is just the header for no results', () => {
    expect(resultsToCsv([])).toBe('t,class,p_ECU,p_CU,p_MCU,p_MS,p_MLS,p_LS,p_ELS,p_NA\n');
  });
});

describe('resultsToJson', () => {
  const model = { id: 'mobilenet-cam', version: '1', backend: 'wasm' };

  it('describes the film, model, rate, classes and seconds', () => {
    const doc = JSON.parse(resultsToJson(info, model, 1, results));
    expect(Object.keys(doc)).toEqual(['film', 'model', 'sampleFps', 'classes', 'seconds']);
    expect(doc.film).toEqual({ name: 'film.mp4', durationSec: 2, startTimestampSec: 3600.04, width: 1920, height: 1080, codec: 'avc1.640028', container: 'mp4', fingerprint: 'abc123' });
    expect(doc.model).toEqual(model);
    expect(doc.sampleFps).toBe(1);
    expect(doc.classes).toEqual([...SCALE_CODES]);
    expect(doc.seconds).toHaveLength(2);
    expect(doc.seconds[0]).toEqual({ t: 0.5, class: 'CU', probs: { ECU: 0.1, CU: 0.6, MCU: 0.1, MS: 0.1, MLS: 0.05, LS: 0.03, ELS: 0.02, NA: 0 } });
  });

  it('rounds probabilities to five decimals, keyed by code', () => {
    const doc = JSON.parse(resultsToJson(info, model, 2, results));
    expect(doc.seconds[1].class).toBe('NA');
    expect(doc.seconds[1].probs.ELS).toBe(0.12346);
    expect(doc.seconds[1].probs.NA).toBe(0.87654);
    expect(doc.sampleFps).toBe(2);
  });

  it('keeps the source timestamp of the first frame (to microseconds) while t counts from it', () => {
    const doc = JSON.parse(resultsToJson({ ...info, startTimestampSec: 133500 / 90000 }, model, 1, results));
    expect(doc.film.startTimestampSec).toBe(1.483333);
    expect(doc.seconds.map((s: { t: number }) => s.t)).toEqual([0.5, 1.5]);
  });

  it('writes null for an unknown film or model', () => {
    const doc = JSON.parse(resultsToJson(undefined, undefined, 1, []));
    expect(doc.film).toBeNull();
    expect(doc.model).toBeNull();
    expect(doc.seconds).toEqual([]);
  });
});

describe('seconds placed in the film', () => {
  const rate = { num: 30000, den: 1001 };
  const { film, shots } = testFilm(rate, true);
  const seconds: SecondRow[] = [
    { index: 0, tSec: 0.5, probs: results[0].probs, label: 'CU', naProb: 0 },
    { index: 1, tSec: 60.05, probs: results[0].probs, label: 'CU', naProb: 0 },
    { index: 2, tSec: 600.5, probs: results[1].probs, label: 'NA', naProb: 0.8, frame: 17990 },
  ];

  it('adds film, timecode, frame and shot number to the CSV', () => {
    const [header, ...rows] = parseCsv(resultsToCsv(seconds, { film, shots }));
    expect(header).toEqual(['film', 't', 'timecode', 'frame', 'shot', 'class', ...SCALE_CODES.map((c) => `p_${c}`)]);
    // 0.5 s at 29.97 is frame 14 (14.985); 60.05 s is frame 1799 (1799.7); frame 17990 is 8 frames past 00:10:00;00.
    expect(rows.map((r) => r.slice(0, 6))).toEqual([
      [film.name, '0.500', '00:00:00;14', '14', '2', 'CU'],
      [film.name, '60.050', '00:00:59;29', '1799', '3', 'CU'],
      [film.name, '600.500', '00:10:00;08', '17990', '7', 'NA'],
    ]);
  });

  it('adds frame, timecode and shot to the JSON seconds', () => {
    const doc = JSON.parse(resultsToJson(info, undefined, 1, seconds, { film, shots }));
    expect(doc.seconds[2]).toMatchObject({ t: 600.5, frame: 17990, timecode: '00:10:00;08', shot: 7, class: 'NA' });
  });

  it('leaves the shot empty outside the shots', () => {
    const [, row] = parseCsv(resultsToCsv([{ ...seconds[0], frame: 25000 }], { film, shots }));
    expect(row[4]).toBe('');
  });
});
