import { describe, expect, it } from 'vitest';
import { testFilm } from './exports/testSupport';
import { filmStats } from './stats';
import { statsOf } from './statsCache';

describe('statsOf', () => {
  it('computes a list’s statistics once and a new list’s afresh', () => {
    const { shots } = testFilm({ num: 25, den: 1 }, false);
    const first = statsOf(shots);
    expect(first).toEqual(filmStats(shots));
    expect(statsOf(shots)).toBe(first);
    const fewer = shots.slice(0, 3);
    expect(statsOf(fewer)).not.toBe(first);
    expect(statsOf(fewer).shotCount).toBe(3);
  });
});
