// The app's security headers, in one place: `npm start`/`vite preview`, `npm run dev`, the headless
// CLI's static server and the <meta> tag written into the built index.html all use them.

/** Cross-origin isolation, needed for SharedArrayBuffer and so for multi-threaded WASM. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Content-Security-Policy directives: scripts, workers, wasm, models and every fetch come from the
 * app's own origin only, so no present or future dependency can reach another host.
 * 'wasm-unsafe-eval' lets WebAssembly compile (onnxruntime-web, MediaPipe) without allowing eval();
 * blob: and data: images are the app's own thumbnails and heatmaps; inline styles are React's.
 */
const DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'media-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

/**
 * The policy as a header value. `dev` adds what Vite's dev server needs (React Fast Refresh's
 * inline preamble); `meta` leaves out what a <meta> policy may not carry (frame-ancestors);
 * `reportUri` (a path on this origin; the e2e tests use it) has the browser report every refusal,
 * also those inside workers, whose console the tests cannot read.
 * @param {{ dev?: boolean, meta?: boolean, reportUri?: string }} [opts]
 * @returns {string}
 */
export function contentSecurityPolicy(opts = {}) {
  /** @type {Record<string, string[]>} */
  const d = { ...DIRECTIVES };
  if (opts.dev) d['script-src'] = [...d['script-src'], "'unsafe-inline'"];
  if (!opts.meta) d['frame-ancestors'] = ["'none'"];
  if (opts.reportUri && !opts.meta) d['report-uri'] = [opts.reportUri];
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/**
 * Every header the app's servers send.
 * @param {{ dev?: boolean, reportUri?: string }} [opts]
 * @returns {Record<string, string>}
 */
export function securityHeaders(opts = {}) {
  return {
    ...ISOLATION_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy(opts),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
