import { describe, expect, it } from 'vitest';
import { emptyCorrections, setShotScale } from './corrections';
import { isProjectProblem, makeProject, parseProject, PROJECT_VERSION, projectFileName, projectText, type Project, type ProjectFilm } from './project';

function film(fingerprint = 'fp1'): ProjectFilm {
  return {
    analysis: {
      key: `${fingerprint}|m@1|1fps`,
      info: { fingerprint, name: 'film.mp4', sizeBytes: 1000, durationSec: 3, startTimestampSec: 0, width: 320, height: 180, codec: 'avc1', container: 'mp4' },
      fps: 1,
      total: 3,
      modelId: 'm@1',
      complete: true,
      updatedAt: 1,
      cuts: { transitions: [{ kind: 'start', startFrame: 0, endFrame: 0, shotStartFrame: 0, score: 1 }, { kind: 'cut', startFrame: 30, endFrame: 30, shotStartFrame: 30, score: 0.8 }], frameCount: 72, endSec: 3 },
    },
    seconds: [0, 1, 2].map((i) => ({ index: i, tSec: i + 0.5, frame: 12 + 24 * i, probs: [0, 1, 0, 0, 0, 0, 0, 0], label: 'CU', naProb: 0 })),
    corrections: setShotScale(emptyCorrections(fingerprint), 30, 'LS', 2),
  };
}

const project = (): Project => makeProject([film()], '0.1.0', new Date('2026-11-28T08:00:00Z'));

function problem(text: string) {
  const p = parseProject(text);
  if (!isProjectProblem(p)) throw new Error('expected a problem');
  return p;
}

describe('project files', () => {
  it('round-trip: what is written reads back equal', () => {
    const p = project();
    const back = parseProject(projectText(p));
    expect(isProjectProblem(back)).toBe(false);
    expect(back).toEqual(p);
    expect(p).toMatchObject({ format: 'shotscale-project', version: PROJECT_VERSION, app: { name: 'Shotscale', version: '0.1.0' }, savedAt: '2026-11-28T08:00:00.000Z' });
  });

  it('a corpus (metadata per film, its columns) round-trips; malformed metadata is named', () => {
    const p = { ...project(), films: [{ ...film('a'), metadata: { title: 'A', year: '1959' } }, { ...film('b'), metadata: { title: 'B', year: '1960' } }], corpus: { name: 'nouvelle vague', columns: ['title', 'year'] } };
    const back = parseProject(projectText(p));
    expect(isProjectProblem(back)).toBe(false);
    expect(back).toEqual(p);
    expect(problem(JSON.stringify({ ...p, corpus: { name: 'x', columns: [1] } })).detail).toContain('corpus description');
    expect(problem(JSON.stringify({ ...p, films: [{ ...film('a'), metadata: { year: 1959 } }] })).detail).toContain('Film 1: metadata is not a table of text values');
    expect(problem(JSON.stringify({ ...p, films: [{ ...film('a'), metadata: ['x'] }] })).detail).toContain('metadata');
  });

  it('is named after its only film, else after its date', () => {
    expect(projectFileName(project())).toBe('film.shotscale.json');
    expect(projectFileName(makeProject([film('a'), film('b')], '0.1.0', new Date('2026-11-28T08:00:00Z')))).toBe('shotscale-2026-11-28.shotscale.json');
  });

  it('a damaged file (cut short, not JSON) says so', () => {
    const text = projectText(project());
    expect(problem(text.slice(0, text.length / 2))).toMatchObject({ kind: 'damaged', title: 'This project file is damaged' });
    expect(problem('')).toMatchObject({ kind: 'damaged' });
  });

  it('someone else’s JSON is not a project', () => {
    for (const text of ['{"name":"package","version":"1.0.0"}', '[1,2,3]', 'null', '"text"', '{"format":"other"}']) expect(problem(text).kind).toBe('not-a-project');
  });

  it('newer and older format versions are named, with the app that wrote them', () => {
    const newer = problem(JSON.stringify({ ...project(), version: PROJECT_VERSION + 1, app: { name: 'Shotscale', version: '9.0.0' } }));
    expect(newer.kind).toBe('newer');
    expect(newer.detail).toContain('format 2 (Shotscale 9.0.0)');
    expect(problem(JSON.stringify({ ...project(), version: 0 })).kind).toBe('damaged');
    expect(problem(JSON.stringify({ ...project(), version: '1' })).kind).toBe('damaged');
  });

  it('malformed films are refused with the film and what is wrong', () => {
    const bad = (mutate: (f: ProjectFilm) => void) => {
      const p = project();
      p.films.push(film('fp2'));
      mutate(p.films[1]);
      return problem(JSON.stringify(p)).detail;
    };
    expect(bad((f) => ((f.analysis.info as { fingerprint?: string }).fingerprint = undefined))).toMatch(/^Film 2: no fingerprint/);
    expect(bad((f) => (f.seconds[1].probs = [1, 2]))).toMatch(/second 2 is malformed/);
    expect(bad((f) => ((f.seconds[0] as { label: string }).label = 'HUGE'))).toMatch(/second 1 is malformed/);
    expect(bad((f) => ((f.analysis.cuts!.transitions[1] as { kind: string }).kind = 'jump'))).toMatch(/transition 2 is malformed/);
    expect(bad((f) => (f.corrections = { ...f.corrections!, fingerprint: 'someone-else' }))).toMatch(/another file/);
    expect(bad((f) => ((f as { seconds?: unknown }).seconds = 'x'))).toMatch(/no seconds/);
  });
});
