import { beforeEach, describe, expect, it } from 'vitest';
import { setCompared, useCompare } from './compare';

describe('compare ticks', () => {
  beforeEach(() => useCompare.setState({ ids: [] }));

  it('keeps films in the order ticked, once each, and drops unticked ones', () => {
    setCompared('b', true);
    setCompared('a', true);
    setCompared('b', true);
    expect(useCompare.getState().ids).toEqual(['b', 'a']);
    setCompared('b', false);
    expect(useCompare.getState().ids).toEqual(['a']);
    setCompared('c', false);
    expect(useCompare.getState().ids).toEqual(['a']);
  });
});
