import { create } from 'zustand';

/** Which films the user ticked for comparison, by film id, in the order ticked. */
export const useCompare = create<{ ids: string[] }>()(() => ({ ids: [] }));

/** Ticks or unticks a film for comparison. */
export function setCompared(id: string, on: boolean): void {
  useCompare.setState((s) => ({ ids: on ? (s.ids.includes(id) ? s.ids : [...s.ids, id]) : s.ids.filter((x) => x !== id) }));
}
