import { describe, expect, it } from 'vitest';
import { Sha256 } from './sha256';

// The app's tsconfig type-checks tests without Node's types, so Node's modules are loaded untyped.
const load = (specifier: string) => import(/* @vite-ignore */ specifier);
const fs = (await load('node:fs')) as { readFileSync(path: string): Uint8Array; readFileSync(path: string, encoding: 'utf8'): string };
const { readFileSync } = fs;

const { createHash } = (await load('node:crypto')) as { createHash(alg: string): { update(b: Uint8Array): { digest(enc: 'hex'): string } } };
const nodeHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('Sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(new Sha256().update(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).hex()).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every length around the block and padding edges, in any chunking', () => {
    const data = new Uint8Array(300).map((_, i) => (i * 31 + 7) & 255);
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 300]) {
      const msg = data.subarray(0, n);
      const whole = new Sha256().update(msg).hex();
      expect(whole).toBe(nodeHex(msg));
      const chunked = new Sha256();
      for (let i = 0; i < n; i += 13) chunked.update(msg.subarray(i, Math.min(n, i + 13)));
      expect(chunked.hex()).toBe(whole);
    }
  });

  it('hashes the shipped model to the sha256 in its card', () => {
    const card = JSON.parse(readFileSync('public/models/default.card.json', 'utf8')) as { file: string; sha256: string };
    const bytes = readFileSync(`public/models/${card.file}`);
    const h = new Sha256();
    for (let i = 0; i < bytes.length; i += 1 << 20) h.update(bytes.subarray(i, i + (1 << 20)));
    expect(h.hex()).toBe(card.sha256);
  });
});
