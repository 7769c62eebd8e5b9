import type { Shot } from './shotTypes';
import { filmStats, type FilmStats } from './stats';

const cache = new WeakMap<readonly Shot[], FilmStats>();

/** filmStats of a shot list, computed once per list (the store replaces the list when shots change). */
export function statsOf(shots: readonly Shot[]): FilmStats {
  let stats = cache.get(shots);
  if (!stats) {
    stats = filmStats(shots);
    cache.set(shots, stats);
  }
  return stats;
}
