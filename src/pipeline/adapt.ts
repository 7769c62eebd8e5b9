import * as Comlink from 'comlink';
import { MIN_ADAPT_ITEMS, argmaxOf } from '../shared/adapt';
import { correctedShots, emptyCorrections, labelledShots, setAdapted } from '../shared/corrections';
import { SCALE_CODES, type ScaleCode } from '../shared/taxonomy';
import { commitCorrections, noteReview, shotSource } from '../store/review';
import { useApp } from '../store/store';
import type { AdaptApi } from '../../workers/adapt.worker';

let worker: Comlink.Remote<AdaptApi> | undefined;

function adaptWorker(): Comlink.Remote<AdaptApi> {
  worker ??= Comlink.wrap<AdaptApi>(new Worker(new URL('../../workers/adapt.worker.ts', import.meta.url), { type: 'module', name: 'adapt' }));
  return worker;
}

/**
 * "Apply to the rest of this film": fits the adaptation head (in a worker) on the shots the user
 * corrected or accepted and re-labels the others; resolves to how many shots changed scale, or
 * null when there are too few corrections. Undo (or revertAdaptation) takes it back.
 */
export async function applyToRest(filmId: string): Promise<number | null> {
  const film = useApp.getState().films.find((f) => f.id === filmId);
  const src = film && shotSource(film);
  if (!film?.info || !src) return null;
  const base = setAdapted(film.corrections ?? emptyCorrections(film.info.fingerprint), null, 0);
  const shots = correctedShots(src, base);
  const labelled = labelledShots(shots, base);
  if (labelled.length < MIN_ADAPT_ITEMS) {
    noteReview(`Correct or accept at least ${MIN_ADAPT_ITEMS} shots first (${labelled.length} so far): the film's own labels are what it learns from.`);
    return null;
  }
  const taken = new Set(labelled.map((l) => l.shot.startFrame));
  const rest = shots.filter((s) => !taken.has(s.startFrame) && !s.corrected && s.sampleIndices.length > 0);
  const probs = await adaptWorker().refit(
    labelled.map((l) => l.shot.probs),
    labelled.map((l) => SCALE_CODES.indexOf(l.scale)),
    rest.map((s) => s.probs),
  );
  const adapted: Record<number, ScaleCode> = {};
  rest.forEach((s, i) => {
    const scale = SCALE_CODES[argmaxOf(probs[i])];
    if (scale !== s.scale) adapted[s.startFrame] = scale;
  });
  const changed = Object.keys(adapted).length;
  commitCorrections(filmId, setAdapted(base, adapted, labelled.length));
  noteReview(`Learnt from ${labelled.length} corrected or accepted shots: ${changed} of ${rest.length} other shots changed scale. Revert (or Ctrl+Z) takes it back.`);
  return changed;
}

/** Takes back the adapted scales of a film (the user's own corrections stay). */
export function revertAdaptation(filmId: string): void {
  const c = useApp.getState().films.find((f) => f.id === filmId)?.corrections;
  if (!c?.adapted) return;
  commitCorrections(filmId, setAdapted(c, null, 0));
  noteReview('Adapted scales reverted: the other shots show the model’s scales again.');
}
