import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the pure logic (node environment), and script tests that run ffmpeg (skipped without it).
 * e2e/*.spec.ts are Playwright's; training/ is Python.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/**', 'training/**'],
  },
});
