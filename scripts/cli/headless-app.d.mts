/** Serves a folder on 127.0.0.1 (a free port) with the app's security headers; onRequest sees every request. */
export function serveStatic(dir: string, opts?: { onRequest?: (method: string, path: string) => void }): Promise<{ url: string; close: () => Promise<void> }>;
