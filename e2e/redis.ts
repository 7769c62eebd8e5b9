import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needProgram } from './programs';

/** A Redis server of a test's own, on 127.0.0.1 and a free port, its data in a temporary folder (append-only file on). */
export interface TestRedis {
  url: string;
  port: number;
  /** Stops it (SIGTERM: Redis writes its data and exits). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Starts Debian's redis-server for a test (no password: it listens on 127.0.0.1 only). */
export async function startRedis(): Promise<TestRedis> {
  needProgram('redis-server');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'shotscale-redis-'));
  let proc: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((done, fail) => {
      const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: ['ignore', 'pipe', 'pipe'] });
      proc = p;
      let out = '';
      const timer = setTimeout(() => fail(new Error(`redis-server did not start on port ${port}: ${out}`)), 15_000);
      p.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          done();
        }
      });
      p.once('exit', (code) => {
        clearTimeout(timer);
        if (!out.includes('Ready to accept connections')) fail(new Error(`redis-server exited (${code}): ${out}`));
      });
    });
  const stop = () =>
    new Promise<void>((done) => {
      const p = proc;
      if (!p || p.exitCode !== null) return done();
      p.once('exit', () => done());
      p.kill('SIGTERM');
    });
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}
