import * as Comlink from 'comlink';
import { formatBytes } from '../shared/format';
import { modelKey, parseModelCard } from '../shared/modelCard';
import type { ModelCard } from '../shared/types';
import { deleteModel, listModels } from '../store/modelDb';
import { DEFAULT_MODEL, setModelActivity, setModelChoice, setModelProblems, setStoredModels, useModels } from '../store/models';
import { useApp } from '../store/store';
import { backendChoice, defaultCardUrl, ensureModel, modelLoaded, threadsMismatch, wasmPrefix } from './model';
import { inferWorker, restartIdleInferWorker } from './workers';

/** Name of the error the inference worker throws for a model that breaks the contract. */
const IMPORT_ERROR = 'ModelImportError';

/** True for the files of a user's model: an `.onnx` file or a card `.json` (not a `.shotscale.json` project). */
export function isModelFile(name: string): boolean {
  return /\.onnx$/i.test(name) || (/\.json$/i.test(name) && !/\.shotscale\.json$/i.test(name));
}

/** True while any film is queued or being analysed (the model must not change under it). */
export function analysesRunning(): boolean {
  return useApp.getState().films.some((f) => f.status === 'queued' || f.status === 'probing' || f.status === 'running');
}

/** Reads the stored models into the store and falls back to the built-in one when the chosen model is gone. */
export async function refreshStoredModels(): Promise<void> {
  const stored = await listModels().catch(() => []);
  setStoredModels(stored);
  const { choice } = useModels.getState();
  if (choice !== DEFAULT_MODEL && !stored.some((m) => m.key === choice)) setModelChoice(DEFAULT_MODEL);
}

/** At start: the stored models, then the chosen model loaded. */
export async function initModels(): Promise<void> {
  await refreshStoredModels();
  await ensureModel();
}

/** Makes `choice` (DEFAULT_MODEL or a stored key) the model of new analyses and loads it. */
export function selectModel(choice: string): void {
  if (analysesRunning() || useModels.getState().activity) return;
  setModelProblems(null);
  chooseModel(choice);
}

function chooseModel(choice: string): void {
  setModelChoice(choice);
  ensureModel().catch(() => undefined);
}

/** Removes a stored model (its saved analyses stay); the built-in model takes over if it was chosen. */
export async function removeModel(key: string): Promise<void> {
  if (useModels.getState().choice === key && analysesRunning()) return;
  await deleteModel(key);
  if (useModels.getState().choice === key) selectModel(DEFAULT_MODEL);
  await refreshStoredModels();
}

async function defaultCard(): Promise<ModelCard | null> {
  try {
    return (await (await fetch(defaultCardUrl())).json()) as ModelCard;
  } catch {
    return null;
  }
}

function cardFileField(text: string): string | undefined {
  try {
    const file = (JSON.parse(text) as { file?: unknown } | null)?.file;
    return typeof file === 'string' ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Pairs dropped cards with ONNX files: one of each, else by the card's `file`; problems for the rest. */
async function pairFiles(files: readonly File[]): Promise<{ pairs: { cardText: string; card: File; onnx: File }[]; problems: string[] }> {
  const onnx = files.filter((f) => /\.onnx$/i.test(f.name));
  const cards = files.filter((f) => /\.json$/i.test(f.name));
  const problems: string[] = [];
  if (!onnx.length) problems.push(`Only a card was given (${cards.map((f) => `“${f.name}”`).join(', ')}): drop or pick its .onnx file together with it.`);
  if (!cards.length) problems.push(`Only an ONNX file was given (${onnx.map((f) => `“${f.name}”`).join(', ')}): drop or pick its model card (.json) together with it.`);
  if (problems.length) return { pairs: [], problems };
  const texts = await Promise.all(cards.map((f) => f.text()));
  if (onnx.length === 1 && cards.length === 1) return { pairs: [{ cardText: texts[0], card: cards[0], onnx: onnx[0] }], problems };
  const pairs: { cardText: string; card: File; onnx: File }[] = [];
  const used = new Set<File>();
  cards.forEach((card, i) => {
    const file = cardFileField(texts[i]);
    const match = onnx.find((o) => o.name === file);
    if (match) {
      pairs.push({ cardText: texts[i], card, onnx: match });
      used.add(match);
    } else problems.push(`No dropped .onnx file is named as the card “${card.name}” says (\`file\`: ${JSON.stringify(file ?? null)}).`);
  });
  for (const o of onnx) if (!used.has(o)) problems.push(`No dropped card names “${o.name}” in its \`file\`.`);
  return { pairs, problems };
}

/** Adds one checked pair; resolves to the problems (empty when it was added and chosen). */
async function addPair(cardText: string, onnx: File): Promise<string[]> {
  const parsed = parseModelCard(cardText);
  if (!parsed.card) return parsed.problems;
  const key = modelKey(parsed.card);
  const same = useModels.getState().stored.find((m) => m.key === key);
  if (same && same.card.sha256 === parsed.card.sha256) {
    chooseModel(key);
    return [];
  }
  if (same) return [`A different model with the same id and version (${key}) is already added: give this one another \`version\` in its card, or remove the other first. Results are kept per id and version, so two models must not share them.`];
  const builtIn = await defaultCard();
  if (builtIn && modelKey(builtIn) === key) return [`${key} is the built-in model’s id and version: give your model its own \`id\`.`];
  const label = `Checking ${onnx.name}`;
  setModelActivity({ label, stage: 'reading', doneBytes: 0, totalBytes: onnx.size });
  const onProgress = Comlink.proxy((p: { stage: 'reading' | 'checking' | 'loading' | 'saving'; doneBytes: number; totalBytes: number }) => {
    const what = {
      reading: `Reading and hashing ${onnx.name} (${formatBytes(p.doneBytes)} of ${formatBytes(p.totalBytes)})`,
      checking: `Checking ${onnx.name} against its card`,
      loading: `Starting ${onnx.name} and running it on a test frame`,
      saving: `Saving ${onnx.name} in this browser for offline use`,
    }[p.stage];
    setModelActivity({ label: what, ...p });
  });
  try {
    const info = await inferWorker().importModel(cardText, onnx, wasmPrefix(), backendChoice(), onProgress);
    modelLoaded(key, info);
    setModelChoice(key);
    await refreshStoredModels();
    // Saved and checked; it starts again in a fresh worker on its own thread count (a load
    // failure there shows on the model badge), when nothing else is using the worker.
    if (threadsMismatch(info) && restartIdleInferWorker()) await ensureModel().catch(() => undefined);
    return [];
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e?.name === IMPORT_ERROR) return (e.message ?? '').split('\n').filter(Boolean);
    return [`Unexpected failure: ${e?.message ?? String(err)}`];
  } finally {
    setModelActivity(null);
  }
}

let adding: Promise<void> = Promise.resolve();

/** Resolves when every model being added has been checked (and saved, or refused). */
export function modelsIdle(): Promise<void> {
  return adding;
}

/** Adds a user's model from dropped or picked files (a card `.json` and its `.onnx`), checked against the contract. */
export function addModelFiles(files: readonly File[]): Promise<void> {
  // Decided now: films dropped together with the model queue after this call and wait for it.
  const busy = analysesRunning();
  adding = adding.then(async () => {
    setModelProblems(null);
    if (busy) {
      setModelProblems({ title: 'The model was not added', problems: ['Films are being analysed with the current model: wait until they finish (or cancel them), then add the model again.'] });
      return;
    }
    const { pairs, problems } = await pairFiles(files);
    const all = [...problems];
    let title = 'The model was not added';
    for (const p of pairs) {
      const found = await addPair(p.cardText, p.onnx);
      if (found.length) {
        title = `“${p.onnx.name}” with “${p.card.name}” was not added`;
        all.push(...found);
      }
    }
    if (all.length) setModelProblems({ title, problems: all });
  });
  return adding;
}
