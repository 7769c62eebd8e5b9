import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Keeps the front door and the guide true: every relative link and anchor leads somewhere, every
// file path and npm script they name exists, and the README stays about one screen.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The README's budget: one screen and a bit. */
const README_MAX_LINES = 120;
/** Where the shared data lives for every developer and CI run (absent on a bare clone: its paths are then not checked). */
const SHARED = '../shared/';
/** Paths the docs name that the build or the tests write, so a clean clone lacks them. */
const GENERATED = ['dist/', 'public/vendor/', 'e2e/.generated/', 'test-results/'];
/** How a repository path starts in prose and commands. */
const PATH_START = /^(\.\.\/shared\/|\.ci\/|src\/|workers\/|scripts\/|e2e\/|training\/|public\/|docs\/|(package|tsconfig[\w.]*)\.json$|(vite|vitest|playwright)\.config\.ts$|index\.html$)/;

/** README.md and every page of the guide, as [repository path, text]. */
function pages(): [string, string][] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', ...docs].map((p) => [p, readFileSync(join(ROOT, p), 'utf8')]);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a Markdown text's headings make. */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of withoutFences(text).matchAll(/^#{1,6}\s+(.+)$/gm)) out.add(slug(m[1]));
  return out;
}

/** The text with its fenced code blocks blanked out (their lines kept, so line numbers hold). */
function withoutFences(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/** What is wrong with a page's relative links ([text](target) and images): missing files and anchors. */
function brokenLinks(page: string, text: string, exists: (repoPath: string) => boolean, anchorsOf: (repoPath: string) => Set<string>): string[] {
  const problems: string[] = [];
  for (const m of withoutFences(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target)) continue;
    const [file, anchor] = target.split('#');
    const repoPath = file ? join(dirname(page), decodeURI(file)) : page;
    if (file && !exists(repoPath)) problems.push(`${page}: link to ${target}: ${repoPath} does not exist`);
    else if (anchor && repoPath.endsWith('.md') && !anchorsOf(repoPath).has(anchor)) problems.push(`${page}: link to ${target}: no heading makes #${anchor}`);
  }
  return problems;
}

/** The repository paths a page names in `code` and in its command blocks. */
function namedPaths(text: string): string[] {
  const code = [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  const spans = [...withoutFences(text).matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  const tokens = [...code, ...spans].flatMap((s) => s.split(/[\s=]+/));
  return [
    ...new Set(
      tokens
        .map((t) => t.replace(/^[("']+|[)"',.;:]+$/g, ''))
        .filter((t) => PATH_START.test(t) && !/[<>*…{}$|]/.test(t) && !GENERATED.some((g) => t.startsWith(g))),
    ),
  ];
}

/** The npm scripts a page runs (`npm run <name>`). */
function npmScripts(text: string): string[] {
  return [...new Set([...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]))];
}

const repoExists = (p: string) => existsSync(join(ROOT, p));
const anchorCache = new Map<string, Set<string>>();
const repoAnchors = (p: string) => {
  if (!anchorCache.has(p)) anchorCache.set(p, anchors(readFileSync(join(ROOT, p), 'utf8')));
  return anchorCache.get(p)!;
};

describe('README and docs/', () => {
  it(`keeps the README within ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length;
    expect(lines, 'README.md lines: move the detail into docs/').toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('links only to files and headings that exist', () => {
    expect(pages().flatMap(([page, text]) => brokenLinks(page, text, repoExists, repoAnchors))).toEqual([]);
  });

  it('names only files that exist', () => {
    const sharedHere = existsSync(join(ROOT, SHARED));
    const missing = pages().flatMap(([page, text]) =>
      namedPaths(text)
        .filter((p) => (p.startsWith(SHARED) ? sharedHere : true))
        .filter((p) => !repoExists(p))
        .map((p) => `${page}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('runs only npm scripts that package.json has', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const unknown = pages().flatMap(([page, text]) => npmScripts(text).filter((s) => !scripts.includes(s)).map((s) => `${page}: npm run ${s}`));
    expect(unknown).toEqual([]);
  });

  it('renders: code fences open and close on lines of their own', () => {
    for (const [page, text] of pages()) {
      let open = false;
      text.split('\n').forEach((line, i) => {
        if (!line.includes('```')) return;
        expect(line, `${page} line ${i + 1}`).toMatch(open ? /^\s*```\s*$/ : /^\s*```[\w-]*\s*$/);
        open = !open;
      });
      expect(open, `${page}: a code fence is never closed`).toBe(false);
    }
  });

  it('renders: every table row has as many cells as its header', () => {
    for (const [page, text] of pages()) {
      const lines = text.split('\n');
      const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
      for (let i = 0; i < lines.length - 1; i++) {
        if (!/^\|.*\|\s*$/.test(lines[i]) || !/^\|[\s|:-]+\|\s*$/.test(lines[i + 1])) continue;
        for (let j = i + 1; j < lines.length && /^\|/.test(lines[j]); j++) expect(cells(lines[j]), `${page} line ${j + 1}`).toBe(cells(lines[i]));
      }
    }
  });

  it('links every page of the guide from the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const unlinked = pages()
      .map(([p]) => p)
      .filter((p) => p !== 'README.md' && !readme.includes(`](${p}`));
    expect(unlinked).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const files = new Set(['docs/a.md', 'docs/b.md', 'src/x.ts']);
  const heads = new Map([['docs/b.md', new Set(['usage'])], ['docs/a.md', new Set(['top'])]]);
  const check = (text: string) => brokenLinks('docs/a.md', text, (p) => files.has(p), (p) => heads.get(p) ?? new Set());

  it('find a link to a missing file or heading, and pass good ones', () => {
    expect(check('[ok](b.md#usage) [ok](../src/x.ts) [ok](#top) [web](https://example.org/x)')).toEqual([]);
    expect(check('see [gone](c.md)')).toEqual(['docs/a.md: link to c.md: docs/c.md does not exist']);
    expect(check('see [gone](b.md#nope)')).toEqual(['docs/a.md: link to b.md#nope: no heading makes #nope']);
    expect(check('![shot](screenshots/none.png)')).toHaveLength(1);
  });

  it('find paths in code spans and command blocks, not placeholders or generated files', () => {
    const text = 'Run `node scripts/tools/x.mjs --out <dir>` on `src/a.ts`, `dist/index.html`, `e2e/*.spec.ts`.\n```sh\npython3 training/tools/y.py --data ../shared/data/z\n```\n';
    expect(namedPaths(text).sort()).toEqual(['../shared/data/z', 'scripts/tools/x.mjs', 'src/a.ts', 'training/tools/y.py']);
  });

  it('make anchors as GitHub does', () => {
    expect(slug('What bounds it: CPU time')).toBe('what-bounds-it-cpu-time');
    expect(slug('Within a shot, the seconds vote')).toBe('within-a-shot-the-seconds-vote');
    expect(slug('`npm run analyze` exit status')).toBe('npm-run-analyze-exit-status');
  });
});
