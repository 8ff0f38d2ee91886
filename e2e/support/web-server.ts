/**
 * The e2e web server: `next build` into NEXT_DIST_DIR and the web server compiled into it, then that
 * production server, as `npm start` runs it (scripts/server.ts: Next.js behind the edge), on the given port.
 *   node --import tsx e2e/support/web-server.ts <port>
 *
 * `next build` into a custom distDir edits tsconfig.json and next-env.d.ts; both are put back
 * (scripts/lib/build-edits.ts), also when Playwright stops us mid-build (it sends SIGTERM, see
 * webServer.gracefulShutdown).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { compileServer } from '../../scripts/lib/build';
import { snapshotBuildEdits } from '../../scripts/lib/build-edits';
import { serverProcess } from '../../scripts/lib/compile-server.mjs';

const port = process.argv[2] ?? '3100';
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

if (!process.env.DATABASE_URL || !process.env.AUTH_SECRET) {
  console.error('[e2e] DATABASE_URL and AUTH_SECRET are not set: run the suite with `npm run test:e2e`.');
  process.exit(1);
}

const restoreBuildEdits = snapshotBuildEdits();
let child: ChildProcess | undefined;
let building = true;

process.on('exit', () => {
  if (building) restoreBuildEdits();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    child?.kill(signal);
    if (building) process.exit(1);
  });
}

child = spawn(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
const status = await new Promise<number>((resolve) => child!.on('exit', (code) => resolve(code ?? 1)));
restoreBuildEdits();
building = false;
if (status !== 0) process.exit(status);
const compiled = compileServer();
if (compiled !== 0) process.exit(compiled);

const server = serverProcess(port);
child = spawn(process.execPath, server.args, { stdio: 'inherit', env: { ...process.env, ...server.env } });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
