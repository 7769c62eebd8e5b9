import { parseCorrections, type Corrections } from './corrections';
import type { CutSummary } from './filmShots';
import type { Shot, TransitionKind, UnreadableStretch } from './shotTypes';
import { isScaleCode, N_CODES } from './taxonomy';
import type { SecondResult, VideoInfo } from './types';

/**
 * A Shotscale project file (`.shotscale.json`): every analysis of a page (film metadata and
 * fingerprint, sampled seconds, cut detection, shots, the user's corrections, which model made
 * it) and the app version, so that another browser shows the analyses at once. Frames and CAMs are
 * not in it: they come back when the video itself is dropped (matched by fingerprint).
 */

/** What the `format` field of every project file says. */
export const PROJECT_FORMAT = 'shotscale-project';
/** The project format this app writes and reads. */
export const PROJECT_VERSION = 1;

/** An analysis as a project stores it (the IndexedDB record, without its frames). */
export interface ProjectAnalysis {
  key: string;
  info: VideoInfo;
  fps: number;
  total: number;
  /** `id@version` of the model card that made it. */
  modelId: string;
  complete: boolean;
  updatedAt: number;
  cuts?: CutSummary;
}

/** One film of a project. */
export interface ProjectFilm {
  analysis: ProjectAnalysis;
  /** Every classified sample: the regular seconds and the extra shot samples. */
  seconds: SecondResult[];
  corrections?: Corrections;
  /** The shots as the page showed them (corrections applied), for other tools; the app rebuilds them from `analysis.cuts`. */
  shots?: Shot[];
  /** A corpus film's metadata from the scholar's manifest (title, year, director, …), column → value. */
  metadata?: Record<string, string>;
}

/** What makes a project a corpus (`npm run corpus -- merge`): its name and the manifest's metadata columns, in order. */
export interface ProjectCorpus {
  name: string;
  columns: string[];
}

/** A whole project file. */
export interface Project {
  format: typeof PROJECT_FORMAT;
  version: number;
  app: { name: 'Shotscale'; version: string };
  savedAt: string;
  films: ProjectFilm[];
  /** Present when the project is a corpus merged from headless runs: the app shows it as a table of films. */
  corpus?: ProjectCorpus;
}

/** Why a file is not a project this app can open. */
export interface ProjectProblem {
  kind: 'damaged' | 'not-a-project' | 'newer' | 'older';
  title: string;
  detail: string;
}

/** A project of these films, written by app `appVersion` at `savedAt`. */
export function makeProject(films: ProjectFilm[], appVersion: string, savedAt: Date): Project {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, app: { name: 'Shotscale', version: appVersion }, savedAt: savedAt.toISOString(), films };
}

/** A project as the text of its file. */
export function projectText(project: Project): string {
  return JSON.stringify(project);
}

/** The file name for a project: `shotscale-<date>.shotscale.json`, or after its only film. */
export function projectFileName(project: Project): string {
  const only = project.films.length === 1 ? project.films[0].analysis.info.name.replace(/\.[^.]+$/, '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_') : '';
  return `${only || `shotscale-${project.savedAt.slice(0, 10)}`}.shotscale.json`;
}

const TRANSITION_KINDS: readonly TransitionKind[] = ['start', 'cut', 'dissolve', 'fade-in', 'fade-out', 'fade', 'wipe', 'unreadable', 'resume'];
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';

function infoProblem(v: Partial<VideoInfo> | undefined): string | null {
  if (!v || typeof v !== 'object') return 'no film info';
  if (!isStr(v.fingerprint) || !v.fingerprint) return 'no fingerprint';
  if (!isStr(v.name)) return 'no file name';
  for (const k of ['sizeBytes', 'durationSec', 'startTimestampSec', 'width', 'height'] as const) if (!isNum(v[k])) return `no ${k}`;
  if (!isStr(v.codec) || !isStr(v.container)) return 'no codec or container';
  return null;
}

function cutsProblem(v: Partial<CutSummary> | undefined): string | null {
  if (v === undefined) return null;
  if (!v || !Array.isArray(v.transitions) || !isInt(v.frameCount) || !isNum(v.endSec)) return 'cut detection results are incomplete';
  const times = v.frameTimesSec;
  if (times !== undefined && (!Array.isArray(times) || times.length !== v.frameCount || !times.every((t, k) => isNum(t) && (k === 0 || t > times[k - 1])))) return 'frame times are malformed';
  const bad = v.transitions.findIndex((t) => !t || !TRANSITION_KINDS.includes(t.kind) || !isInt(t.startFrame) || !isInt(t.endFrame) || !isInt(t.shotStartFrame) || !isNum(t.score) || (t.uncertaintyFrames !== undefined && !isInt(t.uncertaintyFrames)));
  if (bad >= 0) return `transition ${bad + 1} is malformed`;
  const u = v.unreadable;
  const badStretch = (s: Partial<UnreadableStretch>) => !s || !isInt(s.startFrame) || !isInt(s.endFrame) || s.endFrame < s.startFrame || s.endFrame >= v.frameCount! || !isNum(s.startSec) || !isNum(s.endSec) || !isStr(s.reason);
  if (u !== undefined && (!Array.isArray(u) || u.some(badStretch))) return 'unreadable stretches are malformed';
  return null;
}

function secondProblem(r: Partial<SecondResult>): boolean {
  return !r || !isInt(r.index) || !isNum(r.tSec) || !Array.isArray(r.probs) || r.probs.length !== N_CODES || !r.probs.every(isNum) || !isStr(r.label) || !isScaleCode(r.label) || !isNum(r.naProb) || (r.frame !== undefined && !isInt(r.frame));
}

function filmProblem(f: Partial<ProjectFilm>): string | null {
  const a = f?.analysis as Partial<ProjectAnalysis> | undefined;
  if (!a || typeof a !== 'object') return 'no analysis';
  if (!isStr(a.key) || !a.key) return 'no analysis key';
  const info = infoProblem(a.info);
  if (info) return info;
  if (!isNum(a.fps) || a.fps <= 0 || !isInt(a.total) || !isStr(a.modelId) || typeof a.complete !== 'boolean') return 'sampling rate, total or model missing';
  const cuts = cutsProblem(a.cuts);
  if (cuts) return cuts;
  if (!Array.isArray(f.seconds)) return 'no seconds';
  const bad = f.seconds.findIndex((r) => secondProblem(r));
  if (bad >= 0) return `second ${bad + 1} is malformed`;
  if (f.corrections !== undefined) {
    const c = parseCorrections(f.corrections);
    if (typeof c === 'string') return `corrections: ${c}`;
    if (c.fingerprint !== a.info!.fingerprint) return 'corrections belong to another file';
  }
  if (f.metadata !== undefined && (!f.metadata || typeof f.metadata !== 'object' || Array.isArray(f.metadata) || !Object.values(f.metadata).every(isStr))) return 'metadata is not a table of text values';
  return null;
}

/**
 * Reads a project file's text: the project, or why it cannot be opened (damaged, not a project,
 * from a newer or an older app). Nothing is trusted that was not checked.
 */
export function parseProject(text: string): Project | ProjectProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'damaged', title: 'This project file is damaged', detail: `It is not valid JSON (${(err as Error).message}); it may have been cut short or edited. Nothing was changed.` };
  }
  const p = value as Partial<Project> | null;
  if (!p || typeof p !== 'object' || Array.isArray(p) || p.format !== PROJECT_FORMAT) {
    return { kind: 'not-a-project', title: 'This is not a Shotscale project', detail: 'The file is JSON but not a project saved by Shotscale (its "format" is not "shotscale-project"). Use Save project to make one. Nothing was changed.' };
  }
  const made = isStr(p.app?.version) ? ` (Shotscale ${p.app!.version})` : '';
  if (!isInt(p.version) || p.version < 1) {
    return { kind: 'damaged', title: 'This project file is damaged', detail: 'Its format version is missing or not a number. Nothing was changed.' };
  }
  if (p.version > PROJECT_VERSION) {
    return { kind: 'newer', title: 'This project comes from a newer Shotscale', detail: `It uses project format ${p.version}${made}; this app reads format ${PROJECT_VERSION}. Update Shotscale (reload the page while online) and open it again. Nothing was changed.` };
  }
  if (p.version < PROJECT_VERSION) {
    return { kind: 'older', title: 'This project comes from an older Shotscale', detail: `It uses project format ${p.version}${made}, which this app no longer reads. Nothing was changed.` };
  }
  if (!Array.isArray(p.films)) return { kind: 'damaged', title: 'This project file is damaged', detail: 'It has no list of films. Nothing was changed.' };
  const c = p.corpus as Partial<ProjectCorpus> | undefined;
  if (c !== undefined && (!c || !isStr(c.name) || !Array.isArray(c.columns) || !c.columns.every(isStr))) {
    return { kind: 'damaged', title: 'This project file is damaged', detail: 'Its corpus description (name and metadata columns) is malformed. Nothing was changed.' };
  }
  for (let i = 0; i < p.films.length; i++) {
    const problem = filmProblem(p.films[i]);
    if (problem) return { kind: 'damaged', title: 'This project file is damaged', detail: `Film ${i + 1}: ${problem}. Nothing was changed.` };
  }
  return p as Project;
}

/** True when parseProject found a problem. */
export function isProjectProblem(v: Project | ProjectProblem): v is ProjectProblem {
  return 'kind' in v && 'title' in v && !('films' in v);
}
