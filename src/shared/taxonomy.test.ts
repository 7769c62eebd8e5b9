import { describe, expect, it } from 'vitest';
import {
  argmax,
  COARSE_GROUPS,
  expandToken,
  isCoarseModel,
  isScaleCode,
  N_CODES,
  NA_INDEX,
  ORDERED_SCALES,
  parseLabel,
  representativeCode,
  SCALE_CODES,
  SCALE_COLORS,
  SCALE_DEFINITIONS,
  SCALE_NAMES,
  toScaleProbs,
  topK,
} from './taxonomy';

const sorted = (s: Set<string>) => [...s].sort();

describe('codes', () => {
  it('has eight codes, NA last and outside the order', () => {
    expect(N_CODES).toBe(8);
    expect(SCALE_CODES[NA_INDEX]).toBe('NA');
    expect(ORDERED_SCALES).toEqual(['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS']);
    expect(ORDERED_SCALES).not.toContain('NA');
  });

  it('names and colours every code, colours distinct', () => {
    for (const c of SCALE_CODES) {
      expect(SCALE_NAMES[c]).toBeTruthy();
      expect(SCALE_DEFINITIONS[c]).toBeTruthy();
      expect(SCALE_COLORS[c]).toMatch(/^#[0-9a-f]{6}$/i);
    }
    expect(new Set(Object.values(SCALE_COLORS)).size).toBe(N_CODES);
  });

  it('isScaleCode accepts codes only (case-sensitive)', () => {
    expect(isScaleCode('MCU')).toBe(true);
    expect(isScaleCode('NA')).toBe(true);
    expect(isScaleCode('mcu')).toBe(false);
    expect(isScaleCode('MEDIUM')).toBe(false);
  });
});

describe('parseLabel', () => {
  it('parses a single code', () => {
    expect(sorted(parseLabel('CU'))).toEqual(['CU']);
    expect(sorted(parseLabel('NA'))).toEqual(['NA']);
  });

  it('expands the coarse aliases', () => {
    expect(sorted(parseLabel('MEDIUM'))).toEqual(['MCU', 'MLS', 'MS']);
    expect(sorted(parseLabel('WS'))).toEqual(['ELS', 'LS']);
    expect(COARSE_GROUPS.MEDIUM.members).toEqual(['MCU', 'MS', 'MLS']);
  });

  it('accepts alternatives separated by |', () => {
    expect(sorted(parseLabel('CU|ECU'))).toEqual(['CU', 'ECU']);
    expect(sorted(parseLabel('MEDIUM|WS'))).toEqual(['ELS', 'LS', 'MCU', 'MLS', 'MS']);
    expect(sorted(parseLabel('MS|MEDIUM'))).toEqual(['MCU', 'MLS', 'MS']);
  });

  it('ignores case, surrounding spaces and empty alternatives', () => {
    expect(sorted(parseLabel(' cu | ecu '))).toEqual(['CU', 'ECU']);
    expect(sorted(parseLabel('medium'))).toEqual(['MCU', 'MLS', 'MS']);
    expect(sorted(parseLabel('ws|'))).toEqual(['ELS', 'LS']);
  });

  it('throws on unknown or empty labels', () => {
    expect(() => parseLabel('XCU')).toThrow(/Unknown shot-scale label "XCU"/);
    expect(() => parseLabel('CU|close')).toThrow(/Unknown/);
    expect(() => parseLabel('')).toThrow(/Empty/);
    expect(() => parseLabel(' | ')).toThrow(/Empty/);
  });

  it('expandToken returns a copy of the group members', () => {
    const m = expandToken('MEDIUM');
    m.push('ECU');
    expect(COARSE_GROUPS.MEDIUM.members).toEqual(['MCU', 'MS', 'MLS']);
  });
});

describe('model classes', () => {
  it('representativeCode maps groups to their representative', () => {
    expect(representativeCode('MEDIUM')).toBe('MS');
    expect(representativeCode('ws')).toBe('LS');
    expect(representativeCode('mcu')).toBe('MCU');
    expect(() => representativeCode('FOO')).toThrow(/FOO/);
  });

  it('isCoarseModel detects a group among the classes', () => {
    expect(isCoarseModel(['CU', 'MEDIUM', 'LS'])).toBe(true);
    expect(isCoarseModel(['cu', 'ws'])).toBe(true);
    expect(isCoarseModel([...SCALE_CODES])).toBe(false);
  });
});

describe('toScaleProbs', () => {
  it('maps a coarse model onto the eight codes, MEDIUM mass to MS, WS mass to LS', () => {
    const out = toScaleProbs(['ECU', 'CU', 'MEDIUM', 'WS', 'NA'], [0.05, 0.1, 0.5, 0.3, 0.05]);
    expect(out).toEqual([0.05, 0.1, 0, 0.5, 0, 0.3, 0, 0.05]);
  });

  it('is the identity for a model over the eight codes in order', () => {
    const p = [0.01, 0.02, 0.03, 0.04, 0.1, 0.2, 0.3, 0.3];
    expect(toScaleProbs([...SCALE_CODES], p)).toEqual(p);
  });

  it('reorders a model whose classes are in another order', () => {
    const out = toScaleProbs(['NA', 'ELS', 'CU'], [0.2, 0.3, 0.5]);
    expect(out).toEqual([0, 0.5, 0, 0, 0, 0, 0.3, 0.2]);
  });

  it('keeps total mass and the argmax', () => {
    const classes = ['CU', 'medium', 'WS'];
    for (const probs of [
      [0.2, 0.5, 0.3],
      [0.6, 0.3, 0.1],
      [0.1, 0.2, 0.7],
    ]) {
      const out = toScaleProbs(classes, probs);
      expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(SCALE_CODES[argmax(out)]).toBe(representativeCode(classes[argmax(probs)]));
    }
  });

  it('throws for an unknown model class', () => {
    expect(() => toScaleProbs(['CU', 'BLOB'], [0.5, 0.5])).toThrow(/BLOB/);
  });
});

describe('argmax and topK', () => {
  it('argmax finds the largest value, the first one on ties', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax([3, 1, 3])).toBe(0);
    expect(argmax([-5, -2, -9])).toBe(1);
    expect(argmax(new Float32Array([0, 0, 0, 1]))).toBe(3);
  });

  it('topK returns the k most probable codes, most probable first', () => {
    const probs = [0.05, 0.4, 0.1, 0.25, 0.0, 0.15, 0.03, 0.02];
    expect(topK(probs, 3)).toEqual([
      { code: 'CU', p: 0.4 },
      { code: 'MS', p: 0.25 },
      { code: 'LS', p: 0.15 },
    ]);
    expect(topK(probs, 1)).toEqual([{ code: 'CU', p: 0.4 }]);
    expect(topK(probs, 20)).toHaveLength(8);
    expect(topK(probs, 0)).toEqual([]);
  });

  it('topK does not reorder its input', () => {
    const probs = [0.1, 0.9, 0, 0, 0, 0, 0, 0];
    topK(probs, 2);
    expect(probs).toEqual([0.1, 0.9, 0, 0, 0, 0, 0, 0]);
  });
});
