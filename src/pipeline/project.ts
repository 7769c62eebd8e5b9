import { create } from 'zustand';
import { version as APP_VERSION } from '../../package.json';
import { isEmptyCorrections } from '../shared/corrections';
import { describeError } from '../shared/errors';
import { modelKey } from '../shared/modelCard';
import { corpusRows } from '../shared/corpus';
import { makeProject, parseProject, isProjectProblem, projectFileName, projectText, type Project, type ProjectFilm } from '../shared/project';
import { frameToSec } from '../shared/timecode';
import { revealFilm, showCorpus } from '../store/corpus';
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
  const { detailsMissing: _, corpus: _c, ...record } = saved ?? { key: film.key, info: film.info, fps: film.fps, total: film.progress.total, modelId: film.model ? modelKey(film.model) : 'unknown', complete: film.status === 'done', updatedAt: Date.now() };
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
  if (project.corpus) return openCorpus(file.name, project);
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

/** Seconds of analyses written to IndexedDB per transaction when a corpus is stored (at least one film): each transaction holds the page for 0.15–0.4 s on two cores. */
const CORPUS_BATCH_SECONDS = 3_000;

/** A corpus being opened or open: its films by analysis key, the promise that each is in IndexedDB once its batch has started, and what storing did so far. */
interface CorpusSession {
  name: string;
  films: Map<string, ProjectFilm>;
  stored: Map<string, Promise<void>>;
  added: number;
  kept: string[];
  keptCorrections: string[];
}

/** The corpus last opened (a film clicked in its table is stored first if its turn has not come). */
let current: CorpusSession | null = null;

/** Writes films of a corpus to IndexedDB in one transaction (those saved already are kept), with their corrections. */
async function storeCorpusFilms(session: CorpusSession, films: readonly ProjectFilm[]): Promise<void> {
  const written = await db.putImportedAnalyses(films.map((f) => ({ analysis: { ...f.analysis, detailsMissing: true, corpus: session.name }, seconds: f.seconds })));
  for (const [i, film] of films.entries()) {
    if (written[i]) session.added++;
    else session.kept.push(film.analysis.info.name);
  }
  const kept = new Set(await db.putImportedCorrections(films.flatMap((f) => (f.corrections ? [f.corrections] : []))));
  for (const f of films) if (f.corrections && kept.has(f.corrections.fingerprint)) session.keptCorrections.push(f.analysis.info.name);
}

/** Starts storing these films (none of them started yet); each one's key maps to the promise of its batch until that fails. */
function startStoring(session: CorpusSession, films: readonly ProjectFilm[]): Promise<void> {
  const stored = storeCorpusFilms(session, films);
  for (const f of films) session.stored.set(f.analysis.key, stored);
  // A batch that failed is tried again when one of its films is clicked.
  stored.catch(() => films.forEach((f) => session.stored.get(f.analysis.key) === stored && session.stored.delete(f.analysis.key)));
  return stored;
}

const names = (list: readonly string[]) => (list.length <= 5 ? list.map((n) => `“${n}”`).join(', ') : `${list.length} films`);

/**
 * Opens a corpus project: its table shows at once (the figures come from the file) while its
 * analyses are stored in this browser, a few films per transaction; a film clicked before its turn
 * is stored first. No card opens until a film is clicked.
 */
async function openCorpus(fileName: string, project: Project): Promise<void> {
  const films = project.films;
  const session: CorpusSession = { name: project.corpus!.name, films: new Map(films.map((f) => [f.analysis.key, f])), stored: new Map(), added: 0, kept: [], keptCorrections: [] };
  current = session;
  showCorpus({ name: session.name, fileName, columns: project.corpus!.columns, rows: corpusRows(project) });
  const about = `Corpus “${session.name}”: ${films.length} film${films.length === 1 ? '' : 's'} from Shotscale ${project.app.version}, saved ${project.savedAt.slice(0, 16).replace('T', ' ')} UTC.`;
  const say = (message: ProjectMessage) => current === session && tell(message);
  say({ kind: 'info', title: `Opening “${fileName}”`, detail: `${about} Storing its analyses in this browser…` });
  let toldMs = Date.now();
  try {
    let next = 0;
    while (next < films.length) {
      const batch: ProjectFilm[] = [];
      let seconds = 0;
      for (; next < films.length && (batch.length === 0 || seconds + films[next].seconds.length <= CORPUS_BATCH_SECONDS); next++) {
        if (session.stored.has(films[next].analysis.key)) continue;
        batch.push(films[next]);
        seconds += films[next].seconds.length;
      }
      if (batch.length > 0) await startStoring(session, batch);
      // Progress at most every 2 s: the message is a live region that screen readers read out.
      if (next < films.length && Date.now() - toldMs >= 2000) {
        toldMs = Date.now();
        say({ kind: 'info', title: `Opening “${fileName}”`, detail: `${about} Storing its analyses in this browser: ${next} of ${films.length}…` });
      }
    }
    await Promise.all(session.stored.values());
    // Everything is in IndexedDB: a click reads it from there, the file's films need not be held.
    session.films.clear();
  } catch (err) {
    const e = describeError(err);
    say({ kind: 'error', title: `“${fileName}” could not be stored in this browser`, detail: `${e.title}: ${e.detail} The table shows all ${films.length} films; ${session.added} of them were stored and open from it. What was saved before is unchanged.` });
    return;
  }
  const parts = [
    about,
    'Click a film’s name in the table to see its timeline.',
    session.kept.length ? `Already saved in this browser, kept as ${session.kept.length === 1 ? 'it was' : 'they were'}: ${names(session.kept)}.` : '',
    session.keptCorrections.length ? `Your own corrections here were kept for ${names(session.keptCorrections)}.` : '',
    session.added ? 'Drop a film’s video to bring back its frames and heatmaps.' : '',
  ];
  say({ kind: 'info', title: `Opened “${fileName}”`, detail: parts.filter(Boolean).join(' ') });
}

/** Shows the card of a film of the open corpus (stored first if its turn has not come) and scrolls it into view; false when it cannot be shown. */
export async function showCorpusFilm(key: string): Promise<boolean> {
  const session = current;
  const film = session?.films.get(key);
  if (session && film) await (session.stored.get(key) ?? startStoring(session, [film]));
  const saved = await db.getAnalysis(key);
  if (!saved || !(await showSaved(saved))) return false;
  const shown = useApp.getState().films.find((f) => f.key === key);
  if (shown) revealFilm(shown.id);
  return shown !== undefined;
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
