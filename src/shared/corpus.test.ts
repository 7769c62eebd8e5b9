import { describe, expect, it } from 'vitest';
import { corpusRows, corpusValue, decadeOf, groupCorpusRows, groupFigures, groupingColumns, sortCorpusRows, type CorpusRow } from './corpus';
import type { ProjectFilm } from './project';
import type { Shot } from './shotTypes';
import type { ScaleCode } from './taxonomy';

/** Shots of the given lengths (seconds) and scales, back to back from 0; 'X' is an unreadable stretch. */
function shotsOf(lengthsSec: number[], scales: (ScaleCode | 'X')[], corrected: number[] = []): Shot[] {
  let t = 0;
  return lengthsSec.map((len, index) => {
    const startSec = t;
    t += len;
    const unreadable = scales[index] === 'X';
    return {
      index,
      startFrame: Math.round(startSec * 24),
      endFrame: Math.round(t * 24) - 1,
      startSec,
      endSec: t,
      transition: { kind: unreadable ? 'unreadable' : index ? 'cut' : 'start', startFrame: 0, endFrame: 0, shotStartFrame: 0, score: 1 },
      probs: [],
      scale: unreadable ? 'NA' : (scales[index] as ScaleCode),
      confidence: 1,
      sampleIndices: [],
      changesScale: false,
      corrected: corrected.includes(index),
      ...(unreadable ? { unreadable: true } : {}),
    };
  });
}

function film(name: string, metadata: Record<string, string>, shots: Shot[] | undefined, durationSec = 60): ProjectFilm {
  return {
    analysis: {
      key: `${name}|m@1|1fps`,
      info: { fingerprint: name, name: `${name}.mp4`, sizeBytes: 1000, durationSec, startTimestampSec: 0, width: 320, height: 180, codec: 'avc1', container: 'mp4' },
      fps: 1,
      total: durationSec,
      modelId: 'm@1',
      complete: true,
      updatedAt: 1,
    },
    seconds: [],
    metadata,
    ...(shots ? { shots } : {}),
  };
}

// A: 2, 4, 6 s (CU, CU, LS), the second corrected: ASL 4, median 4, SD 2, CV 0.5.
// B: 1, 3 s (MS, LS): ASL 2, median 2, SD √2.
// C: 10 s ELS and a 5 s unreadable stretch: ASL 10, SD 0.
// D: no shots. E: 3, 3 s CU, no director, a year written "c. 1959".
const FILMS = [
  film('A', { title: 'Le Mépris', year: '1963', director: 'Godard' }, shotsOf([2, 4, 6], ['CU', 'CU', 'LS'], [1])),
  film('B', { title: 'Vivre sa vie', year: '1962', director: 'Godard' }, shotsOf([1, 3], ['MS', 'LS'])),
  film('C', { title: 'Cléo de 5 à 7', year: '1962', director: 'Varda' }, shotsOf([10, 5], ['ELS', 'X'])),
  film('D', { title: 'Le Bonheur', year: '1965', director: 'Varda' }, undefined, 3600),
  film('E', { title: 'Untitled', year: 'c. 1959', director: '' }, shotsOf([3, 3], ['CU', 'CU'])),
];
const rows = corpusRows({ films: FILMS });
const names = (rs: readonly CorpusRow[]) => rs.map((r) => r.name.replace('.mp4', '')).join('');

describe('corpus rows', () => {
  it('gives each film its metadata and figures from its shots', () => {
    const [a, b, c] = rows;
    expect(a).toMatchObject({ key: 'A|m@1|1fps', name: 'A.mp4', metadata: { director: 'Godard' }, durationSec: 12, shotCount: 3, aslSec: 4, medianSec: 4, cv: 0.5, correctedCount: 1, modelId: 'm@1', fps: 1, unreadableSec: 0 });
    expect(a.shotShares!.CU).toBeCloseTo(2 / 3, 12);
    expect(a.screenShares).toMatchObject({ CU: 0.5, LS: 0.5, MS: 0, NA: 0 });
    expect(b.cv).toBeCloseTo(Math.SQRT2 / 2, 12);
    expect(b.screenShares).toMatchObject({ MS: 0.25, LS: 0.75 });
    expect(c).toMatchObject({ durationSec: 10, shotCount: 1, aslSec: 10, medianSec: 10, cv: 0, unreadableSec: 5 });
    expect(c.screenShares!.ELS).toBe(1);
  });

  it('a film without shots keeps its file duration and has no shot figures', () => {
    expect(rows[3]).toMatchObject({ durationSec: 3600, shotCount: 0, aslSec: null, medianSec: null, cv: null, shotShares: null, screenShares: null, correctedCount: 0 });
    expect(corpusValue(rows[3], 'screen:CU')).toBeNull();
  });

  it('reads a value by column; blank metadata is no value; an unknown column is an error', () => {
    expect(corpusValue(rows[0], 'meta:title')).toBe('Le Mépris');
    expect(corpusValue(rows[0], 'shots:LS')).toBeCloseTo(1 / 3, 12);
    expect(corpusValue(rows[4], 'meta:director')).toBeNull();
    expect(corpusValue(rows[4], 'meta:genre')).toBeNull();
    expect(corpusValue(rows[4], 'meta:decade')).toBe('1950s');
    expect(() => corpusValue(rows[0], 'colour')).toThrow(RangeError);
  });
});

describe('sorting', () => {
  it('sorts by a figure both ways, films without one last either way', () => {
    expect(names(sortCorpusRows(rows, 'aslSec', 'ascending'))).toBe('BEACD');
    expect(names(sortCorpusRows(rows, 'aslSec', 'descending'))).toBe('CAEBD');
  });

  it('sorts text naturally, keeps ties in their order (stable) and puts missing text last', () => {
    expect(names(sortCorpusRows(rows, 'meta:year', 'ascending'))).toBe('BCADE');
    expect(names(sortCorpusRows(rows, 'meta:year', 'descending'))).toBe('EDABC');
    expect(names(sortCorpusRows(rows, 'meta:director', 'ascending'))).toBe('ABCDE');
    expect(names(sortCorpusRows(rows, 'meta:director', 'descending'))).toBe('CDABE');
    const titled = ['Film 10', 'film 9', 'Film 100'].map((title, i) => ({ ...rows[0], name: `${i}`, metadata: { title } }));
    expect(names(sortCorpusRows(titled, 'meta:title', 'ascending'))).toBe('102');
  });
});

describe('grouping', () => {
  it('knows the decade of a year and offers it when there is a year column', () => {
    expect(['1959', '2001', 'c. 1959', '1959-03-04', '19590', 'unknown', undefined].map(decadeOf)).toEqual(['1950s', '2000s', '1950s', '1950s', undefined, undefined, undefined]);
    expect(groupingColumns(['title', 'year', 'director'])).toEqual(['title', 'year', 'director', 'decade']);
    expect(groupingColumns(['title'])).toEqual(['title']);
    expect(groupingColumns(['year', 'decade'])).toEqual(['year', 'decade']);
  });

  it('groups by director: n, and the mean and sample SD of ASL, median and each share over the films with shots', () => {
    const groups = groupCorpusRows(rows, 'director');
    expect(groups.map((g) => [g.value, g.n, g.nWithShots])).toEqual([
      ['Godard', 2, 2],
      ['Varda', 2, 1],
      [null, 1, 1],
    ]);
    const [godard, varda] = groups;
    // ASL 4 and 2: mean 3, SD √((1 + 1) / 1) = √2; the same for the medians.
    expect(godard.asl!.mean).toBe(3);
    expect(godard.asl!.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(godard.median!.mean).toBe(3);
    // LS screen time 0.5 and 0.75: mean 0.625, SD 0.125·√2; CU 0.5 and 0: mean 0.25, SD 0.25·√2.
    expect(godard.screenShares!.LS.mean).toBeCloseTo(0.625, 12);
    expect(godard.screenShares!.LS.sd).toBeCloseTo(0.125 * Math.SQRT2, 12);
    expect(godard.screenShares!.CU.sd).toBeCloseTo(0.25 * Math.SQRT2, 12);
    // CU by shots: 2/3 and 0.
    expect(godard.shotShares!.CU.mean).toBeCloseTo(1 / 3, 12);
    // One film with shots: its figures, no spread.
    expect(varda.asl).toEqual({ mean: 10, sd: null });
    expect(varda.screenShares!.ELS).toEqual({ mean: 1, sd: null });
  });

  it('groups by decade, derived from the year', () => {
    const groups = groupCorpusRows(rows, 'decade');
    expect(groups.map((g) => [g.value, g.n, g.nWithShots])).toEqual([
      ['1950s', 1, 1],
      ['1960s', 4, 3],
    ]);
    // ASL 4, 2 and 10: mean 16/3; squared deviations sum to 104/3, over 2.
    expect(groups[1].asl!.mean).toBeCloseTo(16 / 3, 12);
    expect(groups[1].asl!.sd).toBeCloseTo(Math.sqrt(52 / 3), 12);
    expect(groups[1].screenShares!.ELS.mean).toBeCloseTo(1 / 3, 12);
  });

  it('a group of films none of which has shots has no figures; the whole corpus is a group too', () => {
    expect(groupFigures([rows[3]], 'Varda')).toEqual({ value: 'Varda', n: 1, nWithShots: 0, asl: null, median: null, cv: null, screenShares: null, shotShares: null });
    const all = groupFigures(rows, null);
    expect([all.n, all.nWithShots, all.asl!.mean]).toEqual([5, 4, (4 + 2 + 10 + 3) / 4]);
  });
});
