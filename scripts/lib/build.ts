import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { serverNeedsCompile } from './compile-server.mjs';
import { ROOT } from './root';

export const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const compileServerCli = path.join(ROOT, 'scripts/lib/compile-server.mjs');

const defaultDistDir = () => process.env.NEXT_DIST_DIR || '.next';

/**
 * True when there is no build in `distDir`, any source is newer than it, or the compiled web server
 * in it is missing or older than its sources, so nobody serves stale code.
 */
export function needsBuild(distDir = defaultDistDir()): boolean {
  return needsNextBuild(distDir) || serverNeedsCompile(distDir);
}

function needsNextBuild(distDir: string): boolean {
  const buildId = path.join(ROOT, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ['app', 'src', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.mjs', 'package-lock.json', 'tsconfig.json'];
  return sources.some((entry) => newerThan(path.join(ROOT, entry), builtAt));
}

function newerThan(file: string, time: number): boolean {
  if (!existsSync(file)) return false;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return readdirSync(file).some((name) => newerThan(path.join(file, name), time));
}

/**
 * Brings the build in `distDir` up to date: `next build` when the app's sources changed (always
 * with `force`), then the web server compiled into it (scripts/lib/compile-server.mjs, a second
 * or so; `next build` empties the folder). Returns the exit status.
 */
export function build(distDir = defaultDistDir(), { force = false } = {}): number {
  const env = { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' };
  if (force || needsNextBuild(distDir)) {
    console.log('[build] building the production app (next build)…');
    const status = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', cwd: ROOT, env }).status ?? 1;
    if (status !== 0) return status;
  }
  return compileServer(distDir);
}

/** The web server compiled into `distDir`, in a process of its own (esbuild's API is asynchronous). */
export function compileServer(distDir = defaultDistDir()): number {
  return spawnSync(process.execPath, [compileServerCli, distDir], { stdio: 'inherit', cwd: ROOT }).status ?? 1;
}
