/**
 * The e2e web server: `next build` into NEXT_DIST_DIR, then the production server `npm start` runs
 * (scripts/server.ts: Next.js behind its origin check and client-address handling) on the given port.
 *   node --import tsx e2e/support/web-server.ts <port>
 *
 * `next build` with a custom distDir rewrites tsconfig.json (adds `<distDir>/types/**` to "include",
 * reformatting the whole file) and next-env.d.ts (points it at `<distDir>/types`). A test run must
 * leave the working tree as it found it, so both are put back when those are the only changes, also
 * when Playwright stops us mid-build (it sends SIGTERM, see webServer.gracefulShutdown).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const port = process.argv[2] ?? '3100';
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

// Other tools build into their own `.next-*` folder in this checkout too, with the same side effects.
const BUILD_TYPES_INCLUDE = /^\.next[\w-]*\/(?:dev\/)?types\/\*\*\/\*\.ts$/;
const BUILD_TYPES_IMPORT = /\.\/\.next[\w-]*\/types\//g;

if (!process.env.DATABASE_URL || !process.env.AUTH_SECRET) {
  console.error('[e2e] DATABASE_URL and AUTH_SECRET are not set: run the suite with `npm run test:e2e`.');
  process.exit(1);
}

const tsconfig = snapshot('tsconfig.json');
const nextEnv = snapshot('next-env.d.ts');
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

child = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts', port], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function snapshot(file: string): { file: string; text: string | undefined } {
  return { file, text: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
}

function restoreBuildEdits(): void {
  restoreIf(tsconfig, (now) => sameExceptBuildIncludes(tsconfig.text!, now));
  restoreIf(nextEnv, (now) => now.replace(BUILD_TYPES_IMPORT, './.next/types/') === nextEnv.text!.replace(BUILD_TYPES_IMPORT, './.next/types/'));
}

function restoreIf(saved: { file: string; text: string | undefined }, onlyBuildChanges: (now: string) => boolean): void {
  if (saved.text === undefined || !existsSync(saved.file)) return;
  const now = readFileSync(saved.file, 'utf8');
  if (now !== saved.text && onlyBuildChanges(now)) writeFileSync(saved.file, saved.text);
}

function sameExceptBuildIncludes(before: string, after: string): boolean {
  try {
    const a = JSON.parse(before) as { include?: string[] };
    const b = JSON.parse(after) as { include?: string[] };
    b.include = b.include?.filter((entry) => !BUILD_TYPES_INCLUDE.test(entry) || a.include?.includes(entry));
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false; // not plain JSON (comments): leave it for a person to look at
  }
}
