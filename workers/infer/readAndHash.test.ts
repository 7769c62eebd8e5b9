import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAndHash } from './userModel';

const nodeHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A Blob whose stream hands the bytes over in pieces of `chunk` bytes (as a file read does). */
const chunked = (bytes: Uint8Array, chunk: number) => new Blob(Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.slice(i * chunk, (i + 1) * chunk)));

// The SHA-256 of a dropped model (checked against its card's `sha256`) is @noble/hashes' incremental
// one, fed each chunk as it is read: the same hex digests as the hand-written hash it replaced.
describe('readAndHash', () => {
  it('gives the FIPS 180-4 example digests', async () => {
    const hex = async (text: string) => (await readAndHash(new Blob([text]))).sha256;
    expect(await hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto at every length around the block and padding edges, in any chunking, and keeps the bytes', async () => {
    const data = new Uint8Array(300).map((_, i) => (i * 31 + 7) & 255);
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 300]) {
      const msg = data.slice(0, n);
      for (const chunk of [n, 13, 64]) {
        const { bytes, sha256 } = await readAndHash(chunked(msg, chunk));
        expect(sha256, `${n} bytes in pieces of ${chunk}`).toBe(nodeHex(msg));
        expect(bytes).toEqual(msg);
      }
    }
  });

  it('hashes the shipped model to the sha256 in its card', async () => {
    const card = JSON.parse(readFileSync('public/models/default.card.json', 'utf8')) as { file: string; sha256: string };
    const bytes = new Uint8Array(readFileSync(`public/models/${card.file}`));
    expect((await readAndHash(chunked(bytes, 1 << 20))).sha256).toBe(card.sha256);
  });
});
