import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/exports/testSupport';
import { buildShots } from '../shared/shots';
import type { Transition } from '../shared/shotTypes';
import { SCALE_CODES, type ScaleCode } from '../shared/taxonomy';
import type { ModelInfo, SecondResult, VideoInfo } from '../shared/types';
import type { Film } from '../store/store';
import { filmExportInput } from './filmExport';
import { allFilmFiles, filmFile, filmFiles, hasShotFiles, outputBases } from './filmFiles';

const rate = { num: 24, den: 1 };
const model = { card: { id: 'shotscale-mnv1', version: '3' }, backend: 'wasm' } as ModelInfo;

function second(index: number, code: ScaleCode): SecondResult {
  const tSec = index + 0.5;
  return { index, tSec, frame: tSec * 24, probs: SCALE_CODES.map((c) => (c === code ? 0.9 : 0.1 / 7)), label: code, naProb: 0 };
}

/** A 9 s film at 24 fps cut at frames 72 and 132 (edit-3-shots.mp4's edit), analysed with or without its shots. */
function film(name: string, withShots = true): Film {
  const info: VideoInfo = { fingerprint: name, name, sizeBytes: 1000, durationSec: 9, startTimestampSec: 0, width: 640, height: 360, codec: 'avc1', container: 'mp4' };
  const results = (['CU', 'CU', 'CU', 'MS', 'MS', 'LS', 'LS', 'LS', 'LS'] as ScaleCode[]).map((c, i) => second(i, c));
  const base: Film = { id: name, name, info, fps: 1, status: 'done', results, progress: { done: 9, total: 9, fps: 0, etaSec: null } };
  if (!withShots) return base;
  const cut = (f: number): Transition => ({ kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f, score: 0.9 });
  const shots = buildShots({ transitions: [cut(72), cut(132)], frameCount: 216, timing: rate, samples: results.map((r) => ({ index: r.index, frame: r.frame!, tSec: r.tSec, probs: r.probs })) });
  return { ...base, shots, frameRate: rate, frameCount: 216 };
}

describe('filmFiles', () => {
  it('writes what npm run analyze writes for a film with shots', () => {
    const files = filmFiles(film('edit.mp4'), model);
    expect(files.map((f) => f.fileName)).toEqual(['csv', 'json', 'shots.csv', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt'].map((k) => `edit.shotscale.${k}`));
    const doc = JSON.parse(files[1].text);
    expect(doc.shots.map((s: { startFrame: number; scale: string }) => [s.startFrame, s.scale])).toEqual([
      [0, 'CU'],
      [72, 'MS'],
      [132, 'LS'],
    ]);
    expect(doc.stats.shotCount).toBe(3);
    expect(doc.seconds).toHaveLength(9);
    expect(doc.model).toEqual({ id: 'shotscale-mnv1', version: '3', backend: 'wasm' });
    const [header, row] = parseCsv(files[0].text);
    expect(header.slice(0, 6)).toEqual(['film', 't', 'timecode', 'frame', 'shot', 'class']);
    expect(row.slice(1, 6)).toEqual(['0.500', '00:00:00:12', '12', '1', 'CU']);
  });

  it('writes the seconds CSV and JSON alone before a film has shots', () => {
    const files = filmFiles(film('old.mp4', false), null);
    expect(files.map((f) => f.fileName)).toEqual(['old.shotscale.csv', 'old.shotscale.json']);
    expect(files[0].text.split('\n')[0]).toBe('t,class,p_ECU,p_CU,p_MCU,p_MS,p_MLS,p_LS,p_ELS,p_NA');
    expect(JSON.parse(files[1].text).shots).toBeNull();
    expect(filmFile(film('old.mp4', false), null, 'edl')).toBeNull();
  });
});

describe('hasShotFiles', () => {
  it('agrees with filmExportInput on what a film needs for the shot formats', () => {
    const full = film('edit.mp4');
    const variants: Film[] = [full, film('old.mp4', false), { ...full, info: undefined }, { ...full, frameRate: undefined }, { ...full, frameCount: undefined }, { ...full, shots: [] }];
    for (const f of variants) expect(hasShotFiles(f)).toBe(filmExportInput(f, null) !== null && (f.shots?.length ?? 0) > 0);
    expect(variants.map(hasShotFiles)).toEqual([true, false, false, false, false, false]);
  });
});

describe('outputBases', () => {
  it('uses the stem, the whole name where stems collide, and numbers where whole names collide', () => {
    expect(outputBases(['a.mp4', 'film.mp4', 'film.mkv', 'film.mp4', 'b:c.mov'])).toEqual(['a.shotscale', 'film.mp4.shotscale', 'film.mkv.shotscale', 'film.mp4-2.shotscale', 'b_c.shotscale']);
  });
});

describe('allFilmFiles', () => {
  it('exports every film with results, names kept apart', () => {
    const empty = { ...film('none.mp4', false), results: [] };
    const names = allFilmFiles([film('reel.mp4'), film('reel.mov', false), empty], model).map((f) => f.fileName);
    expect(names).toEqual([...['csv', 'json', 'shots.csv', 'edl', 'fcpxml', 'otio', 'srt', 'chapters.txt'].map((k) => `reel.mp4.shotscale.${k}`), 'reel.mov.shotscale.csv', 'reel.mov.shotscale.json']);
  });
});
