import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { noTelemetry } from './scripts/build/no-telemetry-plugin.ts';
import { precache } from './scripts/build/precache-plugin.ts';
import { contentSecurityPolicy, securityHeaders } from './scripts/build/security-headers.mjs';

/** Writes the Content-Security-Policy into the built index.html as a <meta> tag too (for static hosts that send no headers). */
function cspMeta(): Plugin {
  return {
    name: 'shotscale-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  base: './',
  plugins: [noTelemetry(), react(), cspMeta(), precache()],
  resolve: {
    // Use onnxruntime-web's builds that load their wasm glue from env.wasm.wasmPaths (our origin),
    // not the bundled variant, whose thread workers would re-load our worker chunk.
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  // tasks-vision stays out of dependency pre-bundling so that noTelemetry() edits it in dev too.
  optimizeDeps: { exclude: ['onnxruntime-web', '@mediapipe/tasks-vision'] },
  worker: { format: 'es', plugins: () => [noTelemetry()] },
  server: { headers: securityHeaders({ dev: true }) },
  // SHOTSCALE_CSP_REPORT: a path on this origin to which the browser reports CSP refusals (the e2e tests set it).
  preview: { headers: securityHeaders({ reportUri: process.env.SHOTSCALE_CSP_REPORT }) },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { main: resolve(import.meta.dirname, 'index.html'), sw: resolve(import.meta.dirname, 'src/sw/sw.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});
