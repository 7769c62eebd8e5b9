import { create } from 'zustand';

/** The File each film was analysed from or re-linked to, by film id (kept out of the app store: a File is not serialisable). */
export const useFilmFiles = create<{ files: Record<string, File> }>()(() => ({ files: {} }));

/** Remembers the File behind a film, for the player. */
export function setFilmFile(id: string, file: File): void {
  useFilmFiles.setState((s) => ({ files: { ...s.files, [id]: file } }));
}

/** The File behind a film, if this session has it. */
export function filmFile(id: string): File | undefined {
  return useFilmFiles.getState().files[id];
}
