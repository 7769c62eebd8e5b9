import { timingOf } from '../shared/frameTiming';
import { create } from 'zustand';
import {
  acceptShot,
  correctedShots,
  emptyCorrections,
  historyOf,
  historyPush,
  historyRedo,
  historyUndo,
  mergeWithNext,
  nextLowConfidence,
  setShotScale,
  splitAt,
  type Corrections,
  type History,
  type ShotSource,
} from '../shared/corrections';
import { describeError } from '../shared/errors';
import { sampleFrame, shotSampleOf } from '../shared/filmShots';
import { poolSeconds } from '../shared/secondPooling';
import { middleSecondIndex, shotIndexOfSecond } from '../shared/shotLane';
import type { Shot } from '../shared/shotTypes';
import type { ScaleCode } from '../shared/taxonomy';
import * as db from './db';
import { updateFilm, useApp, type Film, type Selection } from './store';

/**
 * Review actions: the user's corrections of the selected film's shots (set scale, split, merge,
 * accept), undo/redo, and stepping from shot to shot. Every change is saved to IndexedDB at once,
 * keyed by the file's fingerprint.
 */

/** The last review message for the user (why an action did nothing, or that saving failed). */
export const useReviewNote = create<{ note: string | null }>()(() => ({ note: null }));

const histories = new Map<string, History<Corrections>>();

/** Shows a review message (null clears it). */
export function noteReview(text: string | null): void {
  useReviewNote.setState({ note: text });
}

function filmById(id: string): Film | undefined {
  return useApp.getState().films.find((f) => f.id === id);
}

/** What a film's shots are built from, or null before its cuts are known. */
export function shotSource(film: Film): ShotSource | null {
  const { transitions, frameCount, frameRate, frameTimes } = film;
  if (!transitions || frameCount === undefined || !frameRate) return null;
  const timing = timingOf({ frameRate, frameTimes });
  const samples = [...film.results, ...(film.shotSamples ?? [])].map((r) => shotSampleOf(r, timing));
  return { transitions, frameCount, frameRate, frameTimes, samples };
}

function show(id: string, c: Corrections): void {
  const film = filmById(id);
  if (!film) return;
  const src = shotSource(film);
  if (!src) {
    updateFilm(id, { corrections: c });
    return;
  }
  // A split or merge moves shot boundaries, and seconds pool only within their shot.
  const shots = correctedShots(src, c);
  const results = poolSeconds(film.results, { shots, frameOf: (r) => sampleFrame(r, timingOf(src)) });
  updateFilm(id, { corrections: c, shots, results });
}

/** Loads a film's saved corrections (by its fingerprint) and rebuilds its shots with them; starts its undo history. */
export async function loadCorrections(id: string): Promise<void> {
  const fingerprint = filmById(id)?.info?.fingerprint;
  if (!fingerprint) return;
  const saved = await db.getCorrections(fingerprint).catch(() => undefined);
  const c = saved ?? emptyCorrections(fingerprint);
  histories.set(id, historyOf(c));
  show(id, c);
}

async function save(c: Corrections): Promise<void> {
  try {
    await db.putCorrections(c);
  } catch (err) {
    const e = describeError(err);
    noteReview(`Corrections could not be saved in this browser (${e.title}: ${e.detail}); they stay on the page until it is closed.`);
  }
}

/** Records a film's new corrections: undo history, shots rebuilt, saved at once. */
export function commitCorrections(id: string, next: Corrections): void {
  const h = histories.get(id) ?? historyOf(filmById(id)?.corrections ?? next);
  histories.set(id, historyPush(h, next));
  show(id, next);
  noteReview(null);
  void save(next);
}

/** Index of the selected shot of a film: the one chosen as a shot, else the one holding the selected second; −1 when none. */
export function selectedShotIndex(film: Film, selection: Selection | null): number {
  const shots = film.shots;
  if (!shots || !selection || selection.filmId !== film.id) return -1;
  if (selection.shotStartFrame !== undefined) {
    const k = shots.findIndex((s) => s.startFrame <= selection.shotStartFrame! && selection.shotStartFrame! <= s.endFrame);
    if (k >= 0) return k;
  }
  const second = film.results.find((r) => r.index === selection.index);
  return second ? shotIndexOfSecond(shots, second) : -1;
}

/** Selects a shot: the inspector shows the second nearest its middle. */
export function selectShot(filmId: string, shot: Pick<Shot, 'startFrame' | 'endFrame' | 'startSec' | 'endSec'>): void {
  const film = filmById(filmId);
  if (!film) return;
  const index = middleSecondIndex(shot as Shot, film.results);
  if (index === null) return;
  useApp.setState({ selection: { filmId, index, shotStartFrame: shot.startFrame } });
}

function selected(): { film: Film; shots: Shot[]; k: number; c: Corrections } | null {
  const selection = useApp.getState().selection;
  const film = selection ? filmById(selection.filmId) : undefined;
  if (!film) return null;
  if (!film.shots || film.shots.length === 0 || !film.info) {
    noteReview('Corrections need the film’s shots: they are known once the whole film has been analysed.');
    return null;
  }
  const k = selectedShotIndex(film, selection);
  if (k < 0) return null;
  if (film.shots[k].unreadable) {
    noteReview('No frame of this stretch could be decoded: it has no scale to correct, split or merge.');
    return null;
  }
  return { film, shots: film.shots, k, c: film.corrections ?? emptyCorrections(film.info.fingerprint) };
}

/** Sets the selected shot's scale. */
export function setSelectedScale(scale: ScaleCode): void {
  const s = selected();
  if (s) commitCorrections(s.film.id, setShotScale(s.c, s.shots[s.k].startFrame, scale));
}

/** Marks the selected shot reviewed (its scale accepted) and moves to the next shot. */
export function acceptSelected(): void {
  const s = selected();
  if (!s) return;
  commitCorrections(s.film.id, acceptShot(s.c, s.shots[s.k]));
  stepShot(1);
}

/** The frame a split of the selected shot would use: the selected second's frame when it lies inside the shot after its first frame, else the shot's middle frame. */
export function splitFrameOfSelection(): number | undefined {
  const selection = useApp.getState().selection;
  const film = selection ? filmById(selection.filmId) : undefined;
  const second = film?.results.find((r) => r.index === selection?.index);
  if (!second || !film?.frameRate) return undefined;
  const frame = sampleFrame(second, timingOf({ frameRate: film.frameRate, frameTimes: film.frameTimes }));
  const shot = film.shots?.[selectedShotIndex(film, selection)];
  if (!shot || (frame > shot.startFrame && frame <= shot.endFrame)) return frame;
  return shot.endFrame > shot.startFrame ? Math.ceil((shot.startFrame + shot.endFrame) / 2) : frame;
}

/** Splits the selected shot so that a new shot starts at `frame` (default: the selected second's frame). */
export function splitSelected(frame = splitFrameOfSelection()): void {
  const s = selected();
  if (!s || frame === undefined) return;
  const shot = s.shots[s.k];
  const next = splitAt(s.c, s.shots, frame);
  if (!next) {
    noteReview(`A split must fall inside a shot after its first frame: shot ${shot.index + 1} runs from frame ${shot.startFrame} to ${shot.endFrame}.`);
    return;
  }
  commitCorrections(s.film.id, next);
}

/** Merges the selected shot with the next one. */
export function mergeSelected(): void {
  const s = selected();
  if (!s) return;
  if (s.shots[s.k + 1]?.unreadable) {
    noteReview('The next stretch could not be decoded: a shot cannot be merged into it.');
    return;
  }
  const next = mergeWithNext(s.c, s.shots, s.k);
  if (!next) {
    noteReview('The last shot has no next shot to merge with.');
    return;
  }
  commitCorrections(s.film.id, next);
}

function travel(id: string, move: (h: History<Corrections>) => History<Corrections>, what: string): void {
  const h = histories.get(id);
  const next = h && move(h);
  if (!h || next === h) {
    noteReview(`Nothing to ${what}.`);
    return;
  }
  histories.set(id, next!);
  show(id, next!.present);
  noteReview(null);
  void save(next!.present);
}

/** Undoes the selected film's last correction. */
export function undo(): void {
  const id = useApp.getState().selection?.filmId;
  if (id) travel(id, historyUndo, 'undo');
}

/** Redoes the selected film's last undone correction. */
export function redo(): void {
  const id = useApp.getState().selection?.filmId;
  if (id) travel(id, historyRedo, 'redo');
}

/** Whether the selected film has something to undo and to redo. */
export function canUndoRedo(filmId: string): { undo: boolean; redo: boolean } {
  const h = histories.get(filmId);
  return { undo: !!h && h.past.length > 0, redo: !!h && h.future.length > 0 };
}

/** Selects the shot `delta` shots from the selected one (clamped to the film). */
export function stepShot(delta: number): void {
  const s = selected();
  if (!s) return;
  const k = Math.max(0, Math.min(s.shots.length - 1, s.k + delta));
  selectShot(s.film.id, s.shots[k]);
}

/** Selects the next (1) or previous (−1) low-confidence shot that is not yet reviewed; with nothing selected, starts at the first film with shots. */
export function stepLowConfidence(direction: 1 | -1): void {
  if (!useApp.getState().selection) {
    const first = useApp.getState().films.find((f) => f.shots && f.shots.length > 0 && f.results.length > 0);
    if (!first?.shots) return;
    const c = first.corrections ?? (first.info ? emptyCorrections(first.info.fingerprint) : undefined);
    const k = c ? nextLowConfidence(first.shots, c, direction === 1 ? -1 : 0, direction) : -1;
    selectShot(first.id, first.shots[k >= 0 ? k : 0]);
    return;
  }
  const s = selected();
  if (!s) return;
  const k = nextLowConfidence(s.shots, s.c, s.k, direction);
  if (k < 0) {
    noteReview('No low-confidence shot left to review in this film.');
    return;
  }
  noteReview(null);
  selectShot(s.film.id, s.shots[k]);
}

/** Forgets a film's undo history (its card was closed). */
export function forgetHistory(id: string): void {
  histories.delete(id);
}
