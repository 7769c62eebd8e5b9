import { buildShots, type ShotSample } from '../shots';
import type { FrameRate, Shot, Transition } from '../shotTypes';
import { SCALE_CODES, type ScaleCode } from '../taxonomy';
import type { ExportFilm } from './film';

/** Test support for the export tests: one cut of 20,000 frames at each rate the exports must get right, and a CSV reader. */

/** The rates tested, with their timecode style. */
export const TEST_RATES: { label: string; rate: FrameRate; dropFrame: boolean }[] = [
  { label: '23.976', rate: { num: 24000, den: 1001 }, dropFrame: false },
  { label: '24', rate: { num: 24, den: 1 }, dropFrame: false },
  { label: '25', rate: { num: 25, den: 1 }, dropFrame: false },
  { label: '29.97 DF', rate: { num: 30000, den: 1001 }, dropFrame: true },
  { label: '30', rate: { num: 30, den: 1 }, dropFrame: false },
];

/** Frames in the test film. */
export const TEST_FRAME_COUNT = 20000;

/** First frame of each shot: one-frame shots at both ends, cuts either side of 29.97 DF's first dropped labels, a dissolve, the ten-minute mark. */
export const TEST_SHOT_STARTS = [0, 1, 1799, 1800, 5000, 10000, 17982, 19999];

const SCALES: ScaleCode[] = ['ECU', 'CU', 'MS', 'MS', 'MLS', 'LS', 'ELS', 'NA'];

function onehot(code: ScaleCode, p: number): number[] {
  return SCALE_CODES.map((c) => (c === code ? p : (1 - p) / (SCALE_CODES.length - 1)));
}

/** A film name that needs escaping in CSV, XML and EDL comments. */
export const TEST_FILM_NAME = 'Le "film" d\'été, <1> & |2|.mp4';

/** The test film at a rate, and its shots (shot 3 corrected to MCU, shot 5 a zoom, the last NA). */
export function testFilm(rate: FrameRate, dropFrame: boolean): { film: ExportFilm; shots: Shot[] } {
  const transitions: Transition[] = TEST_SHOT_STARTS.map((f) =>
    f === 0
      ? { kind: 'start', startFrame: 0, endFrame: 0, shotStartFrame: 0, score: 1 }
      : f === 10000
        ? { kind: 'dissolve', startFrame: 9990, endFrame: 10009, shotStartFrame: 10000, score: 0.7 }
        : { kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f, score: 0.95 },
  );
  const samples: ShotSample[] = [];
  const add = (frame: number, code: ScaleCode, p: number) => samples.push({ index: samples.length, frame, tSec: (frame * rate.den) / rate.num, probs: onehot(code, p) });
  TEST_SHOT_STARTS.forEach((start, i) => {
    const end = (TEST_SHOT_STARTS[i + 1] ?? TEST_FRAME_COUNT) - 1;
    if (i === 4) for (const [k, code] of (['MS', 'MLS', 'MLS', 'MLS', 'LS'] as ScaleCode[]).entries()) add(start + 500 + k * 1000, code, 0.6);
    else add(Math.floor((start + end) / 2), SCALES[i], 0.55 + i * 0.05);
  });
  const durationSec = (TEST_FRAME_COUNT * rate.den) / rate.num;
  const film: ExportFilm = { name: TEST_FILM_NAME, durationSec, frameRate: rate, frameCount: TEST_FRAME_COUNT, width: 1920, height: 800, dropFrame };
  const shots = buildShots({ transitions, frameCount: TEST_FRAME_COUNT, timing: rate, samples, corrections: { 1800: 'MCU' } });
  return { film, shots };
}

/** Reads RFC 4180 CSV (quoted fields, doubled quotes, LF line ends). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
