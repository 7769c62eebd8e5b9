import { scaleForDigit } from '../../shared/corrections';
import { useApp } from '../../store/store';
import { acceptSelected, mergeSelected, redo, setSelectedScale, splitSelected, stepLowConfidence, stepShot, undo } from '../../store/review';

/** True when typing goes to a text field (no review key fires there). */
function typingTarget(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return target.type !== 'range' && target.type !== 'checkbox' && target.type !== 'radio' && target.type !== 'button';
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
}

/**
 * Handles a review key (keys.md): 1–7 / 0 set ECU…ELS / NA, S split, M merge with next, Ctrl+Z undo,
 * Ctrl+Y or Ctrl+Shift+Z redo, ↑/↓ previous/next shot, N / Shift+N next/previous low-confidence
 * shot, Enter accept. Returns whether the key was one of them; without a selection only N counts (it starts a review), so the page still scrolls.
 */
export function handleReviewKey(e: KeyboardEvent): boolean {
  // A key the focused element already acted on (Enter on the timeline selects a second) is not a review key.
  if (e.defaultPrevented || typingTarget(e.target) || e.altKey) return false;
  if (!useApp.getState().selection) {
    // Only N starts a review (at the first unsure shot); other keys keep their page meaning.
    if (e.key.toLowerCase() !== 'n' || e.ctrlKey || e.metaKey) return false;
    stepLowConfidence(e.shiftKey ? -1 : 1);
    return true;
  }
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (ctrl) {
    if (key === 'z' && !e.shiftKey) undo();
    else if (key === 'y' || (key === 'z' && e.shiftKey)) redo();
    else return false;
    return true;
  }
  const scale = e.shiftKey ? undefined : scaleForDigit(e.key);
  if (scale) setSelectedScale(scale);
  else if (key === 's' && !e.shiftKey) splitSelected();
  else if (key === 'm' && !e.shiftKey) mergeSelected();
  else if (key === 'n') stepLowConfidence(e.shiftKey ? -1 : 1);
  else if (key === 'ArrowUp') stepShot(-1);
  else if (key === 'ArrowDown') stepShot(1);
  else if (key === 'Enter' && !(e.target instanceof HTMLButtonElement)) acceptSelected();
  else return false;
  return true;
}
