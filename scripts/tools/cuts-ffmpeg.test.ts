import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CutDetector, frameSignature, SIGNATURE_HEIGHT, SIGNATURE_WIDTH } from '../../src/shared/cuts.ts';
import type { Transition } from '../../src/shared/shotTypes.ts';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const dir = hasFfmpeg ? mkdtempSync(join(tmpdir(), 'shotscale-cuts-')) : '';

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Decodes `file` at the signature size and runs the detector over every frame. */
function detect(file: string): { frames: number; found: Transition[] } {
  const out = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-fps_mode', 'passthrough', '-vf', `scale=${SIGNATURE_WIDTH}:${SIGNATURE_HEIGHT}:flags=area`,
    '-pix_fmt', 'rgba', '-f', 'rawvideo', 'pipe:1'], { maxBuffer: 1 << 28 });
  expect(out.status).toBe(0);
  const bytes = SIGNATURE_WIDTH * SIGNATURE_HEIGHT * 4;
  const frames = out.stdout.length / bytes;
  const detector = new CutDetector({ framesPerSec: 24 });
  const found: Transition[] = [];
  for (let i = 0; i < frames; i++) {
    const rgba = new Uint8Array(out.stdout.buffer, out.stdout.byteOffset + i * bytes, bytes);
    found.push(...detector.push(i, i / 24, frameSignature(rgba, SIGNATURE_WIDTH, SIGNATURE_HEIGHT)));
  }
  found.push(...detector.finish());
  return { frames, found };
}

describe.skipIf(!hasFfmpeg)('CutDetector on an H.264 edit made by ffmpeg', () => {
  it('finds the hard cut to the frame and the dissolve over its span', () => {
    const file = join(dir, 'edit.mp4');
    const src = (s: string, frames: number) => `${s}=s=320x180:r=24,trim=end_frame=${frames},settb=1/24,setpts=N,format=yuv420p`;
    const graph = [
      `${src('testsrc2', 48)}[a]`,
      `${src('mandelbrot', 72)}[b]`,
      `${src('smptehdbars', 60)}[c]`,
      '[a][b]concat=n=2:v=1:a=0,settb=1/24[ab]',
      '[ab][c]xfade=transition=fade:duration=0.5:offset=4.5[out]',
    ].join(';');
    const made = spawnSync('ffmpeg', ['-v', 'error', '-y', '-filter_complex', graph, '-map', '[out]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', file]);
    expect(made.status, made.stderr.toString()).toBe(0);
    const { frames, found } = detect(file);
    expect(frames).toBe(48 + 72 + 60 - 12);
    expect(found.map((t) => t.kind)).toEqual(['cut', 'dissolve']);
    expect(found[0]).toMatchObject({ startFrame: 48, endFrame: 48, shotStartFrame: 48 });
    expect(found[1].startFrame).toBeGreaterThanOrEqual(107);
    expect(found[1].endFrame).toBeLessThanOrEqual(121);
    expect(found[1].endFrame - found[1].startFrame).toBeGreaterThanOrEqual(5);
  });
});
