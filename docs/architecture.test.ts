import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The import rules of docs/ARCHITECTURE.md ("Boundaries that are checked"), checked on every
// relative import (static, dynamic, `new URL(…, import.meta.url)` and JSDoc `import(…)` types)
// and on the bare imports of the libraries that must stay in their worker.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CODE = /\.(ts|tsx|mts|mjs|js)$/;

/** One import: the importing file and what it names, both as repository paths (bare names kept as they are). */
interface Edge {
  from: string;
  to: string;
  bare: boolean;
}

/** Every code file under `dir` (a repository path), skipping generated and installed folders. */
function codeFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  return readdirSync(abs).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const p = `${dir}/${name}`;
    if (statSync(join(ROOT, p)).isDirectory()) return codeFiles(p);
    return CODE.test(name) ? [p] : [];
  });
}

/** What a file's source imports. */
function importsOf(file: string, source: string): Edge[] {
  const specs = [
    ...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g),
    ...source.matchAll(/\bimport\s+['"]([^'"]+)['"]/g),
    ...source.matchAll(/\bimport\(\s*(?:\/\*.*?\*\/\s*)?['"]([^'"]+)['"]\s*\)/g),
    ...source.matchAll(/\bnew URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g),
  ].map((m) => m[1]);
  return specs.map((spec) =>
    spec.startsWith('.') ? { from: file, to: relative(ROOT, resolve(ROOT, dirname(file), spec)), bare: false } : { from: file, to: spec, bare: true },
  );
}

const inside = (path: string, ...dirs: string[]) => dirs.some((d) => path === d || path.startsWith(`${d}/`));
const stripExt = (p: string) => p.replace(CODE, '');

/** The rule an import breaks, or null. */
function broken({ from, to, bare }: Edge): string | null {
  if (bare) {
    if (!inside(from, 'src', 'workers')) return null;
    const lib = (name: string) => to === name || to.startsWith(`${name}/`);
    if (lib('onnxruntime-web') && !inside(from, 'workers/infer')) return 'onnxruntime-web stays in workers/infer/';
    if (lib('mediabunny') && !(inside(from, 'workers/decode') || from === 'workers/decode.worker.ts')) return 'mediabunny stays in the decode worker';
    if (lib('@mediapipe/tasks-vision') && !inside(from, 'workers/vision')) return '@mediapipe/tasks-vision stays in workers/vision/';
    return null;
  }
  if (inside(from, 'src', 'workers') && inside(to, 'scripts', 'e2e')) return 'the app and the workers never import scripts/ or e2e/';
  if (inside(from, 'src/shared') && !inside(to, 'src/shared')) return 'src/shared/ imports nothing from the rest of the app';
  if (inside(from, 'src/store') && !inside(to, 'src/store', 'src/shared')) return 'src/store/ imports only src/shared/';
  if (inside(from, 'src/sw') && !inside(to, 'src/sw')) return 'the service worker imports nothing';
  if (inside(from, 'workers') && !(inside(to, 'workers', 'src/shared') || stripExt(to) === 'src/store/modelDb')) {
    return 'workers import src/shared/ and, of src/store/, only modelDb.ts';
  }
  if (inside(from, 'src/components') && inside(to, 'workers')) return 'components reach the workers only through src/pipeline/';
  if (inside(from, 'src/pipeline') && inside(to, 'src/components')) return 'src/pipeline/ never imports components';
  if (inside(from, 'scripts/build') && !inside(to, 'scripts/build')) return 'scripts/build/ imports nothing outside it (no CLI, no tool)';
  if (inside(from, 'scripts/cli') && inside(to, 'scripts/tools')) return 'scripts/cli/ never imports scripts/tools/';
  return null;
}

function violations(edges: readonly Edge[]): string[] {
  return edges.flatMap((e) => {
    const rule = broken(e);
    return rule ? [`${e.from} imports ${e.to}: ${rule}`] : [];
  });
}

describe('import rules (docs/ARCHITECTURE.md)', () => {
  const files = ['src', 'workers', 'scripts'].flatMap(codeFiles);
  const edges = files.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));

  it('sees the imports it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from === 'vite.config.ts' || e.from.startsWith('scripts/build/'))).toBe(true);
    expect(edges.some((e) => e.from === 'src/pipeline/workers.ts' && e.to === 'workers/decode.worker.ts')).toBe(true);
  });

  it('holds for every file of the app, the workers and the scripts', () => {
    expect(violations(edges)).toEqual([]);
  });
});

describe('the rules themselves', () => {
  const edge = (from: string, spec: string) => importsOf(from, `import { x } from '${spec}';`)[0];

  it('catch each kind of crossing', () => {
    expect(violations([edge('src/shared/a.ts', '../components/App/App')])).toHaveLength(1);
    expect(violations([edge('src/store/db.ts', '../pipeline/pipeline')])).toHaveLength(1);
    expect(violations([edge('workers/decode/x.ts', '../../src/components/Player/Player')])).toHaveLength(1);
    expect(violations([edge('workers/infer/x.ts', '../../src/store/store')])).toHaveLength(1);
    expect(violations([edge('src/components/App/App.tsx', '../../../workers/decode.worker')])).toHaveLength(1);
    expect(violations([edge('scripts/build/vendor-assets.mjs', '../tools/bench.mjs')])).toHaveLength(1);
    expect(violations([edge('scripts/build/vendor-assets.mjs', '../cli/csv.mjs')])).toHaveLength(1);
    expect(violations([edge('scripts/cli/analyze.mjs', '../tools/soak.mjs')])).toHaveLength(1);
    expect(violations([edge('src/pipeline/model.ts', 'onnxruntime-web')])).toHaveLength(1);
  });

  it('allow what ARCHITECTURE.md allows', () => {
    expect(violations([edge('workers/infer/userModel.ts', '../../src/store/modelDb'), edge('src/pipeline/x.ts', '../store/store'), edge('scripts/tools/bench.mjs', '../cli/headless-app.mjs'), edge('scripts/cli/headless-app.mjs', '../build/security-headers.mjs'), edge('workers/infer/session.ts', 'onnxruntime-web/wasm')])).toEqual([]);
  });

  it('read dynamic imports and worker URLs too', () => {
    const src = "const w = new Worker(new URL('../../workers/decode.worker.ts', import.meta.url));\nawait import('./lazy');\nimport type { T } from '../x';\nimport '../side';";
    expect(importsOf('src/pipeline/w.ts', src).map((e) => e.to)).toEqual(['src/x', 'src/side', 'src/pipeline/lazy', 'workers/decode.worker.ts']);
  });
});
