import { describe, expect, it } from 'vitest';
import { compareFilms, filmStats } from '../stats';
import { allFilmsExportFiles, comparisonCsv, EXPORT_FORMATS, filmExportFiles, fileStem } from './index';
import { parseCsv, testFilm } from './testSupport';

const a = testFilm({ num: 24, den: 1 }, false);
const b = testFilm({ num: 25, den: 1 }, false);
const seconds = [{ index: 0, tSec: 0.5, probs: [0, 1, 0, 0, 0, 0, 0, 0], label: 'CU' as const, naProb: 0 }];

describe('export files', () => {
  it('writes every format of a film, named after it', () => {
    const files = filmExportFiles({ ...a, seconds });
    expect(files.map((f) => f.fileName)).toEqual(EXPORT_FORMATS.map((f) => `Le _film_ d'été, _1_ & _2_.${f}`));
    const byName = Object.fromEntries(files.map((f) => [f.fileName.slice(f.fileName.indexOf('.') + 1), f]));
    expect(byName['shots.json'].mimeType).toBe('application/json');
    expect(JSON.parse(byName['shots.json'].text).shots).toHaveLength(a.shots.length);
    expect(JSON.parse(byName.otio.text).OTIO_SCHEMA).toBe('Timeline.1');
    expect(byName.fcpxml.text.startsWith('<?xml')).toBe(true);
    expect(byName.edl.text.startsWith('TITLE: ')).toBe(true);
    expect(parseCsv(byName['seconds.csv'].text)[1].slice(2, 5)).toEqual(['00:00:00:12', '12', '2']);
  });

  it('passes options through and writes only the formats asked for', () => {
    const files = filmExportFiles({ ...a, seconds, edl: { mode: 'cuts' }, fcpxml: { version: '1.11' } }, ['edl', 'fcpxml']);
    expect(files).toHaveLength(2);
    expect(files[0].text).toContain('* FROM CLIP NAME:');
    expect(files[1].text).toContain('<fcpxml version="1.11">');
  });

  it('keeps file names apart when exporting several films', () => {
    const other = { ...b, film: { ...b.film, name: 'le _FILM_ d\'été, _1_ & _2_.mov' } };
    const names = allFilmsExportFiles([{ ...a, seconds }, { ...b, seconds }, { ...other, seconds }], ['srt']).map((f) => f.fileName);
    expect(names).toEqual(["Le _film_ d'été, _1_ & _2_.srt", "Le _film_ d'été, _1_ & _2_ (2).srt", "le _FILM_ d'été, _1_ & _2_ (3).srt"]);
  });

  it('makes file stems safe', () => {
    expect(fileStem('a/b:c?.mp4')).toBe('a_b_c_');
    expect(fileStem('.mp4')).toBe('.mp4');
    expect(fileStem('  ')).toBe('film');
  });

  it('writes the comparison table as CSV, one column per film', () => {
    const cmp = compareFilms([
      { name: 'A, 24', stats: filmStats(a.shots) },
      { name: 'B', stats: filmStats(b.shots) },
    ]);
    const [header, ...rows] = parseCsv(comparisonCsv(cmp));
    expect(header).toEqual(['key', 'figure', 'unit', 'A, 24', 'B']);
    const shots = rows.find((r) => r[0] === 'shotCount')!;
    expect(shots.slice(3).map(Number)).toEqual([8, 8]);
    const asl = rows.find((r) => r[0] === 'aslSec')!;
    expect(Number(asl[3])).toBeCloseTo(20000 / 24 / 8, 5);
    expect(Number(asl[4])).toBeCloseTo(20000 / 25 / 8, 5);
  });
});
