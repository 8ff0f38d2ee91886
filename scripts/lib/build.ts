import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './root';

export const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** True when there is no build in `distDir` or any source is newer than it, so nobody serves stale code. */
export function needsBuild(distDir = process.env.NEXT_DIST_DIR || '.next'): boolean {
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

/** `next build`; returns its exit status. */
export function build(): number {
  console.log('[build] building the production app (next build)…');
  return spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }).status ?? 1;
}
