import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Writes the precache manifest into the service worker at build time: every emitted asset and
 * every public file (models, wasm, icons), plus a version hash of their contents. Replaces the
 * `self.__PRECACHE__` placeholder in sw.js. No per-file size limit: the wasm files are 14–27 MB.
 */
export function precache(publicDir: string): Plugin {
  return {
    name: 'shotscale-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('precache: sw.js chunk not found');
      const hash = createHash('sha256');
      const urls: string[] = ['./'];
      for (const [fileName, item] of Object.entries(bundle)) {
        if (fileName === 'sw.js' || fileName.endsWith('.map')) continue;
        urls.push(`./${fileName}`);
        hash.update(fileName);
        hash.update(item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source));
      }
      for (const file of walk(publicDir)) {
        const rel = relative(publicDir, file).split('\\').join('/');
        if (rel.endsWith('.md') || rel.startsWith('.')) continue;
        urls.push(`./${rel}`);
        const st = statSync(file);
        hash.update(`${rel}:${st.size}`);
        if (st.size < 64 * 1024 * 1024) hash.update(readFileSync(file));
      }
      const version = hash.digest('hex').slice(0, 16);
      sw.code = sw.code.replace('self.__PRECACHE__', JSON.stringify({ version, urls }));
    },
  };
}
