import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/shared/random';
import { FIXTURES } from './fixtures';

/** How a variant was damaged. */
export type Damage = 'flip' | 'truncate' | 'cut-chunks';

/** One damaged file and how it was made (enough to make it again from the seed). */
export interface Variant {
  path: string;
  name: string;
  base: string;
  damage: Damage;
  seed: number;
  /** Truncation point as a fraction of the file (truncate only). */
  keepFraction?: number;
}

const BASES: Record<string, string[]> = {
  // 6 s of moving pattern, a keyframe every second, index first: damage hits frames, not the index only.
  'fuzz-base-h264.mp4': ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=6', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '24', '-movflags', '+faststart'],
  'fuzz-base-vp9.webm': ['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25:duration=6', '-c:v', 'libvpx-vp9', '-b:v', '200k', '-deadline', 'realtime', '-cpu-used', '8', '-g', '25'],
};

/** The undamaged base files (made by ffmpeg on first use). */
export function fuzzBases(): string[] {
  const dir = join(FIXTURES, 'fuzz');
  mkdirSync(dir, { recursive: true });
  return Object.entries(BASES).map(([name, args]) => {
    const out = join(dir, name);
    if (!existsSync(out)) execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, out]);
    return out;
  });
}

/** Applies one seeded damage to a file's bytes. */
export function damage(bytes: Uint8Array, kind: Damage, seed: number): { bytes: Uint8Array; keepFraction?: number } {
  const rand = mulberry32(seed);
  const at = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo));
  if (kind === 'truncate') {
    const keepFraction = 0.05 + rand() * 0.9;
    return { bytes: bytes.slice(0, Math.floor(bytes.length * keepFraction)), keepFraction };
  }
  if (kind === 'flip') {
    const out = bytes.slice();
    const flips = at(1, 60);
    for (let i = 0; i < flips; i++) out[at(0, out.length)] ^= 1 << at(0, 8);
    return { bytes: out };
  }
  let out = bytes;
  const chunks = at(1, 4);
  for (let i = 0; i < chunks; i++) {
    const len = at(256, 8192);
    const start = at(0, Math.max(1, out.length - len));
    const next = new Uint8Array(out.length - len);
    next.set(out.subarray(0, start), 0);
    next.set(out.subarray(start + len), start);
    out = next;
  }
  return { bytes: out };
}

/** `count` damaged variants of the base files, spread evenly over bases and kinds; seeded. */
export function fuzzVariants(count: number, seed = 20261128): Variant[] {
  const bases = fuzzBases();
  const kinds: Damage[] = ['flip', 'truncate', 'cut-chunks'];
  const dir = join(FIXTURES, 'fuzz');
  const variants: Variant[] = [];
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    const kind = kinds[Math.floor(i / bases.length) % kinds.length];
    const s = seed + i;
    const ext = base.slice(base.lastIndexOf('.'));
    const name = `fuzz-${String(i).padStart(3, '0')}-${kind}-${s}${ext}`;
    const path = join(dir, name);
    const made = damage(new Uint8Array(readFileSync(base)), kind, s);
    writeFileSync(path, made.bytes);
    variants.push({ path, name, base, damage: kind, seed: s, keepFraction: made.keepFraction });
  }
  return variants;
}
