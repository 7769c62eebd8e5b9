// Loads the app's TypeScript modules in node through Vite's SSR module loader (for tools that score
// with the app's own code: cuts, adaptation, fusion). No build, no browser.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Loads each of `paths` (root-relative, e.g. '/src/shared/cuts.ts'); `close` ends the loader.
 * @param {string[]} paths
 * @returns {Promise<{ mods: any[], close: () => Promise<void> }>}
 */
export async function loadAppModules(paths) {
  const server = await createServer({
    root: ROOT, configFile: false, logLevel: 'error', appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null }, optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const mods = [];
    for (const p of paths) mods.push(await server.ssrLoadModule(p));
    return { mods, close: () => server.close() };
  } catch (err) {
    await server.close();
    throw err;
  }
}
