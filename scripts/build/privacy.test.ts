import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripMediapipeLogging, telemetryHostsIn } from './no-telemetry-plugin';
import { precacheManifest } from './precache-plugin';
import { contentSecurityPolicy, securityHeaders } from './security-headers.mjs';


describe('stripMediapipeLogging', () => {
  const bundlePath = join(import.meta.dirname, '..', '..', 'node_modules', '@mediapipe', 'tasks-vision', 'vision_bundle.mjs');
  const original = readFileSync(bundlePath, 'utf8');

  it('removes the usage logging of the installed tasks-vision bundle', () => {
    expect(telemetryHostsIn(original)).toContain('odml.pa.googleapis.com');
    const stripped = stripMediapipeLogging(original);
    expect(telemetryHostsIn(stripped)).toEqual([]);
    expect(stripped).not.toMatch(/setInterval\(\(\)=>\{this\.flush\(\)\},6e4\)/);
    expect(stripped).toMatch(/flush\(\w+,\w+\)\{this\.i=\[\];\w+\?\.\(\);return;/);
    // Everything else is left as it was.
    expect(Math.abs(stripped.length - original.length)).toBeLessThan(100);
  });

  it('fails loudly when the code it edits has changed (an upgrade must be checked)', () => {
    expect(() => stripMediapipeLogging(original.replace('6e4', '3e4'))).toThrow(/logger timer matched 0 times/);
    expect(() => stripMediapipeLogging('export const x = 1;')).toThrow(/no-telemetry/);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only the own origin for scripts, workers, wasm and connections', () => {
    const csp = contentSecurityPolicy();
    const d = Object.fromEntries(csp.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)]));
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['worker-src']).toEqual(["'self'"]);
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('leaves out of the <meta> form what a meta policy cannot carry, and adds only an inline-script allowance in dev', () => {
    expect(contentSecurityPolicy({ meta: true })).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy({ meta: true, reportUri: '/r' })).not.toContain('report-uri');
    expect(contentSecurityPolicy({ dev: true })).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'");
    expect(contentSecurityPolicy({ dev: true })).toContain("connect-src 'self'");
  });

  it('is sent with the isolation headers', () => {
    const h = securityHeaders();
    expect(h['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(h['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(h['Content-Security-Policy']).toBe(contentSecurityPolicy());
  });
});

describe('precacheManifest', () => {
  function build(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'precache-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('gives each file a content revision, so a release changes only the revisions of changed files', () => {
    const release1 = precacheManifest(build({ 'index.html': '<html>1', 'sw.js': 'sw', 'models/m.onnx': 'weights', 'assets/a.js': 'a', 'assets/a.js.map': 'map', 'notes.md': 'x' }));
    const release2 = precacheManifest(build({ 'index.html': '<html>2', 'sw.js': 'sw2', 'models/m.onnx': 'weights', 'assets/a.js': 'a' }));
    const urls = release1.entries.map((e) => e.url);
    expect(urls).toEqual(['./', './assets/a.js', './index.html', './models/m.onnx']);
    const rev = (m: typeof release1, url: string) => m.entries.find((e) => e.url === url)!.revision;
    expect(rev(release1, './models/m.onnx')).toBe(rev(release2, './models/m.onnx'));
    expect(rev(release1, './assets/a.js')).toBe(rev(release2, './assets/a.js'));
    expect(rev(release1, './index.html')).not.toBe(rev(release2, './index.html'));
    expect(rev(release1, './')).toBe(rev(release1, './index.html'));
    expect(release1.version).not.toBe(release2.version);
  });
});
