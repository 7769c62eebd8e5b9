import { describe, expect, it } from 'vitest';
import { zipFiles } from './zip';

// The app's tsconfig type-checks tests without Node's types, so Node's modules are loaded untyped.
const load = (specifier: string) => import(/* @vite-ignore */ specifier);
const { spawnSync } = (await load('node:child_process')) as {
  spawnSync: (cmd: string, args: string[], opts: { input: Uint8Array; encoding: 'utf8' }) => { status: number | null; stdout: string; stderr: string; error?: Error };
};

type Read = { bad: string | null; files: { name: string; size: number; date: number[]; text: string }[] };

/** Python's zipfile reads the archive, checks every CRC and reports names, sizes, dates and texts. */
function readWithPython(bytes: Uint8Array): Read {
  const script = [
    'import io, json, sys, zipfile',
    'z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))',
    'print(json.dumps({"bad": z.testzip(), "files": [{"name": i.filename, "size": i.file_size, "date": list(i.date_time), "text": z.read(i).decode("utf-8")} for i in z.infolist()]}))',
  ].join('\n');
  const run = spawnSync('python3', ['-c', script], { input: bytes, encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(`python3 could not read the archive: ${run.error?.message ?? run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('zipFiles', () => {
  it('writes an archive another implementation reads back, names in UTF-8', () => {
    const entries = [
      { name: 'film.shots.csv', text: 'film,shot\nfilm.mp4,1\n' },
      { name: "Le film d'été (2).srt", text: '1\n00:00:00,000 --> 00:00:04,000\nMS · Medium shot\n' },
      { name: 'empty.txt', text: '' },
    ];
    const read = readWithPython(zipFiles(entries, new Date(2024, 2, 9, 13, 45, 31)));
    expect(read.bad).toBeNull();
    expect(read.files.map((f) => f.name)).toEqual(entries.map((e) => e.name));
    expect(read.files.map((f) => f.text)).toEqual(entries.map((e) => e.text));
    expect(read.files[1].size).toBe(new TextEncoder().encode(entries[1].text).length);
    expect(read.files[0].date).toEqual([2024, 3, 9, 13, 45, 30]);
  });

  it('compresses, and keeps a big export whole (every CRC checked)', () => {
    const text = Array.from({ length: 20000 }, (_, i) => `film.mp4,${i}.5,00:00:${String(i % 60).padStart(2, '0')}:00,${i * 24 + 12},${1 + (i >> 4)},MS`).join('\n');
    const bytes = zipFiles([{ name: 'film.shotscale.csv', text }]);
    expect(bytes.length).toBeLessThan(text.length / 4);
    const read = readWithPython(bytes);
    expect(read.bad).toBeNull();
    expect(read.files[0].text).toBe(text);
  });

  it('refuses two files of one name, which an archive would keep only one of', () => {
    expect(() => zipFiles([{ name: 'a.csv', text: '1' }, { name: 'a.csv', text: '2' }])).toThrow(/Two files named “a.csv”/);
  });

  it('writes an empty archive as just the end record', () => {
    const bytes = zipFiles([]);
    expect(bytes.length).toBe(22);
    expect(readWithPython(bytes).files).toEqual([]);
  });
});
