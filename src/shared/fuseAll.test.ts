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
    expect(note.why).toBe('bottom edge cuts at the shins → MLS; CNN agrees (MEDIUM 80%)');
  });
  it('leaves the CNN alone when there is no person', () => {
    const { probs, note } = fuseAll(CLASSES, [0.05, 0.1, 0.1, 0.15, 0.6], { probs: null, confidence: 0, why: 'no person found' }, 0, 0.5);
    expect(label(probs)).toBe('ELS');
    expect(p('ELS', probs)).toBeCloseTo(0.6);
    expect(note.geometryWeight).toBe(0);
    expect(note.why).toBe('no person found; CNN decides: ELS 60%');
  });
  it('weights geometry by its confidence', () => {
    const geo = { probs: [0, 0.9, 0.1, 0, 0, 0, 0], confidence: 0.2, why: 'x' };
    const { probs } = fuseAll(CLASSES, [0, 0, 0, 0.9, 0.1], geo, 0, 0.5);
    expect(label(probs)).toBe('LS');
    expect(p('CU', probs)).toBeCloseTo(0.1 * 0.9, 6);
  });
  it('never says the CNN agrees when it disagrees with geometry, and names what decided', () => {
    // Geometry reads a hip cut (MS) with little confidence; the CNN is sure of LS and wins.
    const geo = { probs: [0, 0, 0.1, 0.8, 0.1, 0, 0], confidence: 0.3, why: 'bottom edge cuts at the thighs → MS' };
    const { probs, note } = fuseAll(CLASSES, [0.01, 0.01, 0.3, 0.63, 0.05], geo, 0, 0.5);
    expect(label(probs)).toBe('LS');
    expect(note.why).not.toContain('agrees');
    expect(note.why).toBe('bottom edge cuts at the thighs → MS; CNN says LS 63%; the CNN outweighs geometry → LS');
  });
  it('says when geometry outweighs a disagreeing CNN', () => {
    const geo = { probs: [0, 0, 0.05, 0.9, 0.05, 0, 0], confidence: 1, why: 'bottom edge cuts at the thighs → MS' };
    const { probs, note } = fuseAll(CLASSES, [0.01, 0.01, 0.4, 0.55, 0.03], geo, 0, 0.5);
    expect(label(probs)).toBe('MS');
    expect(note.why).toBe('bottom edge cuts at the thighs → MS; CNN says LS 55%; geometry outweighs it → MS');
  });
  it('puts the NA detector mass on NA', () => {
    const { probs } = fuseAll(CLASSES, [0.2, 0.2, 0.2, 0.2, 0.2], null, 0.9, 0.5);
    expect(label(probs)).toBe('NA');
    expect(p('NA', probs)).toBeCloseTo(0.9);
  });
});
