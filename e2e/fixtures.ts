import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where generated media fixtures live (git-ignored; made by ffmpeg on first use). */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '.generated');

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'inherit' });
}

/** A 30 s H.264 clip: 25 s of moving test pattern, then 5 s of black. */
function clip30(out: string): void {
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24:duration=25', '-f', 'lavfi', '-i', 'color=black:size=640x360:rate=24:duration=5', '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '48', out]);
}

/** The serif face Debian's fonts-dejavu-core installs (.ci/run installs it): the intertitle's lettering. */
export const INTERTITLE_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';

/**
 * A 9 s silent-film pattern: 3 s of moving test pattern, 3 s of an intertitle (dark serif lettering
 * in four lines on a pale, tinted, grainy card inside a ruled border, pillarboxed 4:3 in 16:9, as
 * a restored silent film shows it), then 3 s of the pattern again.
 */
function intertitleClip(out: string): void {
  const lines = ['THE STORM', 'and that night the river', 'rose above the old mill', 'at Hallow Creek']
    .map((t, i) => `drawtext=fontfile=${INTERTITLE_FONT}:text='${t}':fontcolor=0x2a2418:fontsize=${i === 0 ? 44 : 30}:x=(w-text_w)/2:y=${100 + i * 58}`)
    .join(',');
  const card = `color=c=0xd9ceb0:size=480x360:rate=24:duration=3,drawbox=x=28:y=28:w=424:h=304:color=0x2a2418:t=3,${lines},noise=alls=10:allf=t,pad=640:360:80:0:black`;
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24:duration=3',
    '-f', 'lavfi', '-i', card,
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24:duration=3',
    '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1[v]', '-map', '[v]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '48', out,
  ]);
}

function ffprobePackets(file: string): { ptsSec: number; pos: number; key: boolean }[] {
  const csv = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,pos,flags', '-of', 'csv=p=0', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return csv
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [pts, pos, flags] = l.split(',');
      return { ptsSec: Number(pts), pos: Number(pos), key: flags.startsWith('K') };
    });
}

/**
 * A 12 s H.264 clip with B-frames and a key frame every 2 s, whose labels change from second to
 * second: moving test pattern and black (NA) in runs of 3, 1, 2, 2, 1, 1, 2 s, so a film read
 * shifted by any whole number of seconds gives other labels.
 */
function originClip(out: string): void {
  const runs: [source: string, sec: number][] = [['testsrc2', 3], ['black', 1], ['testsrc2', 2], ['black', 2], ['testsrc2', 1], ['black', 1], ['testsrc2', 2]];
  let offsetSec = 0;
  const inputs = runs.flatMap(([source, sec]) => {
    // Each pattern run starts where the last left off, so no two seconds show the same frame.
    const input = source === 'black' ? `color=black:size=640x360:rate=24:duration=${sec}` : `testsrc2=size=640x360:rate=24:duration=${offsetSec + sec},trim=start=${offsetSec},setpts=PTS-STARTPTS`;
    offsetSec += sec;
    return ['-f', 'lavfi', '-i', input];
  });
  const concat = `${runs.map((_, i) => `[${i}:v]`).join('')}concat=n=${runs.length}:v=1[v]`;
  ffmpeg([...inputs, '-filter_complex', concat, '-map', '[v]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-bf', '3', '-g', '48', '-keyint_min', '48', '-sc_threshold', '0', out]);
}

/** How a remuxed variant relates to its zero-start original (written beside it as <file>.origin.json). */
export interface VariantOrigin {
  /** Where the variant's first presented frame lies in the original, in seconds. */
  startInOriginalSec: number;
  /** Source timestamp of that frame in the variant, as ffprobe reads it. */
  startTimestampSec: number;
}

/** The ways cameras, capture cards and stream-copy cutting leave files: same frames, no re-encoding. */
export type VariantKind = 'ts' | 'm2ts' | 'mts' | 'offset60.mp4' | 'offset60.mkv' | 'broadcast.ts' | 'preroll.mp4';

/** Every variant kind, in the order the specs use. */
export const VARIANT_KINDS: readonly VariantKind[] = ['ts', 'm2ts', 'mts', 'offset60.mp4', 'offset60.mkv', 'broadcast.ts', 'preroll.mp4'];

/**
 * Makes one variant of `src` at `out` with ffmpeg and records its origin. `cutSec`: where a
 * broadcast capture begins (mid-GOP, so its first packets cannot be decoded; it runs from the next
 * key frame). `prerollSec`: where an edit-list cut starts (ffmpeg -ss with stream copy: the frames
 * from the key frame before it are kept as pre-roll that players skip).
 */
export function makeVariant(src: string, kind: VariantKind, out: string, cutSec: number, prerollSec: number): void {
  const copy = ['-i', src, '-map', '0:v:0', '-c', 'copy'];
  const firstPtsSec = (file: string) => ffprobePackets(file).find((p) => p.key)!.ptsSec;
  let origin: VariantOrigin;
  if (kind === 'ts' || kind === 'm2ts' || kind === 'mts') {
    // .ts: 188-byte packets; .m2ts and AVCHD .mts: 192-byte packets with a 4-byte timestamp first.
    // The .mts starts where a camera's clock stood (an hour in), so its bytes differ from the .m2ts.
    ffmpeg([...copy, ...(kind === 'mts' ? ['-output_ts_offset', '3600'] : []), '-f', 'mpegts', '-mpegts_m2ts_mode', kind === 'ts' ? '0' : '1', out]);
    origin = { startInOriginalSec: 0, startTimestampSec: firstPtsSec(out) };
  } else if (kind === 'offset60.mp4' || kind === 'offset60.mkv') {
    ffmpeg([...copy, '-output_ts_offset', '60', out]);
    origin = { startInOriginalSec: 0, startTimestampSec: firstPtsSec(out) };
  } else if (kind === 'broadcast.ts') {
    const full = `${out}.full.ts`;
    ffmpeg([...copy, '-output_ts_offset', '110', '-f', 'mpegts', full]);
    const packets = ffprobePackets(full);
    const zeroSec = packets.find((p) => p.key)!.ptsSec;
    // Decode order: the first non-key packet presented after cutSec; cut a few 188-byte packets into it.
    const cutAt = packets.find((p) => !p.key && p.ptsSec - zeroSec >= cutSec)!;
    writeFileSync(out, readFileSync(full).subarray(cutAt.pos + 3 * 188));
    const key = ffprobePackets(out).find((p) => p.key)!;
    origin = { startInOriginalSec: key.ptsSec - zeroSec, startTimestampSec: key.ptsSec };
  } else {
    ffmpeg(['-ss', String(prerollSec), ...copy, out]);
    origin = { startInOriginalSec: prerollSec, startTimestampSec: 0 };
  }
  writeFileSync(`${out}.origin.json`, JSON.stringify(origin));
}

/** The origin recorded when a variant was made. */
export function variantOrigin(file: string): VariantOrigin {
  return JSON.parse(readFileSync(`${file}.origin.json`, 'utf8')) as VariantOrigin;
}

/** File name of the variant `kind` of a clip named `stem`: stem.ts, stem-offset60.mp4, … */
export function variantName(stem: string, kind: VariantKind): string {
  return kind.includes('.') ? `${stem}-${kind}` : `${stem}.${kind}`;
}

/**
 * Path of the variant `kind` of the clip `src`, named after `stem` and made on first use (see
 * makeVariant for cutSec and prerollSec).
 */
export function variantFixture(src: string, stem: string, kind: VariantKind, cutSec: number, prerollSec: number): string {
  mkdirSync(FIXTURES, { recursive: true });
  const out = join(FIXTURES, variantName(stem, kind));
  if (!existsSync(out) || !existsSync(`${out}.origin.json`)) makeVariant(src, kind, out, cutSec, prerollSec);
  return out;
}

/** Broadcast cut and pre-roll points of the generated 12 s clip: inside the GOPs from 4 s and from 2 s. */
export const ORIGIN_CUT_SEC = 5;
export const ORIGIN_PREROLL_SEC = 3;

/** Shot sources for the edit fixtures: content that differs from one shot to the next. */
const SHOT_SOURCES = ['testsrc2=size=320x180:rate=24', 'mandelbrot=size=320x180:rate=24', 'cellauto=size=320x180:rate=24:rule=110', 'life=size=320x180:rate=24:mold=10:ratio=0.4:seed=7'];

/**
 * An edit of shots of different generated content joined by hard cuts, `frames[i]` frames each
 * (24 fps, H.264): the cuts fall on the running sums of `frames`.
 */
export function editWithCuts(out: string, frames: number[]): void {
  const inputs = frames.flatMap((_, i) => ['-f', 'lavfi', '-i', SHOT_SOURCES[i % SHOT_SOURCES.length]]);
  const trims = frames.map((n, i) => `[${i}:v]trim=end_frame=${n},setpts=PTS-STARTPTS,format=yuv420p[s${i}]`).join(';');
  const concat = `${frames.map((_, i) => `[s${i}]`).join('')}concat=n=${frames.length}:v=1[v]`;
  ffmpeg([...inputs, '-filter_complex', `${trims};${concat}`, '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '48', '-r', '24', out]);
}

/** First frames of the hard cuts in the film-like edit (skipEdit): 60 and 204; a dissolve and a fade through black lie between. */
export const SKIP_EDIT_CUTS = [60, 204];

/**
 * An edit encoded the way films are (issue 24): x264's default preset, so three B-frames with a
 * B-pyramid and nearly half the frames referenced by none; a hard cut at frame 60, a 12-frame
 * dissolve, a one-second fade through black and a hard cut at 204. `codec` changes the encode
 * (intra-only, no B-frames, interlaced) for the files that must fall back on decoding every frame.
 */
function skipEdit(out: string, codec: string[] = []): void {
  const shots = [...SHOT_SOURCES, 'smptehdbars=size=320x180:rate=24'];
  const frames = [60, 50, 70, 60, 48];
  const inputs = shots.flatMap((src) => ['-f', 'lavfi', '-i', src]);
  const trims = frames.map((n, i) => `[${i}:v]trim=end_frame=${n},setpts=PTS-STARTPTS,format=yuv420p,settb=1/24[s${i}]`).join(';');
  // 60 + 50 = 110 frames, then a 12-frame dissolve into the third shot (168 frames), a 24-frame fade through black into the fourth (204), a cut.
  const graph = `${trims};[s0][s1]concat=n=2:v=1,settb=1/24[ab];[ab][s2]xfade=transition=dissolve:duration=0.5:offset=${(110 - 12) / 24},settb=1/24[abc];[abc][s3]xfade=transition=fadeblack:duration=1:offset=${(168 - 24) / 24},settb=1/24[abcd];[abcd][s4]concat=n=2:v=1[v]`;
  ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', '-c:v', 'libx264', '-preset', 'medium', '-pix_fmt', 'yuv420p', '-r', '24', ...codec, out]);
}

/** Frames per shot of the edit fixtures (cuts at their running sums). */
export const EDITS = {
  'edit-3-shots.mp4': [72, 60, 84],
  // A 10-frame shot that no once-a-second sample falls in (samples at frames 12, 36, …, 132, 156).
  'edit-short-shot.mp4': [72, 66, 10, 68],
  // Eight one-second shots: enough for a reviewer to correct five and apply that to the rest.
  'edit-8-shots.mp4': [24, 24, 24, 24, 24, 24, 24, 24],
} as const;

/**
 * The base of the damaged fixtures: 20 s of H.264 at 24 fps with B-frames, a key frame every 2 s
 * (as films are encoded) and a cut at 10 s (frame 240), index first (faststart).
 */
function damageBase(out: string): void {
  const shot = (source: string) => `${source}=size=640x360:rate=24,trim=end_frame=240,setpts=PTS-STARTPTS,format=yuv420p`;
  ffmpeg(['-f', 'lavfi', '-i', shot('testsrc2'), '-f', 'lavfi', '-i', shot('mandelbrot'), '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '48', '-keyint_min', '48', '-sc_threshold', '0', '-movflags', '+faststart', out]);
}

/** Frames, key-frame interval and cut of the damaged fixtures' base. */
export const DAMAGE_BASE = { frames: 480, fps: 24, gopSec: 2, cutFrame: 240 } as const;

/** A copy of the damage base with `damage` applied to its bytes (positions from the packets' offsets). */
function damaged(out: string, damage: (bytes: Uint8Array, packets: { ptsSec: number; pos: number; key: boolean }[]) => Uint8Array): void {
  const base = fixture('damage-base-20s.mp4');
  writeFileSync(out, damage(new Uint8Array(readFileSync(base)), ffprobePackets(base)));
}

/** The byte offset of the packet shown at `sec`, plus `into` bytes. */
function packetAt(packets: { ptsSec: number; pos: number }[], sec: number, into = 0): number {
  return packets.reduce((best, p) => (Math.abs(p.ptsSec - sec) < Math.abs(best.ptsSec - sec) ? p : best)).pos + into;
}

/** Damaged copies of the base, as bad sectors, broken downloads and old rips leave them (issue 26). */
const DAMAGED: Record<string, (out: string) => void> = {
  // 30 KB of zeros from inside the key frame at 8 s.
  'damaged-zeroed.mp4': (out) => damaged(out, (b, p) => b.fill(0, packetAt(p, 8, 2000), packetAt(p, 8, 2000) + 30_000)),
  // Two such stretches: at 8 s and 16.3 s.
  'damaged-two.mp4': (out) => damaged(out, (b, p) => b.fill(0, packetAt(p, 8, 2000), packetAt(p, 8, 2000) + 30_000).fill(0, packetAt(p, 16.3), packetAt(p, 16.3) + 30_000)),
  // 20 bytes flipped at seeded places after the index.
  'damaged-flipped.mp4': (out) =>
    damaged(out, (b, p) => {
      let seed = 5;
      const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
      const first = p[0].pos;
      for (let i = 0; i < 20; i++) b[first + Math.floor(random() * (b.length - first))] ^= 0xff;
      return b;
    }),
  // Cut off at half its bytes (an unfinished download): the index lists frames whose data is gone.
  'damaged-cutoff.mp4': (out) => damaged(out, (b) => b.subarray(0, Math.floor(b.length / 2))),
  // Every frame's data zeroed past its first bytes: nothing can be read.
  'damaged-all.mp4': (out) =>
    damaged(out, (b, p) => {
      for (const k of p) b.fill(0, k.pos + 64, k.pos + 64 + 4000);
      return b;
    }),
};

const MAKERS: Record<string, (out: string) => void> = {
  'edit-3-shots.mp4': (out) => editWithCuts(out, [...EDITS['edit-3-shots.mp4']]),
  'edit-short-shot.mp4': (out) => editWithCuts(out, [...EDITS['edit-short-shot.mp4']]),
  'edit-8-shots.mp4': (out) => editWithCuts(out, [...EDITS['edit-8-shots.mp4']]),
  'origin-12s.mp4': originClip,
  'skip-edit.mp4': (out) => skipEdit(out),
  'skip-edit.ts': (out) => ffmpeg(['-i', fixture('skip-edit.mp4'), '-c', 'copy', '-f', 'mpegts', out]),
  'skip-edit-intra.mp4': (out) => skipEdit(out, ['-x264-params', 'keyint=1']),
  'skip-edit-no-b.mp4': (out) => skipEdit(out, ['-bf', '0']),
  'skip-edit-interlaced.mp4': (out) => skipEdit(out, ['-x264-params', 'interlaced=1:tff=1']),
  ...Object.fromEntries(VARIANT_KINDS.map((kind) => [variantName('origin-12s', kind), (out: string) => makeVariant(fixture('origin-12s.mp4'), kind, out, ORIGIN_CUT_SEC, ORIGIN_PREROLL_SEC)])),
  // A capture of an H.264 broadcast with periodic intra refresh: after its first picture, no IDR,
  // only recovery points, which Chromium's decoder cannot start from. Cut after that first IDR.
  'no-idr-capture.ts': (out) => {
    const full = `${out}.full.ts`;
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=6', '-c:v', 'libx264', '-x264-params', 'intra-refresh=1:keyint=24', '-f', 'mpegts', full]);
    const second = ffprobePackets(full)[1];
    writeFileSync(out, readFileSync(full).subarray(second.pos));
  },
  // A standard-definition TV recording: MPEG-2 video and MPEG audio in a transport stream.
  'mpeg2-broadcast.ts': (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25:duration=2', '-f', 'lavfi', '-i', 'sine=duration=2', '-c:v', 'mpeg2video', '-c:a', 'mp2', '-f', 'mpegts', out]),
  'clip-30s-h264.mp4': clip30,
  'intertitle-9s.mp4': intertitleClip,
  'clip-8s-vp9.webm': (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=480x270:rate=25:duration=8', '-c:v', 'libvpx-vp9', '-b:v', '300k', '-deadline', 'realtime', '-cpu-used', '8', out]),
  'not-a-video.mp4': (out) => writeFileSync(out, 'This is a text file with a video extension.\n'.repeat(40)),
  'zero-bytes.mp4': (out) => writeFileSync(out, new Uint8Array(0)),
  'audio-only.mp4': (out) => ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=5', '-c:a', 'aac', '-f', 'mp4', out]),
  'prores.mov': (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=24:duration=2', '-c:v', 'prores_ks', '-profile:v', '0', out]),
  'mpeg2.mkv': (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25:duration=2', '-c:v', 'mpeg2video', out]),
  'mpeg2-program-stream.mpg': (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25:duration=2', '-c:v', 'mpeg2video', '-f', 'mpeg', out]),
  'hevc.mp4': (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=24:duration=2', '-c:v', 'libx265', '-tag:v', 'hvc1', '-x265-params', 'log-level=error', out]),
  'no-frames.mp4': (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=24:duration=1', '-frames:v', '0', '-c:v', 'libx264', out]),
  // moov at the end, cut in half: the index is gone.
  'truncated-moov-missing.mp4': (out) => {
    const full = `${out}.full.mp4`;
    clip30(full);
    const bytes = readFileSync(full);
    writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * 0.5)));
  },
  // moov first (faststart), media cut at 40%: the first seconds decode, then data runs out.
  'truncated-faststart.mp4': (out) => {
    const full = `${out}.full.mp4`;
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24:duration=20', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '24', '-movflags', '+faststart', full]);
    const bytes = readFileSync(full);
    writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * 0.4)));
  },
  'damage-base-20s.mp4': damageBase,
  ...DAMAGED,
  // Three hours of 4K (one frame every 10 minutes keeps the file tiny).
  'three-hours-4k.mp4': (out) => ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=3840x2160:rate=1/600:duration=10800', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-r', '1/600', out]),
};

/** Path of a fixture, generating it with ffmpeg if it is not there yet. */
export function fixture(name: keyof typeof MAKERS | string): string {
  const make = MAKERS[name];
  if (!make) throw new Error(`Unknown fixture ${name}`);
  mkdirSync(FIXTURES, { recursive: true });
  const out = join(FIXTURES, name);
  if (!existsSync(out)) make(out);
  return out;
}

/** Names of all fixtures. */
export const FIXTURE_NAMES = Object.keys(MAKERS);

/** Makes every fixture (global setup). */
export default function makeAll(): void {
  for (const name of FIXTURE_NAMES) fixture(name);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) makeAll();
