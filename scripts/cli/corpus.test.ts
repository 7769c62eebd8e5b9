import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../workers/decode/fingerprint';
import { fingerprintFile, fingerprintFilms, filmKey, mapPath, readCorpus, resultBase } from './corpus-manifest.mjs';
import { corpusCsv, csvField, mergeCorpus } from './corpus-merge.mjs';
import { bar, clock, corpusFigures, CorpusProgress } from './corpus-progress.mjs';
import { RECORD_FORMAT } from './corpus-results.mjs';
import { csvRecords, parseCsv } from './csv.mjs';

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shotscale-corpus-unit-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

describe('csvRecords', () => {
  it('gives each record the line it starts on, quoted newlines included', () => {
    const { records, unterminatedAt } = csvRecords('a,b\n\n"x\ny",2\r\nlast,3');
    expect(unterminatedAt).toBeNull();
    expect(records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x\ny', '2'], line: 3 },
      { fields: ['last', '3'], line: 5 },
    ]);
  });
  it('names the line of a quote never closed and keeps the records before it', () => {
    const { records, unterminatedAt } = csvRecords('path\na.mp4\n"b.mp4\nc.mp4\n');
    expect(unterminatedAt).toBe(3);
    expect(records.map((r) => r.fields)).toEqual([['path'], ['a.mp4']]);
  });
});

describe('manifests', () => {
  it('reads paths relative to the manifest, metadata by column, and names every bad row', () => {
    const dir = folder({ 'films/a.mp4': 'aaaa', 'films/b.mov': 'bbbb', 'films/empty.mp4': '', 'list/corpus.csv': '' });
    writeFileSync(
      join(dir, 'list', 'corpus.csv'),
      '\uFEFFtitle,PATH,year,title\n' +
        'A,../films/a.mp4,1959,dup\n' +
        '"B, the film",../films/b.mov,1962,x\n' +
        'C,../films/missing.mp4,1970,x\n' +
        'D,../films,1971,x\n' +
        'E,../films/empty.mp4,1972,x\n' +
        'F,,1973,x\n' +
        'G,too,few\n',
    );
    const { films, columns, problems } = readCorpus([join(dir, 'list', 'corpus.csv')]);
    expect(columns).toEqual(['title', 'year']);
    expect(films).toEqual([
      { row: 'corpus.csv line 2', path: join(dir, 'films', 'a.mp4'), name: 'a.mp4', metadata: { title: 'A', year: '1959' } },
      { row: 'corpus.csv line 3', path: join(dir, 'films', 'b.mov'), name: 'b.mov', metadata: { title: 'B, the film', year: '1962' } },
    ]);
    expect(problems).toEqual([
      'corpus.csv: column `title` appears twice; the first is used',
      'corpus.csv line 4: ../films/missing.mp4: not found',
      'corpus.csv line 5: ../films: is a folder (in a manifest, each row names one file)',
      'corpus.csv line 6: ../films/empty.mp4: is empty',
      'corpus.csv line 7: no path',
      'corpus.csv line 8: 3 fields where the header has 4; a comma inside a value needs the value in "quotes"',
    ]);
  });

  it('a manifest without a path column says what it found', () => {
    const dir = folder({ 'c.csv': 'file,title\na.mp4,A\n' });
    expect(readCorpus([join(dir, 'c.csv')]).problems).toEqual(['c.csv: the first line must name the columns, one of them `path` (got: file, title)']);
  });

  it('a file it cannot read is named', () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const dir = folder({ 'a.mp4': 'x', 'c.csv': 'path\na.mp4\n' });
    chmodSync(join(dir, 'a.mp4'), 0);
    expect(readCorpus([join(dir, 'c.csv')]).problems[0]).toMatch(/^c\.csv line 2: a\.mp4: cannot be read \(EACCES\)$/);
  });

  it('a folder gives its videos in name order with their subfolder; files are taken as given', () => {
    const dir = folder({ 'b/z.mkv': '1', 'a/y.mp4': '2', 'a/notes.txt': 'n', '.hidden/x.mp4': '3', 'top.webm': '4' });
    const { films, columns, problems } = readCorpus([dir]);
    expect(films.map((f) => [f.name, f.metadata.folder])).toEqual([['y.mp4', 'a'], ['z.mkv', 'b'], ['top.webm', '']]);
    expect(columns).toEqual(['folder']);
    expect(problems).toEqual([]);
    const listed = readCorpus([join(dir, 'top.webm'), join(dir, 'nope.mp4'), join(dir, 'a', 'notes.txt')]);
    expect(listed.films.map((f) => f.name)).toEqual(['top.webm', 'notes.txt']);
    expect(listed.films[0].metadata).toEqual({});
    expect(listed.problems).toEqual([`${join(dir, 'nope.mp4')}: not found`]);
    expect(readCorpus([dir, join(dir, 'x.csv')]).problems).toContain(`${join(dir, 'x.csv')}: a manifest must be the only input (give one CSV, or folders and files)`);
  });
});

describe('fingerprints', () => {
  it('are the app’s own (workers/decode/fingerprint.ts), across its 8 MiB pieces', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024 + 12345);
    for (let i = 0; i < big.length; i += 4096) big[i] = (i / 4096) & 255;
    const dir = folder({ 'big.bin': big, 'small.bin': 'hello', 'one.bin': 'x' });
    for (const name of ['big.bin', 'small.bin', 'one.bin']) {
      const bytes = readFileSync(join(dir, name));
      expect(fingerprintFile(join(dir, name)), name).toBe(await fingerprint(new Blob([bytes])));
    }
  });

  it('find a film listed twice under two names, and keep the first', () => {
    const dir = folder({ 'a.mp4': 'same', 'b.mp4': 'same', 'c.mp4': 'other' });
    const rows = ['a.mp4', 'b.mp4', 'c.mp4'].map((n, i) => ({ row: `m.csv line ${i + 2}`, path: join(dir, n), name: n, metadata: {} }));
    const { films, problems } = fingerprintFilms(rows);
    expect(films.map((f) => f.name)).toEqual(['a.mp4', 'c.mp4']);
    expect(problems).toEqual(['m.csv line 3: b.mp4 is the same film as m.csv line 2 (a.mp4), byte for byte; it is analysed once, under m.csv line 2']);
  });

  it('key a film by content, model and rate, and name its files the same on every worker', () => {
    const key = filmKey('wabc', { id: 'm', version: '1.0.0' }, 2);
    expect(key).toBe('wabc|m@1.0.0|2fps');
    expect(resultBase('Le Mépris: 1963.mp4', key)).toMatch(/^Le Mépris_ 1963-[0-9a-f]{10}\.shotscale$/);
    expect(resultBase('a.mp4', key)).not.toBe(resultBase('a.mp4', filmKey('wabc', { id: 'm', version: '1.0.0' }, 1)));
    expect(mapPath('/home/me/films/a.mp4', [['/home/me/films', '/mnt/corpus']])).toBe('/mnt/corpus/a.mp4');
    expect(mapPath('/home/me/filmsX/a.mp4', [['/home/me/films', '/mnt/corpus']])).toBe('/home/me/filmsX/a.mp4');
  });
});

describe('merge', () => {
  const stats = (asl: number) => ({ shotCount: 4, durationSec: 4 * asl, aslSec: asl, medianSec: asl, cv: 0.5, correctedCount: 1, unreadableSec: 0, scaleShotFractions: { ECU: 0, CU: 0.5, MCU: 0, MS: 0, MLS: 0, LS: 0.5, ELS: 0, NA: 0 }, scaleScreenFractions: { ECU: 0, CU: 0.25, MCU: 0, MS: 0, MLS: 0, LS: 0.75, ELS: 0, NA: 0 } });
  const rec = (name: string, line: number, extra: Record<string, unknown>) => ({
    format: RECORD_FORMAT,
    version: 1,
    key: `w${name}|m@1|1fps`,
    fingerprint: `w${name}`,
    name,
    path: `/films/${name}`,
    row: `c.csv line ${line}`,
    metadata: { title: name.toUpperCase(), year: String(1958 + line) },
    columns: ['title', 'year'],
    outcome: 'done',
    model: { id: 'm', version: '1', backend: 'wasm' },
    fps: 1,
    durationSec: 12,
    samples: 12,
    wallSec: 3,
    worker: 'w1',
    finishedAt: '2026-12-07T00:00:00Z',
    appVersion: '0.1.0',
    files: [],
    stats: stats(3),
    project: { analysis: { key: `k${name}` }, seconds: [] },
    ...extra,
  });

  it('writes one CSV row per film in manifest order, and a corpus project of the analysed ones', () => {
    const dir = folder({});
    writeFileSync(join(dir, 'b.shotscale.corpus.json'), JSON.stringify(rec('b.mp4', 3, { metadata: { title: 'B, "the" film', year: '1961', genre: 'drama' } })));
    writeFileSync(join(dir, 'a.shotscale.corpus.json'), JSON.stringify(rec('a.mp4', 10, {})));
    writeFileSync(join(dir, 'x.shotscale.corpus.json'), JSON.stringify(rec('x.mp4', 2, { outcome: 'failed', error: 'Decoding failed.', stats: null, project: null })));
    writeFileSync(join(dir, 'junk.shotscale.corpus.json'), '{"format":"other"}');
    const m = mergeCorpus(dir, join(dir, 'all'));
    expect(m).toMatchObject({ films: 2, failed: 1, columns: ['title', 'year', 'genre'] });
    const rows = parseCsv(readFileSync(m.csv, 'utf8'));
    expect(rows[0].slice(0, 10)).toEqual(['name', 'outcome', 'title', 'year', 'genre', 'duration_s', 'shots', 'asl_s', 'median_shot_s', 'cv']);
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['x.mp4', 'failed', 'X.MP4', '1960', ''],
      ['b.mp4', 'done', 'B, "the" film', '1961', 'drama'],
      ['a.mp4', 'done', 'A.MP4', '1968', ''],
    ]);
    const h = rows[0];
    const b = Object.fromEntries(h.map((k, i) => [k, rows[2][i]]));
    expect(b).toMatchObject({ shots: '4', asl_s: '3', shots_CU: '0.5', screen_LS: '0.75', corrected_shots: '1', model: 'm@1', fps: '1' });
    expect(rows[1][h.indexOf('error')]).toBe('Decoding failed.');
    const project = JSON.parse(readFileSync(m.project, 'utf8'));
    expect(project).toMatchObject({ format: 'shotscale-project', version: 1, corpus: { name: 'all', columns: ['title', 'year', 'genre'] } });
    expect(project.films.map((f: { analysis: { key: string }; metadata: Record<string, string> }) => [f.analysis.key, f.metadata.year])).toEqual([['kb.mp4', '1961'], ['ka.mp4', '1968']]);
  });

  it('quotes CSV fields only where it must', () => {
    expect(['a', 'b,c', 'say "hi"', 'two\nlines', 1 / 3, null, Number.NaN].map(csvField)).toEqual(['a', '"b,c"', '"say ""hi"""', '"two\nlines"', '0.333333', '', '']);
    expect(corpusCsv([], ['title']).split('\n')[0].startsWith('name,outcome,title,duration_s')).toBe(true);
  });
});

describe('progress', () => {
  it('figures: film-hours per hour, and time left from the bytes still to read', () => {
    const f = corpusFigures({ films: 4, finished: 1, filmSec: 7200, bytesDone: 1e9, bytesLeft: 3e9, wallSec: 1800 });
    expect(f.filmHoursPerHour).toBe(4);
    expect(f.leftSec).toBeCloseTo(5400, 6);
    expect(corpusFigures({ films: 4, finished: 0, filmSec: 0, bytesDone: 0, bytesLeft: 3e9, wallSec: 10 }).leftSec).toBeNaN();
    expect([clock(42), clock(125), clock(3 * 3600 + 61), clock(Number.NaN)]).toEqual(['42 s', '2 min 05 s', '3 h 01 min', '–']);
    expect(bar(0.5, 4)).toBe('██░░');
    expect(bar(2, 3)).toBe('███');
  });

  it('in a log: a line when a film starts and ends, and the corpus after each', () => {
    const lines: string[] = [];
    const stream = { write: (s: string) => lines.push(s), isTTY: false } as unknown as NodeJS.WriteStream;
    const p = new CorpusProgress({ films: 2, bytes: 100, stream, logEverySec: 3600 });
    p.start('a', 'a.mp4');
    p.update('a', { done: 3, total: 10, framesPerSec: 20, etaSec: 5 });
    p.end('a', 'a.mp4: done', { bytes: 50, filmSec: 10 });
    expect(lines[0]).toBe('a.mp4: started\n');
    expect(lines[1]).toBe('a.mp4: done\n');
    expect(lines[2]).toMatch(/^corpus: 1\/2 films, [\d.]+ film-hours per hour, ~.+ left\n$/);
    expect(lines).toHaveLength(3);
  });

  it('on a terminal: bars redrawn in place', () => {
    let text = '';
    const stream = { write: (s: string) => (text += s), isTTY: true, columns: 100 } as unknown as NodeJS.WriteStream;
    const p = new CorpusProgress({ films: 2, bytes: 100, stream });
    p.start('a', 'a.mp4');
    p.update('a', { done: 5, total: 10, framesPerSec: 20, etaSec: 5 });
    expect(text).toContain('\x1b[2A\x1b[0J');
    expect(text).toContain('a.mp4 5/10 s, ~5 s left');
    expect(text).toContain('░ corpus: 0/2 films');
  });
});
