// CPU time, for the bench: how many core-milliseconds a piece of work took, counted from Linux's
// /proc (user + system time of every process and of exited threads), so that work which keeps both
// cores busy and work which waits can be told apart. Elsewhere (no /proc) the readers return null.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (sysconf(_SC_CLK_TCK); 100 on every Linux build in use). */
const TICKS_PER_SEC = 100;

/**
 * The fields of one /proc/<pid>/stat line that we need. The command name sits in parentheses and may
 * itself contain spaces and parentheses, so the fields are counted from the last ')'.
 * @param {string} line
 * @returns {{ pid: number, comm: string, ppid: number, cpuMs: number, childrenCpuMs: number }}
 */
export function parseStat(line) {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  // After ')': state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
  const f = line.slice(close + 2).trim().split(/\s+/);
  const ticks = (/** @type {number} */ i) => Number(f[i]);
  return {
    pid: Number(line.slice(0, open).trim()),
    comm: line.slice(open + 1, close),
    ppid: ticks(1),
    cpuMs: ((ticks(11) + ticks(12)) * 1000) / TICKS_PER_SEC,
    childrenCpuMs: ((ticks(13) + ticks(14)) * 1000) / TICKS_PER_SEC,
  };
}

/**
 * Every process's stat, with its Chromium process type (`--type=renderer`, `gpu-process`, …;
 * 'main' when it has none), or null without /proc.
 * @param {string} [procDir]
 * @returns {Map<number, ReturnType<typeof parseStat> & { type: string }> | null}
 */
export function processTable(procDir = '/proc') {
  let entries;
  try {
    entries = readdirSync(procDir).filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const table = new Map();
  for (const pid of entries) {
    try {
      const stat = parseStat(readFileSync(`${procDir}/${pid}/stat`, 'utf8'));
      const cmdline = readFileSync(`${procDir}/${pid}/cmdline`, 'utf8');
      table.set(stat.pid, { ...stat, type: /--type=([\w-]+)/.exec(cmdline)?.[1] ?? 'main' });
    } catch {
      // The process ended while we read: its time is gone with it.
    }
  }
  return table;
}

/**
 * The pids descending from `root` (not `root` itself).
 * @param {Map<number, { ppid: number }>} table
 * @param {number} root
 * @returns {number[]}
 */
export function descendants(table, root) {
  const children = new Map();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * CPU time so far of every process below `root` (by default this Node process: the browser it
 * launched and all of Chromium's processes), in total and by Chromium process type; null without
 * /proc. A process's time includes its exited threads (the video decoder's, for one); processes
 * that exited are not counted, so measure across work during which they live.
 * @param {number} [root]
 * @param {string} [procDir]
 * @returns {{ totalMs: number, byType: Record<string, number> } | null}
 */
export function treeCpuMs(root = process.pid, procDir = '/proc') {
  const table = processTable(procDir);
  if (!table) return null;
  const byType = /** @type {Record<string, number>} */ ({});
  let totalMs = 0;
  for (const pid of descendants(table, root)) {
    const p = /** @type {NonNullable<ReturnType<typeof processTable>>} */ (table).get(pid);
    if (!p) continue;
    totalMs += p.cpuMs;
    byType[p.type] = (byType[p.type] ?? 0) + p.cpuMs;
  }
  return { totalMs, byType };
}

/**
 * CPU time so far of this Node process (all its threads, onnxruntime-node's included) and of its
 * children that have ended and been waited for (ffmpeg runs), in ms; null without /proc.
 * @param {string} [procDir]
 * @returns {{ selfMs: number, childrenMs: number } | null}
 */
export function selfCpuMs(procDir = '/proc') {
  try {
    const stat = parseStat(readFileSync(`${procDir}/self/stat`, 'utf8'));
    return { selfMs: stat.cpuMs, childrenMs: stat.childrenCpuMs };
  } catch {
    return null;
  }
}

/**
 * Measures the CPU time `work` takes with `read` (treeCpuMs or selfCpuMs, summed), with its wall
 * time; `cpuMs` is null without /proc.
 * @template T
 * @param {() => Promise<T> | T} work
 * @param {() => number | null} read
 * @returns {Promise<{ result: T, cpuMs: number | null, wallMs: number }>}
 */
export async function measureCpu(work, read) {
  const before = read();
  const t0 = performance.now();
  const result = await work();
  const wallMs = performance.now() - t0;
  const after = read();
  return { result, cpuMs: before == null || after == null ? null : after - before, wallMs };
}

/** CPU time of the browser (this process's descendants), for measureCpu. */
export const browserCpu = () => treeCpuMs()?.totalMs ?? null;

/** CPU time of this process and its waited-for children (the native peer's ffmpeg), for measureCpu. */
export const ownCpu = () => {
  const c = selfCpuMs();
  return c ? c.selfMs + c.childrenMs : null;
};
