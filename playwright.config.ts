import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the production build. Run through `npm run test:e2e`, which creates a
 * fresh migrated and seeded database and passes DATABASE_URL and AUTH_SECRET down to us, to the
 * web server (webServer.env extends process.env) and to the specs' own database fixtures.
 */
// E2E_PORT: another port when 3100 is taken (e.g. two suites on one machine).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

// Playwright cannot download its browser offline; Debian's Chromium works. Elsewhere, Playwright's own.
const systemChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: the server, the browser and two workers already share them.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: existsSync(systemChromium) ? systemChromium : undefined,
          // Root has no sandbox, and the machine is offline: no background calls home.
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  webServer: {
    command: `node --import tsx e2e/support/web-server.ts ${PORT}`,
    url: baseURL,
    // The build takes ~20 s on an idle machine, minutes on a busy two-core one.
    timeout: 300_000,
    reuseExistingServer: false,
    // SIGTERM, not SIGKILL: the wrapper then puts back what `next build` edited (see web-server.ts).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      // Its own build folder, so the suite never clobbers the build `npm start` serves.
      NEXT_DIST_DIR: '.next-e2e',
      SITE_URL: baseURL,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: '1',
      // Every test sends its own client address as X-Forwarded-For (fixtures.ts), so the per-address
      // flood limits see each test apart, as they would separate readers behind a proxy.
      TRUST_PROXY: '1',
    },
  },
});
