/** Chromium flags: headless, no sandbox (root in CI), no background traffic to Google. */
export declare const CHROMIUM_ARGS: string[];
/** The Chromium binary to drive (Debian's; override with CHROMIUM_PATH). */
export declare const CHROMIUM_PATH: string;
