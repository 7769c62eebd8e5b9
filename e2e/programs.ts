import { execFileSync, spawnSync } from 'node:child_process';

/** Programs the tests start, with the Debian package each comes in (.ci/run installs them all). */
export const PROGRAMS = { ffmpeg: 'ffmpeg', ffprobe: 'ffmpeg', xmllint: 'libxml2-utils', 'redis-server': 'redis-server' } as const;

/** Fails with how to install `program` when it is not on this machine (instead of an ENOENT stack). */
export function needProgram(program: keyof typeof PROGRAMS): void {
  const r = spawnSync(program, ['--version'], { stdio: 'ignore' });
  if (r.error) throw new Error(`${program} is not installed; the tests need it: apt-get install ${PROGRAMS[program]} (.ci/run installs it)`);
}

/** Checks an FCPXML file with xmllint: well-formed, and valid against Apple's DTD when one is given. */
export function xmllint(file: string, dtd?: string): void {
  needProgram('xmllint');
  execFileSync('xmllint', ['--noout', ...(dtd ? ['--dtdvalid', dtd] : []), file]);
}
