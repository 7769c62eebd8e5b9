import { timelineSpanSec } from '../../shared/timelineBins';
import { useCompare } from '../../store/compare';
import { useApp, type Film } from '../../store/store';

function spanOf(f: Film): number {
  return timelineSpanSec(f.results, f.progress.total, f.fps);
}

/** Seconds of the longest compared film's axis when this film is compared with others (films then share one time scale), else null. */
export function useSharedAxisSec(id: string): number | null {
  const ids = useCompare((s) => s.ids);
  return useApp((s) => {
    if (!ids.includes(id)) return null;
    const compared = s.films.filter((f) => ids.includes(f.id) && (f.shots?.length ?? 0) > 0);
    if (compared.length < 2 || !compared.some((f) => f.id === id)) return null;
    return Math.max(...compared.map(spanOf));
  });
}
