import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the pure logic (node environment), script tests that run ffmpeg (skipped without it),
 * and the checks that keep the docs and the import rules true (docs/*.test.ts).
 * e2e/*.spec.ts are Playwright's; training/ is Python.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'docs/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**', 'training/**'],
  },
});
