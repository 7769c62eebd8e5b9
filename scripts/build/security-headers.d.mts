/** Cross-origin isolation headers (SharedArrayBuffer → multi-threaded WASM). */
export const ISOLATION_HEADERS: Record<string, string>;
/** The app's Content-Security-Policy as a header value. */
export function contentSecurityPolicy(opts?: { dev?: boolean; meta?: boolean; reportUri?: string }): string;
/** Every header the app's servers send. */
export function securityHeaders(opts?: { dev?: boolean; reportUri?: string }): Record<string, string>;
