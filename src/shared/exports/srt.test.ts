import { describe, expect, it } from 'vitest';
import { SCALE_NAMES } from '../taxonomy';
import { ffmetadataChapters, ffmetadataEscape } from './ffmetadata';
import { srt, srtTime } from './srt';
import { TEST_RATES, testFilm } from './testSupport';

// The app's tsconfig type-checks tests without Node's types, so Node's modules are loaded untyped.
const load = (specifier: string) => import(/* @vite-ignore */ specifier);
const { spawnSync } = (await load('node:child_process')) as {
  spawnSync: (cmd: string, args: string[], opts: { encoding: 'utf8' }) => { status: number | null; stdout: string; stderr: string; error?: Error };
};
const { mkdtempSync, rmSync, writeFileSync } = (await load('node:fs')) as {
  mkdtempSync: (prefix: string) => string;
  rmSync: (path: string, opts: { recursive: boolean; force: boolean }) => void;
  writeFileSync: (path: string, text: string) => void;
};
const { tmpdir } = (await load('node:os')) as { tmpdir: () => string };
const haveFfprobe = !spawnSync('ffprobe', ['-version'], { encoding: 'utf8' }).error;

/** ffprobe's CSV lines for a file holding `text`. */
function ffprobe(text: string, fileName: string, args: string[]): string[][] {
  const dir = mkdtempSync(`${tmpdir()}/shotscale-srt-test-`);
  writeFileSync(`${dir}/${fileName}`, text);
  const r = spawnSync('ffprobe', ['-v', 'error', ...args, '-of', 'csv=p=0', `${dir}/${fileName}`], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  expect(r.stderr).toBe('');
  return r.stdout.trim().split('\n').map((l) => l.split(','));
}

/** Reads SRT cues: number, start and end in milliseconds, text. */
function parseSrt(text: string): { n: number; startMs: number; endMs: number; text: string }[] {
  const ms = (t: string) => {
    const m = /^(\d\d):(\d\d):(\d\d),(\d\d\d)$/.exec(t);
    if (!m) throw new Error(`Bad SRT time "${t}"`);
    return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
  };
  return text
    .trim()
    .split(/\n\n/)
    .map((block) => {
      const [n, times, ...lines] = block.split('\n');
      const [a, b] = times.split(' --> ');
      return { n: Number(n), startMs: ms(a), endMs: ms(b), text: lines.join('\n') };
    });
}

/** Reads ffmetadata chapters. */
function parseChapters(text: string): { timebase: string; start: number; end: number; title: string }[] {
  expect(text.startsWith(';FFMETADATA1\n')).toBe(true);
  return text
    .split('[CHAPTER]\n')
    .slice(1)
    .map((block) => {
      const kv = Object.fromEntries(block.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      return { timebase: kv.TIMEBASE, start: Number(kv.START), end: Number(kv.END), title: kv.title };
    });
}

describe.each(TEST_RATES)('SRT and chapters at $label fps', ({ rate, dropFrame }) => {
  const { film, shots } = testFilm(rate, dropFrame);

  it('writes one cue per shot at its start and end, back to back', () => {
    const cues = parseSrt(srt(shots));
    expect(cues).toHaveLength(shots.length);
    cues.forEach((c, i) => {
      expect(c.n).toBe(i + 1);
      expect(c.startMs).toBe(Math.round(shots[i].startSec * 1000));
      expect(c.endMs).toBe(Math.round(shots[i].endSec * 1000));
      expect(c.endMs).toBeGreaterThan(c.startMs);
      if (i > 0) expect(c.startMs).toBe(cues[i - 1].endMs);
      expect(c.text.startsWith(`${shots[i].scale} · `)).toBe(true);
    });
    expect(cues[cues.length - 1].endMs).toBe(Math.round(film.durationSec * 1000));
    expect(cues[3].text).toBe('MCU · Medium close-up (corrected)');
    expect(cues[4].text).toBe('MLS · Medium long shot (changes scale)');
  });

  it('writes one chapter per shot in milliseconds', () => {
    const chapters = parseChapters(ffmetadataChapters(film, shots));
    expect(chapters).toHaveLength(shots.length);
    chapters.forEach((c, i) => {
      expect(c.timebase).toBe('1/1000');
      expect(c.start).toBe(Math.round(shots[i].startSec * 1000));
      expect(c.end).toBe(Math.round(shots[i].endSec * 1000));
      expect(c.title).toMatch(new RegExp(`^Shot ${i + 1}: ${shots[i].scale} `));
      expect(c.title.endsWith('(corrected)')).toBe(shots[i].corrected);
    });
    expect(shots.some((s) => s.corrected)).toBe(true);
  });
});

describe.skipIf(!haveFfprobe)('SRT and chapters read by FFmpeg', () => {
  const { film, shots } = testFilm({ num: 30000, den: 1001 }, true);

  it('reads one subtitle packet per shot at its time', () => {
    const packets = ffprobe(srt(shots), 'shots.srt', ['-show_entries', 'packet=pts_time,duration_time']);
    expect(packets).toHaveLength(shots.length);
    packets.forEach(([pts, duration], i) => {
      expect(Math.abs(Number(pts) - shots[i].startSec)).toBeLessThanOrEqual(0.0005);
      expect(Math.abs(Number(pts) + Number(duration) - shots[i].endSec)).toBeLessThanOrEqual(0.0015);
    });
  });

  it('reads one chapter per shot', () => {
    const chapters = ffprobe(ffmetadataChapters(film, shots), 'chapters.txt', ['-f', 'ffmetadata', '-show_chapters']);
    expect(chapters).toHaveLength(shots.length);
    chapters.forEach((c, i) => {
      expect(Math.abs(Number(c[3]) - shots[i].startSec)).toBeLessThanOrEqual(0.0005);
      expect(Math.abs(Number(c[5]) - shots[i].endSec)).toBeLessThanOrEqual(0.0005);
      expect(c[6]).toBe(`Shot ${i + 1}: ${shots[i].scale} ${SCALE_NAMES[shots[i].scale]}${shots[i].corrected ? ' (corrected)' : ''}`);
    });
  });
});

describe('SRT times', () => {
  it('uses a comma before the milliseconds', () => {
    expect(srtTime(0)).toBe('00:00:00,000');
    expect(srtTime(3_723_004)).toBe('01:02:03,004');
  });

  it('puts the cut at frame 1800 where each rate puts it', () => {
    const startOf4thCue = (num: number, den: number, df: boolean) => srt(testFilm({ num, den }, df).shots).split('\n\n')[3].split('\n')[1].split(' --> ')[0];
    expect(startOf4thCue(25, 1, false)).toBe('00:01:12,000');
    expect(startOf4thCue(24, 1, false)).toBe('00:01:15,000');
    expect(startOf4thCue(24000, 1001, false)).toBe('00:01:15,075');
    expect(startOf4thCue(30000, 1001, true)).toBe('00:01:00,060');
    expect(startOf4thCue(30, 1, false)).toBe('00:01:00,000');
  });

  it('shifts by an offset and drops cues shorter than a millisecond', () => {
    const { shots } = testFilm({ num: 25, den: 1 }, false);
    const cues = parseSrt(srt(shots, 1.5));
    expect(cues[0].startMs).toBe(1500);
    const tiny = [{ ...shots[0], endSec: 0.0004 }, { ...shots[1], startSec: 0.0004 }];
    expect(parseSrt(srt(tiny))).toHaveLength(1);
  });

  it('escapes ffmetadata specials', () => {
    expect(ffmetadataEscape('a=b;c#d\\e\nf')).toBe('a\\=b\\;c\\#d\\\\e\\\nf');
  });
});
