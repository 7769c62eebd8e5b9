import { beforeEach, describe, expect, it } from 'vitest';
import type { SecondResult } from '../shared/types';
import { addFilm, addResults, removeFilm, resetStore, select, setModel, setSampleFps, stepSelection, updateFilm, useApp, type Film } from './store';

function film(id: string, extra: Partial<Film> = {}): Film {
  return { id, name: `${id}.mp4`, fps: 1, status: 'queued', results: [], progress: { done: 0, total: 0, fps: 0, etaSec: null }, ...extra };
}

function res(index: number, label: SecondResult['label'] = 'CU'): SecondResult {
  return { index, tSec: index + 0.5, probs: [0, 1, 0, 0, 0, 0, 0, 0], label, naProb: 0 };
}

const films = () => useApp.getState().films;
const indices = (id: string) => films().find((f) => f.id === id)!.results.map((r) => r.index);

beforeEach(() => {
  resetStore();
});

describe('films', () => {
  it('starts empty', () => {
    expect(useApp.getState()).toMatchObject({ films: [], selection: null, model: null, modelError: null, sampleFps: 1 });
  });

  it('adds films in order', () => {
    addFilm(film('a'));
    addFilm(film('b'));
    expect(films().map((f) => f.id)).toEqual(['a', 'b']);
  });

  it('updates only the named film, merging the patch', () => {
    addFilm(film('a'));
    addFilm(film('b'));
    const before = films()[1];
    updateFilm('a', { status: 'running', notice: 'hi' });
    expect(films()[0]).toMatchObject({ id: 'a', name: 'a.mp4', status: 'running', notice: 'hi' });
    expect(films()[1]).toBe(before);
    updateFilm('zzz', { status: 'error' });
    expect(films().map((f) => f.status)).toEqual(['running', 'queued']);
  });

  it('does not mutate earlier state objects', () => {
    addFilm(film('a'));
    const snapshot = useApp.getState();
    updateFilm('a', { status: 'done' });
    expect(snapshot.films[0].status).toBe('queued');
  });

  it('resetStore clears everything', () => {
    addFilm(film('a', { results: [res(0)] }));
    select('a', 0);
    setSampleFps(2);
    resetStore();
    expect(useApp.getState()).toMatchObject({ films: [], selection: null, sampleFps: 1 });
  });
});

describe('addResults', () => {
  it('appends results that come in order', () => {
    addFilm(film('a'));
    addResults('a', [res(0), res(1)]);
    addResults('a', [res(2), res(3)]);
    expect(indices('a')).toEqual([0, 1, 2, 3]);
  });

  it('inserts out-of-order results in index order', () => {
    addFilm(film('a'));
    addResults('a', [res(0), res(1), res(5)]);
    addResults('a', [res(3), res(2)]);
    expect(indices('a')).toEqual([0, 1, 2, 3, 5]);
  });

  it('sorts a batch that is unsorted within itself', () => {
    addFilm(film('a'));
    addResults('a', [res(4), res(1), res(2)]);
    expect(indices('a')).toEqual([1, 2, 4]);
  });

  it('keeps one result per index, the newest', () => {
    addFilm(film('a'));
    addResults('a', [res(0, 'CU'), res(1, 'CU'), res(2, 'CU')]);
    addResults('a', [res(1, 'LS')]);
    const r = films()[0].results;
    expect(r.map((x) => x.index)).toEqual([0, 1, 2]);
    expect(r[1].label).toBe('LS');
  });

  it('dedupes repeated indices within one batch', () => {
    addFilm(film('a'));
    addResults('a', [res(0), res(0, 'MS')]);
    expect(films()[0].results).toHaveLength(1);
    expect(films()[0].results[0].label).toBe('MS');
  });

  it('touches only the named film', () => {
    addFilm(film('a'));
    addFilm(film('b'));
    addResults('b', [res(0)]);
    expect(indices('a')).toEqual([]);
    expect(indices('b')).toEqual([0]);
  });
});

describe('selection', () => {
  beforeEach(() => {
    addFilm(film('a', { results: [res(0), res(1), res(2), res(3)] }));
    addFilm(film('b', { results: [res(0)] }));
    addFilm(film('empty'));
  });

  it('selects a second', () => {
    select('a', 2);
    expect(useApp.getState().selection).toEqual({ filmId: 'a', index: 2 });
  });

  it('clamps to the results the film has', () => {
    select('a', 99);
    expect(useApp.getState().selection).toEqual({ filmId: 'a', index: 3 });
    select('a', -4);
    expect(useApp.getState().selection).toEqual({ filmId: 'a', index: 0 });
  });

  it('ignores films without results and unknown films', () => {
    select('a', 1);
    select('empty', 0);
    select('nope', 0);
    expect(useApp.getState().selection).toEqual({ filmId: 'a', index: 1 });
  });

  it('steps the selection and stops at the ends', () => {
    select('a', 1);
    stepSelection(1);
    expect(useApp.getState().selection?.index).toBe(2);
    stepSelection(5);
    expect(useApp.getState().selection?.index).toBe(3);
    stepSelection(-10);
    expect(useApp.getState().selection?.index).toBe(0);
  });

  it('does nothing when stepping with no selection', () => {
    stepSelection(1);
    expect(useApp.getState().selection).toBeNull();
  });

  it('removeFilm clears the selection of that film only', () => {
    select('a', 2);
    removeFilm('b');
    expect(useApp.getState().selection).toEqual({ filmId: 'a', index: 2 });
    expect(films().map((f) => f.id)).toEqual(['a', 'empty']);
    removeFilm('a');
    expect(useApp.getState().selection).toBeNull();
    expect(films().map((f) => f.id)).toEqual(['empty']);
  });
});

describe('model and rate', () => {
  it('sets the model error and the sampling rate', () => {
    setModel(null, { title: 'The shot-scale model could not be loaded', detail: '404' });
    expect(useApp.getState().modelError?.detail).toBe('404');
    setSampleFps(2);
    expect(useApp.getState().sampleFps).toBe(2);
  });
});
