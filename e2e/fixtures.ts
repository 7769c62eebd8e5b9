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

const MAKERS: Record<string, (out: string) => void> = {
  'clip-30s-h264.mp4': clip30,
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
