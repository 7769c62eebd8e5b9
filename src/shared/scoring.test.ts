import { describe, expect, it } from 'vitest';
import { CONFUSION_COLUMNS, isCorrect, isWithinOne, summarise, type ScoredExample } from './scoring';
import { ORDERED_SCALES, parseLabel, SCALE_CODES, type ScaleCode } from './taxonomy';

const set = (...codes: ScaleCode[]) => new Set<ScaleCode>(codes);

describe('isCorrect', () => {
  it('is true only for an accepted code', () => {
    expect(isCorrect('MS', parseLabel('MEDIUM'))).toBe(true);
    expect(isCorrect('CU', parseLabel('CU|ECU'))).toBe(true);
    expect(isCorrect('LS', parseLabel('MEDIUM'))).toBe(false);
    expect(isCorrect('NA', set('ECU'))).toBe(false);
  });
});

describe('isWithinOne', () => {
  it('accepts the code itself and its neighbours on ECU<CU<MCU<MS<MLS<LS<ELS', () => {
    for (let i = 0; i < ORDERED_SCALES.length; i++) {
      for (let j = 0; j < ORDERED_SCALES.length; j++) {
        expect(isWithinOne(ORDERED_SCALES[j], set(ORDERED_SCALES[i]))).toBe(Math.abs(i - j) <= 1);
      }
    }
  });

  it('spot checks', () => {
    expect(isWithinOne('CU', set('MCU'))).toBe(true);
    expect(isWithinOne('MS', set('CU'))).toBe(false);
    expect(isWithinOne('ELS', set('LS'))).toBe(true);
    expect(isWithinOne('ECU', set('ELS'))).toBe(false);
  });

  it('measures from any accepted code', () => {
    // MEDIUM = MCU|MS|MLS: CU and LS are one step away, ECU and ELS two.
    const medium = parseLabel('MEDIUM');
    expect(isWithinOne('CU', medium)).toBe(true);
    expect(isWithinOne('LS', medium)).toBe(true);
    expect(isWithinOne('ECU', medium)).toBe(false);
    expect(isWithinOne('ELS', medium)).toBe(false);
  });

  it('lets NA match only NA', () => {
    expect(isWithinOne('NA', set('NA'))).toBe(true);
    for (const c of ORDERED_SCALES) {
      expect(isWithinOne('NA', set(c))).toBe(false);
      expect(isWithinOne(c, set('NA'))).toBe(false);
    }
    // NA among alternatives still only matches NA or the neighbours of the other codes.
    expect(isWithinOne('NA', set('ELS', 'NA'))).toBe(true);
    expect(isWithinOne('ECU', set('ELS', 'NA'))).toBe(false);
  });
});

describe('summarise', () => {
  const ex = (label: string, pred: ScaleCode): ScoredExample => ({ label, pred, accepted: parseLabel(label) });
  const examples = [
    ex('CU', 'CU'), // correct
    ex('CU', 'MCU'), // wrong, within one
    ex('CU', 'ELS'), // wrong
    ex('MEDIUM', 'MS'), // correct
    ex('MEDIUM', 'LS'), // wrong, within one (MLS-LS)
    ex('NA', 'NA'), // correct
    ex('NA', 'ECU'), // wrong
  ];

  it('computes accuracy and within-one', () => {
    const s = summarise(examples);
    expect(s.n).toBe(7);
    expect(s.accuracy).toBeCloseTo(3 / 7, 12);
    expect(s.withinOne).toBeCloseTo(5 / 7, 12);
  });

  it('computes per-class scores over the label rows and their macro F1', () => {
    const s = summarise(examples);
    expect(Object.keys(s.perClass).sort()).toEqual(['CU', 'MEDIUM', 'NA']);
    // CU: 3 labelled, 1 predicted CU (correct) -> P 1, R 1/3, F1 0.5
    expect(s.perClass.CU).toEqual({ support: 3, predicted: 1, precision: 1, recall: 1 / 3, f1: 0.5 });
    // MEDIUM: predictions in {MCU,MS,MLS} are the MCU of a CU shot and the MS -> P 1/2, R 1/2
    expect(s.perClass.MEDIUM.support).toBe(2);
    expect(s.perClass.MEDIUM.predicted).toBe(2);
    expect(s.perClass.MEDIUM.precision).toBeCloseTo(0.5, 12);
    expect(s.perClass.MEDIUM.recall).toBeCloseTo(0.5, 12);
    expect(s.perClass.MEDIUM.f1).toBeCloseTo(0.5, 12);
    // NA: P 1, R 1/2 -> F1 2/3
    expect(s.perClass.NA.f1).toBeCloseTo(2 / 3, 12);
    expect(s.macroF1).toBeCloseTo((0.5 + 0.5 + 2 / 3) / 3, 12);
  });

  it('builds the confusion matrix with label rows and predicted-code columns', () => {
    expect(summarise(examples).confusion).toEqual({
      CU: { CU: 1, MCU: 1, ELS: 1 },
      MEDIUM: { MS: 1, LS: 1 },
      NA: { NA: 1, ECU: 1 },
    });
  });

  it('gives F1 0 to a class never predicted right', () => {
    const s = summarise([ex('LS', 'ELS'), ex('ELS', 'ELS')]);
    expect(s.perClass.LS).toEqual({ support: 1, predicted: 0, precision: 0, recall: 0, f1: 0 });
    // ELS: predicted twice, once right -> P 1/2, R 1 -> F1 2/3
    expect(s.perClass.ELS.precision).toBeCloseTo(0.5, 12);
    expect(s.perClass.ELS.f1).toBeCloseTo(2 / 3, 12);
    expect(s.macroF1).toBeCloseTo(1 / 3, 12);
    expect(s.accuracy).toBe(0.5);
    expect(s.withinOne).toBe(1);
  });

  it('is all zeros for no examples', () => {
    expect(summarise([])).toEqual({ n: 0, accuracy: 0, withinOne: 0, macroF1: 0, perClass: {}, confusion: {} });
  });

  it('is perfect when every prediction is accepted', () => {
    const s = summarise([ex('ECU', 'ECU'), ex('MEDIUM', 'MLS'), ex('WS', 'ELS'), ex('NA', 'NA')]);
    expect(s.accuracy).toBe(1);
    expect(s.withinOne).toBe(1);
    expect(s.macroF1).toBe(1);
  });

  it('lists the confusion columns in code order', () => {
    expect(CONFUSION_COLUMNS).toEqual(SCALE_CODES);
  });
});
