const MIB = 1024 * 1024;
/** Bytes hashed at a time: the browser's native SHA-256 runs over each piece, and no more than this is in memory. */
export const FINGERPRINT_CHUNK_BYTES = 8 * MIB;
/** Marks fingerprints over the whole file; the earlier ones (size, first and last MiB) had none and match nothing now. */
export const FINGERPRINT_PREFIX = 'w';

/**
 * Content fingerprint over every byte of the file: SHA-256 of its size and the SHA-256 of each
 * FINGERPRINT_CHUNK_BYTES piece in order, so two files that differ in any byte (a damaged download
 * and the good copy, same size) are two films. Reads the file once, a piece at a time, at the
 * native digest's speed; `onProgress` hears the bytes read so far.
 */
export async function fingerprint(file: Blob, onProgress?: (doneBytes: number, totalBytes: number) => void): Promise<string> {
  const pieces = Math.ceil(file.size / FINGERPRINT_CHUNK_BYTES);
  const size = new TextEncoder().encode(`${file.size}:`);
  const list = new Uint8Array(size.length + 32 * pieces);
  list.set(size, 0);
  for (let i = 0; i < pieces; i++) {
    const start = i * FINGERPRINT_CHUNK_BYTES;
    const end = Math.min(file.size, start + FINGERPRINT_CHUNK_BYTES);
    list.set(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.slice(start, end).arrayBuffer())), size.length + 32 * i);
    onProgress?.(end, file.size);
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', list));
  return FINGERPRINT_PREFIX + Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
