import type { Plugin } from 'vite';

/** Hosts that dependencies are known to report to; none may appear in the built app. */
export const TELEMETRY_HOSTS = ['odml.pa.googleapis.com', 'google-analytics.com', 'firebaselogging', 'play.googleapis.com/log', 'sentry.io', 'segment.io'];

/**
 * Edits that remove MediaPipe tasks-vision's usage logging: every task creates a logger that POSTs
 * usage statistics to odml.pa.googleapis.com every 60 s and when the task closes, and no option
 * turns it off. The flush becomes a no-op, its timer is never started and the address is removed.
 * Each edit must match exactly once, so an upgrade that changes the code fails the build rather
 * than silently bringing the logging back.
 */
const MEDIAPIPE_EDITS: { find: RegExp; replace: string; what: string }[] = [
  { find: /flush\((\w+),(\w+)\)\{if\(this\.error\)/g, replace: 'flush($1,$2){this.i=[];$1?.();return;if(this.error)', what: 'logger flush' },
  { find: /this\.h=setInterval\(\(\)=>\{this\.flush\(\)\},6e4\)/g, replace: 'this.h=void 0', what: 'logger timer' },
  { find: /"https:\/\/odml\.pa\.googleapis\.com\/v1\/log"/g, replace: '""', what: 'logging address' },
];

/** Applies MEDIAPIPE_EDITS to tasks-vision's bundle source; throws when one does not match exactly once. */
export function stripMediapipeLogging(code: string): string {
  let out = code;
  for (const edit of MEDIAPIPE_EDITS) {
    const count = out.match(edit.find)?.length ?? 0;
    if (count !== 1) throw new Error(`no-telemetry: the MediaPipe ${edit.what} matched ${count} times (expected 1); check @mediapipe/tasks-vision's logging after an upgrade`);
    out = out.replace(edit.find, edit.replace);
  }
  return out;
}

/** The hosts of TELEMETRY_HOSTS that occur in `code`. */
export function telemetryHostsIn(code: string): string[] {
  return TELEMETRY_HOSTS.filter((h) => code.includes(h));
}

/**
 * Vite plugin: strips MediaPipe's usage logging from its bundle (dev and build, app and workers)
 * and fails the build if any emitted chunk still names a telemetry host.
 */
export function noTelemetry(): Plugin {
  return {
    name: 'shotscale-no-telemetry',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@mediapipe[\\/]tasks-vision[\\/]vision_bundle\.(mjs|js|cjs)/.test(id)) return null;
      return { code: stripMediapipeLogging(code), map: null };
    },
    generateBundle(_options, bundle) {
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type !== 'chunk') continue;
        const hosts = telemetryHostsIn(item.code);
        if (hosts.length) this.error(`${fileName} still names ${hosts.join(', ')}: a dependency reports usage`);
      }
    },
  };
}
