import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './scripts/lib/chromium';
import { BACKEND_STATE } from './e2e/helpers/storage';

// SEGSTUDIO_E2E_PORT lets several checkouts run their end-to-end tests side by side.
const PORT = Number(process.env['SEGSTUDIO_E2E_PORT'] ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // A control that never becomes usable fails the step, not the whole test's time.
    actionTimeout: 30_000,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_FLAGS,
    },
  },
  projects: [
    // The first start measures the backends; its stored result spares the specs that cost.
    { name: 'setup', testMatch: /\.setup\.ts$/ },
    { name: 'studio', dependencies: ['setup'], use: { storageState: BACKEND_STATE } },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
