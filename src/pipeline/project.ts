import { create } from 'zustand';
import { version as APP_VERSION } from '../../package.json';
import { isEmptyCorrections } from '../shared/corrections';
import { describeError } from '../shared/errors';
import { modelKey } from '../shared/modelCard';
import { makeProject, parseProject, isProjectProblem, projectFileName, projectText, type ProjectFilm } from '../shared/project';
import { frameToSec } from '../shared/timecode';
import * as db from '../store/db';
import { removeFilm, useApp, type Film } from '../store/store';
import { showSaved } from './restore';

/** What the last project action did, for the page: a result or a problem. */
export interface ProjectMessage {
  kind: 'info' | 'error';
  title: string;
  detail: string;
}

/** The last project message (save, open, delete). */
export const useProjectMessage = create<{ message: ProjectMessage | null }>()(() => ({ message: null }));

function tell(message: ProjectMessage | null): void {
  useProjectMessage.setState({ message });
}

/** True for a file to open as a project: `.shotscale.json`, or any `.json` dropped without a model (`.onnx`) beside it. */
export function isProjectFile(file: File, dropped: readonly File[]): boolean {
  const name = file.name.toLowerCase();
  if (name.endsWith('.shotscale.json')) return true;
  return name.endsWith('.json') && !dropped.some((f) => f.name.toLowerCase().endsWith('.onnx'));
}

/** A film as a project stores it (its saved analysis record, seconds, corrections, shots), or null before it has results. */
export async function projectFilm(film: Film): Promise<ProjectFilm | null> {
  if (!film.key || !film.info || film.results.length === 0) return null;
  const saved = await db.getAnalysis(film.key).catch(() => undefined);
  const cuts =
    saved?.cuts ??
    (film.transitions && film.frameCount !== undefined && film.frameRate
      ? { transitions: film.transitions, frameCount: film.frameCount, endSec: film.frameTimes?.endSec ?? frameToSec(film.frameCount, film.frameRate), frameTimesSec: film.frameTimes?.frameTimesSec, unreadable: film.unreadable }
      : undefined);
  const { detailsMissing: _, ...record } = saved ?? { key: film.key, info: film.info, fps: film.fps, total: film.progress.total, modelId: film.model ? modelKey(film.model) : 'unknown', complete: film.status === 'done', updatedAt: Date.now() };
  return {
    analysis: { ...record, cuts },
    seconds: [...film.results, ...(film.shotSamples ?? [])],
    ...(film.corrections && !isEmptyCorrections(film.corrections) ? { corrections: film.corrections } : {}),
    ...(film.shots ? { shots: film.shots } : {}),
  };
}

/** The project of every analysed film on the page: its file name and text, or null when there is none. */
export async function buildProject(): Promise<{ fileName: string; text: string; films: number } | null> {
  const films = (await Promise.all(useApp.getState().films.map(projectFilm))).filter((f): f is ProjectFilm => f !== null);
  if (films.length === 0) {
    tell({ kind: 'error', title: 'Nothing to save yet', detail: 'Analyse a film first; a project holds the analyses shown on this page.' });
    return null;
  }
  const project = makeProject(films, APP_VERSION, new Date());
  tell({ kind: 'info', title: `Project saved`, detail: `${films.length} film${films.length === 1 ? '' : 's'} with ${films.reduce((n, f) => n + Object.keys(f.corrections?.scales ?? {}).length, 0)} corrected scales. Open it in Shotscale on any machine; drop the videos there to bring back frames and heatmaps.` });
  return { fileName: projectFileName(project), text: projectText(project), films: films.length };
}

/**
 * Opens a project file: its analyses are saved in this browser (where none with the same key is
 * saved already: a saved one and its corrections are kept as they are) and shown at once.
 */
export async function openProject(file: File): Promise<void> {
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    tell({ kind: 'error', title: `“${file.name}” could not be read`, detail: describeError(err).detail });
    return;
  }
  const project = parseProject(text);
  if (isProjectProblem(project)) {
    tell({ kind: 'error', title: `${project.title}: “${file.name}”`, detail: project.detail });
    return;
  }
  let added = 0;
  const kept: string[] = [];
  const keptCorrections: string[] = [];
  try {
    for (const film of project.films) {
      const record: db.SavedAnalysis = { ...film.analysis, detailsMissing: true };
      const written = await db.putImportedAnalysis(record, film.seconds);
      if (written) added++;
      else kept.push(film.analysis.info.name);
      if (film.corrections) {
        const mine = await db.getCorrections(film.corrections.fingerprint);
        if (!mine || isEmptyCorrections(mine)) await db.putCorrections(film.corrections);
        else if (JSON.stringify(mine) !== JSON.stringify(film.corrections)) keptCorrections.push(film.analysis.info.name);
      }
      const shown = written ? record : await db.getAnalysis(film.analysis.key);
      if (shown) await showSaved(shown);
    }
  } catch (err) {
    const e = describeError(err);
    tell({ kind: 'error', title: `“${file.name}” could not be stored in this browser`, detail: `${e.title}: ${e.detail} ${added} of ${project.films.length} films were opened; what was saved before is unchanged.` });
    return;
  }
  const parts = [
    `${project.films.length} film${project.films.length === 1 ? '' : 's'} from Shotscale ${project.app.version}, saved ${project.savedAt.slice(0, 16).replace('T', ' ')} UTC.`,
    kept.length ? `Already saved in this browser, kept as it was: ${kept.map((n) => `“${n}”`).join(', ')}.` : '',
    keptCorrections.length ? `Your own corrections here were kept for ${keptCorrections.map((n) => `“${n}”`).join(', ')}.` : '',
    added ? 'Drop the videos to bring back their frames and heatmaps.' : '',
  ];
  tell({ kind: 'info', title: `Opened “${file.name}”`, detail: parts.filter(Boolean).join(' ') });
}

/** Deletes a saved analysis (its cards close); the file's corrections go too when no other analysis of it is left. */
export async function deleteSavedAnalysis(key: string): Promise<void> {
  const a = await db.getAnalysis(key);
  await db.deleteAnalysis(key);
  for (const f of useApp.getState().films.filter((x) => x.key === key)) removeFilm(f.id);
  if (!a) return;
  const others = (await db.listAnalyses()).some((x) => x.info.fingerprint === a.info.fingerprint);
  if (!others) await db.deleteCorrections(a.info.fingerprint);
}
