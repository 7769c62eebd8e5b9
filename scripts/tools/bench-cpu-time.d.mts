export declare function parseStat(line: string): { pid: number; comm: string; ppid: number; cpuMs: number; childrenCpuMs: number };
export declare function processTable(procDir?: string): Map<number, { pid: number; comm: string; ppid: number; cpuMs: number; childrenCpuMs: number; type: string }> | null;
export declare function descendants(table: Map<number, { ppid: number }>, root: number): number[];
export declare function treeCpuMs(root?: number, procDir?: string): { totalMs: number; byType: Record<string, number> } | null;
export declare function selfCpuMs(procDir?: string): { selfMs: number; childrenMs: number } | null;
export declare function measureCpu<T>(work: () => Promise<T> | T, read: () => number | null): Promise<{ result: T; cpuMs: number | null; wallMs: number }>;
export declare const browserCpu: () => number | null;
export declare const ownCpu: () => number | null;
