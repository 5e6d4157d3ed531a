/**
 * How the tests and the headless commands start Chromium, in one place: Debian's build
 * by default (CHROMIUM_PATH selects another), with the flags measured to work on
 * machines without a GPU (WebGPU needs --enable-unsafe-webgpu; the rest keep a closed
 * network quiet).
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
