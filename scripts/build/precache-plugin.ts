import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

/** One precached file: its URL relative to the service worker and a hash of its contents. */
export interface PrecacheEntry {
  url: string;
  revision: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Short content hash used as a file's revision. */
export function revisionOf(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/**
 * The precache manifest of a built app folder: every file but the service worker, source maps
 * and notes, each with its revision; the app shell also as the folder URL './'.
 */
export function precacheManifest(outDir: string): { version: string; entries: PrecacheEntry[] } {
  const entries: PrecacheEntry[] = [];
  for (const file of walk(outDir)) {
    const rel = relative(outDir, file).split('\\').join('/');
    if (rel === 'sw.js' || rel.endsWith('.map') || rel.endsWith('.md') || rel.split('/').some((p) => p.startsWith('.'))) continue;
    const revision = revisionOf(readFileSync(file));
    entries.push({ url: `./${rel}`, revision });
    if (rel === 'index.html') entries.push({ url: './', revision });
  }
  entries.sort((a, b) => a.url.localeCompare(b.url));
  return { version: revisionOf(entries.map((e) => `${e.url}@${e.revision}`).join('\n')), entries };
}

/**
 * Writes the precache manifest into the built service worker (in place of its `self.__PRECACHE__`
 * placeholder) once every file is on disk: each file with a revision (hash of its contents), so an
 * update downloads only the files that changed. No per-file size limit: the wasm files are 14–27 MB.
 */
export function precache(): Plugin {
  return {
    name: 'shotscale-precache',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir!;
      const swPath = join(outDir, 'sw.js');
      const sw = readFileSync(swPath, 'utf8');
      if (!sw.includes('self.__PRECACHE__')) throw new Error('precache: sw.js has no self.__PRECACHE__ placeholder');
      writeFileSync(swPath, sw.replace('self.__PRECACHE__', JSON.stringify(precacheManifest(outDir))));
    },
  };
}
