// Chromium settings shared by playwright.config.ts and the headless CLI scripts (analyze, eval).

/** Chromium flags: headless, no sandbox (root in CI), no background traffic to Google. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-quic',
  '--disable-domain-reliability',
  '--metrics-recording-only',
];

/** The Chromium binary to drive (Debian's; override with CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
