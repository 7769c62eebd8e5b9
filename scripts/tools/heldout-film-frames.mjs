#!/usr/bin/env node
// node scripts/tools/heldout-film-frames.mjs --clips <dir with the Tears of Steel clips> --out <dir>
//
// Writes the frames of the held-out film-frame set (training/heldout/*.csv): every clip at 4 frames
// per second (f000.png is the first frame, fNNN the frame nearest NNN/4 s), into <out>/tos-a and
// <out>/tos-b, and the same frames letterboxed into a 4:3 frame with black bars (<out>/tos-a-lb,
// <out>/tos-b-lb), the way a 16:9 picture sits in a 4:3 video. Needs ffmpeg; nothing is downloaded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The clips of the set and the folder name each one's frames get. */
const CLIPS = [
  ['tears-of-steel-a-640x360.mp4', 'tos-a'],
  ['tears-of-steel-b-640x360.mp4', 'tos-b'],
];

const { values } = parseArgs({ options: { clips: { type: 'string' }, out: { type: 'string' } } });
if (!values.clips || !values.out) {
  console.error('usage: node scripts/tools/heldout-film-frames.mjs --clips <dir> --out <dir>');
  process.exit(2);
}
const out = resolve(values.out);
for (const [file, name] of CLIPS) {
  const src = join(resolve(values.clips), file);
  if (!existsSync(src)) {
    console.error(`film-frames: ${src} not found`);
    process.exit(1);
  }
  for (const [dir, filter] of [
    [name, 'fps=4'],
    [`${name}-lb`, 'fps=4,pad=iw:ih*4/3:0:(oh-ih)/2:black'],
  ]) {
    mkdirSync(join(out, dir), { recursive: true });
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', src, '-vf', filter, '-start_number', '0', join(out, dir, 'f%03d.png')], { stdio: 'inherit' });
  }
}
console.error(`film-frames: frames written under ${out}`);
