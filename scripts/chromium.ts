/**
 * How Mixscope's browser tests, screenshots and benchmarks launch Chromium: Debian's build (or
 * `MIXSCOPE_CHROMIUM`), with the flags that keep it from reaching for the network, which these
 * machines do not have.
 */

/** The Chromium executable: `MIXSCOPE_CHROMIUM`, else Debian's `/usr/bin/chromium`. */
export const CHROMIUM_PATH: string = process.env['MIXSCOPE_CHROMIUM'] ?? '/usr/bin/chromium';

/** Headless, no sandbox (root in CI), no GPU, and no background network traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
