import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

/** The commands under scripts/cli/. */
export type Command = 'analyze' | 'eval' | 'corpus';

/** A CLI command started in the background: its process, its output so far, and its end. */
export interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => Run;
  ended: Promise<Run>;
}

/** Starts scripts/cli/<name>.mjs with node on the e2e build (`--dist` where the command serves the app). */
export function startScript(name: Command, args: string[], opts: { dist?: boolean } = {}): Started {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'cli', `${name}.mjs`), ...args, ...(opts.dist === false ? [] : ['--dist', DIST])], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const ended = new Promise<Run>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
  return { child, output: () => ({ code: child.exitCode, stdout, stderr }), ended };
}

/** Runs scripts/cli/<name>.mjs with node on the e2e build; resolves with its exit code and output. */
export function runScript(name: Command, args: string[], opts: { dist?: boolean } = {}): Promise<Run> {
  return startScript(name, args, opts).ended;
}
