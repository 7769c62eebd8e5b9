import { describe, expect, it } from 'vitest';
import { modelClassLabel } from './plainWords';

describe('modelClassLabel', () => {
  it('names the scales a pooled class stands for and leaves codes alone', () => {
    expect(modelClassLabel('MEDIUM')).toBe('MCU–MLS');
    expect(modelClassLabel('WS')).toBe('LS–ELS');
    expect(modelClassLabel('CU')).toBe('CU');
  });
});
