import * as Comlink from 'comlink';
import { naProbability } from '../shared/na';
import { fuseSecond, softmax } from '../shared/fuse';
import { resultsToCsv, resultsToJson } from '../shared/export';
import { isCorrect, isWithinOne, summarise, type EvalSummary, type ScoredExample } from '../shared/scoring';
import { parseLabel, SCALE_CODES, type ScaleCode } from '../shared/taxonomy';
import type { ModelInfo, SecondResult } from '../shared/types';
import { useApp, type Film } from '../store/store';
import { ensureModel } from './model';
import { analyzeFiles, BATCH_SIZE, idle } from './pipeline';
import { decodeWorker, inferWorker } from './workers';

/** What `window.shotscale` offers to the analyze/eval scripts (and to curious users in devtools). */
export interface HeadlessApi {
  model(): Promise<ModelInfo>;
  analyze(files: File[]): string[];
  idle(): Promise<void>;
  films(): Film[];
  classifyStills(files: File[]): Promise<SecondResult[]>;
  /** A film's results in the app's own CSV and JSON export formats. */
  exportFilm(id: string): { name: string; csv: string; json: string };
  /**
   * Classifies labelled stills and scores them. Labels use the app's label semantics (codes, the
   * MEDIUM/WS aliases, alternatives joined by `|`); all labels are checked before any image is
   * classified, and a bad one throws an error named `LabelError`.
   */
  evaluate(files: File[], labels: string[], onProgress?: (done: number, total: number) => void): Promise<EvalResult>;
}

/** One scored still. */
export interface EvalPrediction {
  index: number;
  label: string;
  pred: ScaleCode;
  correct: boolean;
  withinOne: boolean;
  naProb: number;
  probs: Record<ScaleCode, number>;
}

/** What `evaluate` returns. */
export interface EvalResult {
  summary: EvalSummary;
  predictions: EvalPrediction[];
}

/** Stills classified per step of `evaluate` (progress is reported after each). */
const EVAL_CHUNK = 64;

/** Classifies still images through the same decode → infer → fuse path as video frames. */
async function classifyStills(files: File[]): Promise<SecondResult[]> {
  const { card } = await ensureModel();
  const out: SecondResult[] = [];
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    const chunk = files.slice(start, start + BATCH_SIZE);
    const batch = await decodeWorker().stills(chunk, card.input.width, card.input.height);
    const res = await inferWorker().classify(Comlink.transfer(batch.rgba, [batch.rgba.buffer as ArrayBuffer]), chunk.length);
    const k = card.classes.length;
    chunk.forEach((_, i) => {
      const probs = softmax(res.logits.subarray(i * k, (i + 1) * k));
      out.push(fuseSecond(start + i, 0, card.classes, probs, naProbability(batch.stats[i])));
    });
  }
  return out;
}

/** Both export formats of one film, as the film card's CSV and JSON buttons make them. */
function exportFilm(id: string): { name: string; csv: string; json: string } {
  const { films, model } = useApp.getState();
  const film = films.find((f) => f.id === id);
  if (!film) throw new Error(`No film with id ${id}`);
  const modelRef = model ? { id: model.card.id, version: model.card.version, backend: model.backend } : undefined;
  return { name: film.name, csv: resultsToCsv(film.results), json: resultsToJson(film.info, modelRef, film.fps, film.results) };
}

/** Classifies labelled stills and scores them with the app's scoring. */
async function evaluate(files: File[], labels: string[], onProgress?: (done: number, total: number) => void): Promise<EvalResult> {
  if (files.length !== labels.length) throw new Error(`${files.length} files but ${labels.length} labels`);
  const accepted: Set<ScaleCode>[] = [];
  const bad: string[] = [];
  labels.forEach((label, i) => {
    try {
      accepted.push(parseLabel(label));
    } catch (err) {
      bad.push(`row ${i + 1} (${files[i]?.name ?? '?'}): ${(err as Error).message}`);
    }
  });
  if (bad.length) {
    const err = new Error(`${bad.length} bad label(s): ${bad.slice(0, 10).join('; ')}${bad.length > 10 ? '; …' : ''}`);
    err.name = 'LabelError';
    throw err;
  }
  const results: SecondResult[] = [];
  for (let start = 0; start < files.length; start += EVAL_CHUNK) {
    results.push(...(await classifyStills(files.slice(start, start + EVAL_CHUNK))));
    onProgress?.(results.length, files.length);
  }
  const examples: ScoredExample[] = results.map((r, i) => ({ pred: r.label, accepted: accepted[i], label: labels[i].trim().toUpperCase() }));
  const predictions = results.map((r, i) => ({
    index: i,
    label: examples[i].label,
    pred: r.label,
    correct: isCorrect(r.label, accepted[i]),
    withinOne: isWithinOne(r.label, accepted[i]),
    naProb: r.naProb,
    probs: Object.fromEntries(SCALE_CODES.map((c, k) => [c, r.probs[k]])) as Record<ScaleCode, number>,
  }));
  return { summary: summarise(examples), predictions };
}

/** Installs `window.shotscale`. */
export function installHeadlessApi(): void {
  const api: HeadlessApi = {
    model: ensureModel,
    analyze: analyzeFiles,
    idle,
    films: () => useApp.getState().films,
    classifyStills,
    exportFilm,
    evaluate,
  };
  (window as unknown as { shotscale: HeadlessApi }).shotscale = api;
}
