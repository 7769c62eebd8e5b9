import { describe, expect, it } from 'vitest';
import { fuseAll } from './fuse';
import { SCALE_CODES } from './taxonomy';

const CLASSES = ['ECU', 'CU', 'MEDIUM', 'LS', 'ELS'];
const p = (code: string, probs: number[]) => probs[SCALE_CODES.indexOf(code as never)];
const label = (probs: number[]) => SCALE_CODES[probs.indexOf(Math.max(...probs))];

describe('fuseAll', () => {
  it('lets geometry split a MEDIUM answer into MCU/MS/MLS', () => {
    const geo = { probs: [0, 0.05, 0.1, 0.1, 0.7, 0.05, 0], confidence: 1, why: 'bottom edge cuts at the shins → MLS' };
    const { probs, note } = fuseAll(CLASSES, [0.02, 0.08, 0.8, 0.08, 0.02], geo, 0, 0.5);
    expect(label(probs)).toBe('MLS');
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(note.geometryWeight).toBeCloseTo(0.5);
    expect(note.why).toMatch(/CNN agrees 80%/);
  });
  it('leaves the CNN alone when there is no person', () => {
    const { probs, note } = fuseAll(CLASSES, [0.05, 0.1, 0.1, 0.15, 0.6], { probs: null, confidence: 0, why: 'no person found' }, 0, 0.5);
    expect(label(probs)).toBe('ELS');
    expect(p('ELS', probs)).toBeCloseTo(0.6);
    expect(note.geometryWeight).toBe(0);
    expect(note.why).toContain('CNN decides');
  });
  it('weights geometry by its confidence', () => {
    const geo = { probs: [0, 0.9, 0.1, 0, 0, 0, 0], confidence: 0.2, why: 'x' };
    const { probs } = fuseAll(CLASSES, [0, 0, 0, 0.9, 0.1], geo, 0, 0.5);
    expect(label(probs)).toBe('LS');
    expect(p('CU', probs)).toBeCloseTo(0.1 * 0.9, 6);
  });
  it('puts the NA detector mass on NA', () => {
    const { probs } = fuseAll(CLASSES, [0.2, 0.2, 0.2, 0.2, 0.2], null, 0.9, 0.5);
    expect(label(probs)).toBe('NA');
    expect(p('NA', probs)).toBeCloseTo(0.9);
  });
});
