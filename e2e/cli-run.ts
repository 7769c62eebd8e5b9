import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The build the e2e tests serve (E2E_DIST, default dist/); the CLI commands use it and never rebuild. */
export const DIST = resolve(ROOT, process.env.E2E_DIST ?? 'dist');

/** What a CLI run gave. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/cli/<name>.mjs with node on the e2e build; resolves with its exit code and output. */
export function runScript(name: 'analyze' | 'eval', args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'cli', `${name}.mjs`), ...args, '--dist', DIST], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
