import { useEffect, useRef } from 'react';

/** What the player's keys do. */
export interface PlayerKeyActions {
  togglePlay: () => void;
  shuttle: (key: 'J' | 'L') => void;
  stop: () => void;
  frameStep: (delta: 1 | -1) => void;
}

/** True when a key press belongs to the focused element (typing, or a control that Space activates). */
function ownedByTarget(e: KeyboardEvent): boolean {
  const t = e.target;
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button'].includes(t.type)) return true;
  if (e.key === ' ' && (t instanceof HTMLButtonElement || (t instanceof HTMLInputElement && t.type !== 'range') || t.tagName === 'SUMMARY' || t.tagName === 'A')) return true;
  return false;
}

/** The player's keys (Space play/pause, J/K/L shuttle, `,`/`.` frame step), on the whole page while `enabled`; never while typing. */
export function usePlayerKeys(enabled: boolean, actions: PlayerKeyActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || ownedByTarget(e)) return;
      const a = ref.current;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (key === ' ') a.togglePlay();
      else if (key === 'j') a.shuttle('J');
      else if (key === 'l') a.shuttle('L');
      else if (key === 'k') a.stop();
      else if (key === ',') a.frameStep(-1);
      else if (key === '.') a.frameStep(1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
