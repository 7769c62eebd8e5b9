import type { FrameTimes } from '../shared/frameTiming';
import { create } from 'zustand';
import type { Corrections } from '../shared/corrections';
import type { UserMessage } from '../shared/errors';
import type { FrameRate, Shot, Transition, UnreadableStretch } from '../shared/shotTypes';
import type { ModelInfo, SecondResult, VideoInfo } from '../shared/types';

/** Where a film's analysis stands. */
export type FilmStatus = 'probing' | 'queued' | 'running' | 'done' | 'cancelled' | 'error' | 'incomplete';

/** What a film's analysis is doing now, in the words the progress bar uses. */
export type ProgressStage = 'waiting' | 'model' | 'opening' | 'fingerprint' | 'decoding' | 'analysing';

/** Progress of a running analysis. */
export interface Progress {
  /** The stage it is in (absent on entries restored from storage). */
  stage?: ProgressStage;
  done: number;
  total: number;
  /** Frames per second over this run, measured after the first batch (warm-up); 0 until then. */
  fps: number;
  /** Seconds left at that rate, or null before there is a rate. */
  etaSec: number | null;
}

/** One dropped file and its analysis. */
export interface Film {
  /** Local id of this drop. */
  id: string;
  name: string;
  /** Analysis key (file fingerprint × model × rate), once probed. */
  key?: string;
  info?: VideoInfo;
  fps: number;
  status: FilmStatus;
  results: SecondResult[];
  progress: Progress;
  error?: UserMessage;
  /** A non-fatal note (long film, restored from a previous session…). */
  notice?: string;
  /** A problem that does not stop the analysis but needs the user (storage full). */
  warning?: UserMessage;
  /** Shot boundaries from cut detection (frame-accurate), once the film has been decoded. */
  transitions?: Transition[];
  /** The film's shots with pooled scales (src/shared/shots.ts buildShots), once known. */
  shots?: Shot[];
  /** Editing frame rate, for timecode (a variable-rate film's: the standard rate its frames run at). */
  frameRate?: FrameRate;
  /** A variable-frame-rate film's frame times, where its times come from (src/shared/frameTiming.ts). */
  frameTimes?: FrameTimes;
  /** Frames in the film (from its first presented frame). */
  frameCount?: number;
  /** Stretches no frame of which could be decoded (damaged data, a file that ends early); the rest was analysed. */
  unreadable?: UnreadableStretch[];
  /** Extra samples taken for shots that no regular second falls in (index ≥ SHOT_SAMPLE_INDEX_BASE). */
  shotSamples?: SecondResult[];
  /** The user's corrections of this file (src/store/review.ts), once loaded; `shots` include them. */
  corrections?: Corrections;
  /** The model whose results these are (card id and version), once known. */
  model?: { id: string; version: string };
}

/** A selected second of a film. */
export interface Selection {
  filmId: string;
  index: number;
  /** Start frame of the selected shot, when a shot (not only a second) was selected. */
  shotStartFrame?: number;
}

/** The app state: small and serialisable; CAMs, thumbnails and sessions live elsewhere. */
export interface AppState {
  films: Film[];
  selection: Selection | null;
  model: ModelInfo | null;
  modelError: UserMessage | null;
  sampleFps: number;
}

const initial: AppState = { films: [], selection: null, model: null, modelError: null, sampleFps: 1 };

/** The app store. */
export const useApp = create<AppState>()(() => initial);

/** Resets the store (tests). */
export function resetStore(): void {
  useApp.setState(initial, true);
}

/** Adds a film entry. */
export function addFilm(film: Film): void {
  useApp.setState((s) => ({ films: [...s.films, film] }));
}

/** Updates fields of a film entry. */
export function updateFilm(id: string, patch: Partial<Film>): void {
  useApp.setState((s) => ({ films: s.films.map((f) => (f.id === id ? { ...f, ...patch } : f)) }));
}

/** Removes a film entry (not its saved analysis). */
export function removeFilm(id: string): void {
  useApp.setState((s) => ({
    films: s.films.filter((f) => f.id !== id),
    selection: s.selection?.filmId === id ? null : s.selection,
  }));
}

/** Adds results to a film, keeping them sorted by index and unique. */
export function addResults(id: string, results: readonly SecondResult[]): void {
  useApp.setState((s) => ({
    films: s.films.map((f) => {
      if (f.id !== id) return f;
      const last = f.results.length ? f.results[f.results.length - 1].index : -1;
      if (results.every((r, i) => r.index > (i ? results[i - 1].index : last))) return { ...f, results: [...f.results, ...results] };
      const byIndex = new Map(f.results.map((r) => [r.index, r]));
      for (const r of results) byIndex.set(r.index, r);
      return { ...f, results: [...byIndex.values()].sort((a, b) => a.index - b.index) };
    }),
  }));
}

/** Selects a second of a film (clamped to the results it has). */
export function select(filmId: string, index: number): void {
  const film = useApp.getState().films.find((f) => f.id === filmId);
  if (!film || film.results.length === 0) return;
  const last = film.results[film.results.length - 1].index;
  useApp.setState({ selection: { filmId, index: Math.max(0, Math.min(last, index)) } });
}

/** Moves the selection by `delta` seconds. */
export function stepSelection(delta: number): void {
  const sel = useApp.getState().selection;
  if (sel) select(sel.filmId, sel.index + delta);
}

/** Sets the model info once the inference worker has loaded it. */
export function setModel(model: ModelInfo | null, error: UserMessage | null = null): void {
  useApp.setState({ model, modelError: error });
}

/** Sets the sampling rate used for new analyses. */
export function setSampleFps(fps: number): void {
  useApp.setState({ sampleFps: fps });
}
