import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descendants, parseStat, selfCpuMs, treeCpuMs } from './bench-cpu-time.mjs';

/** A /proc stat line with the given fields (the rest zero). */
function statLine(pid: number, comm: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0): string {
  const after = ['S', ppid, 0, 0, 0, 0, 0, 0, 0, 0, 0, utime, stime, cutime, cstime, 20, 0, 1, 0];
  return `${pid} (${comm}) ${after.join(' ')}\n`;
}

describe('cpu time', () => {
  it('reads user + system time in ms, whatever the command name holds', () => {
    expect(parseStat(statLine(42, 'Web Content) (x', 7, 150, 50, 30, 20))).toEqual({ pid: 42, comm: 'Web Content) (x', ppid: 7, cpuMs: 2000, childrenCpuMs: 500 });
    expect(() => parseStat('garbage')).toThrow(/not a \/proc stat line/);
  });

  it('sums a process tree below its root, by Chromium process type, and nothing else', () => {
    const proc = mkdtempSync(join(tmpdir(), 'proc-'));
    const put = (pid: number, ppid: number, ticks: number, cmdline: string) => {
      mkdirSync(join(proc, String(pid)));
      writeFileSync(join(proc, String(pid), 'stat'), statLine(pid, 'chromium', ppid, ticks, 0));
      writeFileSync(join(proc, String(pid), 'cmdline'), cmdline.split(' ').join('\0'));
    };
    put(1, 0, 999, 'init');
    put(10, 1, 5, 'node bench'); // the root: not counted
    put(11, 10, 100, 'chromium --headless');
    put(12, 11, 300, 'chromium --type=renderer --lang=en');
    put(13, 11, 40, 'chromium --type=gpu-process');
    put(14, 12, 60, 'chromium --type=renderer');
    put(20, 1, 7000, 'chromium --type=renderer'); // someone else's
    writeFileSync(join(proc, 'notapid'), '');
    expect(descendants(new Map([[10, { ppid: 1 }], [11, { ppid: 10 }], [12, { ppid: 11 }], [20, { ppid: 1 }]]), 10).sort()).toEqual([11, 12]);
    expect(treeCpuMs(10, proc)).toEqual({ totalMs: 5000, byType: { main: 1000, renderer: 3600, 'gpu-process': 400 } });
    expect(treeCpuMs(10, join(proc, 'missing'))).toBeNull();
  });

  it.runIf(existsSync('/proc/self/stat'))('counts a busy child while it runs, and its time once it has ended', async () => {
    const before = selfCpuMs()!;
    const child = spawn(process.execPath, ['-e', 'const end = process.cpuUsage().user + 400000; while (process.cpuUsage().user < end);']);
    let seenMs = 0;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (child.exitCode === null) {
      seenMs = Math.max(seenMs, treeCpuMs()?.totalMs ?? 0);
      await new Promise((r) => setTimeout(r, 20));
    }
    await exited;
    // At least 0.4 s of user time, counted by /proc in 10 ms ticks.
    expect(seenMs).toBeGreaterThan(100);
    expect(selfCpuMs()!.childrenMs - before.childrenMs).toBeGreaterThanOrEqual(380);
  });
});
