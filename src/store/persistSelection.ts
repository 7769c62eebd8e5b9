import { select, useApp } from './store';

const STORAGE_KEY = 'shotscale.selection';

/** What is remembered of the selection: the film's analysis key and the second's index. */
interface StoredSelection {
  key: string;
  index: number;
}

function read(): StoredSelection | null {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSelection | null;
    return v && typeof v.key === 'string' && Number.isInteger(v.index) ? v : null;
  } catch {
    return null;
  }
}

/** Writes the selected film (by analysis key) and second to this browser's storage whenever they change; returns the unsubscribe. */
export function persistSelection(): () => void {
  return useApp.subscribe((s, prev) => {
    if (s.selection === prev.selection) return;
    const key = s.selection ? s.films.find((f) => f.id === s.selection!.filmId)?.key : undefined;
    try {
      if (s.selection && key) localStorage.setItem(STORAGE_KEY, JSON.stringify({ key, index: s.selection.index }));
      else if (!s.selection) localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage refused (private mode, quota): the selection is simply not remembered.
    }
  });
}

/** Selects the remembered film and second again, once saved films are back on the page. */
export function restoreSelection(): void {
  const stored = read();
  if (!stored || useApp.getState().selection) return;
  const film = useApp.getState().films.find((f) => f.key === stored.key);
  if (film) select(film.id, stored.index);
}
