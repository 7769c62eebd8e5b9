import { create } from 'zustand';
import type { CorpusColumn, CorpusRow } from '../shared/corpus';

/** A corpus project opened on the page: its name, metadata columns and one row per film. */
export interface OpenCorpus {
  name: string;
  /** The project file it was opened from. */
  fileName: string;
  columns: string[];
  rows: CorpusRow[];
}

/** How the corpus table is sorted. */
export interface CorpusSort {
  column: CorpusColumn;
  direction: 'ascending' | 'descending';
}

/** The corpus view's state: the corpus, the table's sort and page, the grouping, and a film card to bring into view. */
export interface CorpusState {
  corpus: OpenCorpus | null;
  /** Null: the project's order. */
  sort: CorpusSort | null;
  /** First row shown (the table shows one page of films at a time). */
  pageStart: number;
  /** Metadata column (or `decade`) the films are grouped by; null: no grouping. */
  groupBy: string | null;
  /** Whether scale shares are given by screen time or by shots. */
  sharesBy: 'screen' | 'shots';
  /** Id of a film card to scroll into view once it is on the page. */
  reveal: string | null;
}

const initial: CorpusState = { corpus: null, sort: null, pageStart: 0, groupBy: null, sharesBy: 'screen', reveal: null };

/** The corpus view's store. */
export const useCorpus = create<CorpusState>()(() => initial);

/** Shows a corpus (replacing any other), unsorted, grouped by its director column when it has one. */
export function showCorpus(corpus: OpenCorpus): void {
  useCorpus.setState({ ...initial, corpus, groupBy: corpus.columns.includes('director') ? 'director' : null });
}

/** Closes the corpus view (the films stay saved in this browser and their cards stay open). */
export function closeCorpus(): void {
  useCorpus.setState({ corpus: null, sort: null, pageStart: 0, groupBy: null });
}

/** Sorts the table by a column: ascending first, then the other way on each call for the same column. Back to the first page. */
export function sortCorpusBy(column: CorpusColumn): void {
  useCorpus.setState((s) => ({ sort: { column, direction: s.sort?.column === column && s.sort.direction === 'ascending' ? 'descending' : 'ascending' }, pageStart: 0 }));
}

/** Shows the page of the table starting at this row. */
export function setCorpusPage(pageStart: number): void {
  useCorpus.setState({ pageStart: Math.max(0, pageStart) });
}

/** Groups the films by a metadata column (or `decade`), or not at all. */
export function setGroupBy(groupBy: string | null): void {
  useCorpus.setState({ groupBy });
}

/** Gives scale shares by screen time or by shots (a table sorted by a scale's share stays sorted by that scale's). */
export function setSharesBy(sharesBy: 'screen' | 'shots'): void {
  useCorpus.setState((s) => ({ sharesBy, sort: s.sort && /^(screen|shots):/.test(s.sort.column) ? { ...s.sort, column: s.sort.column.replace(/^\w+:/, `${sharesBy}:`) } : s.sort }));
}

/** Asks for a film card to be scrolled into view (FilmCard does it when it is on the page), or clears the request. */
export function revealFilm(id: string | null): void {
  useCorpus.setState({ reveal: id });
}
