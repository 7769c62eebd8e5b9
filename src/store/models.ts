import { create } from 'zustand';
import type { StoredModelSummary } from './modelDb';

/** The built-in model's choice value. */
export const DEFAULT_MODEL = 'default';

const CHOICE_KEY = 'shotscale.model';

/** Where adding or loading a model stands, for the progress bar. */
export interface ModelActivity {
  /** What is being done, in words ("Checking lab-resnet50.onnx"). */
  label: string;
  stage: 'reading' | 'checking' | 'loading' | 'saving';
  doneBytes: number;
  totalBytes: number;
}

/** Why a model was not added: a title and one sentence per problem. */
export interface ModelProblems {
  title: string;
  problems: string[];
}

/** The models the user can pick, which one is picked, and any import under way. */
export interface ModelsState {
  /** Models added by the user and kept in this browser. */
  stored: StoredModelSummary[];
  /** DEFAULT_MODEL or a stored model's key; new analyses use it. */
  choice: string;
  activity: ModelActivity | null;
  problems: ModelProblems | null;
}

function savedChoice(): string {
  try {
    return localStorage.getItem(CHOICE_KEY) ?? DEFAULT_MODEL;
  } catch {
    return DEFAULT_MODEL;
  }
}

/** The models store (small and serialisable; Blobs and sessions live in IndexedDB and the worker). */
export const useModels = create<ModelsState>()(() => ({ stored: [], choice: savedChoice(), activity: null, problems: null }));

/** Records the model new analyses use (kept across reloads). */
export function setModelChoice(choice: string): void {
  try {
    localStorage.setItem(CHOICE_KEY, choice);
  } catch {
    // Private mode without storage: the choice lasts this visit only.
  }
  useModels.setState({ choice });
}

/** Replaces the list of stored models. */
export function setStoredModels(stored: StoredModelSummary[]): void {
  useModels.setState({ stored });
}

/** Shows (or clears) the progress of adding or loading a model. */
export function setModelActivity(activity: ModelActivity | null): void {
  useModels.setState({ activity });
}

/** Shows (or clears) why a model was not added. */
export function setModelProblems(problems: ModelProblems | null): void {
  useModels.setState({ problems });
}
