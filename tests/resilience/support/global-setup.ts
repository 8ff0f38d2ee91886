/**
 * Builds the production app once into its own folder (.next-resilience), so the suite never touches
 * the build `npm start` or the e2e suite serve, and skips the build while it is up to date.
 *
 * `next build` with a custom distDir rewrites tsconfig.json (adds `<distDir>/types/**` to "include")
 * and next-env.d.ts (points it at `<distDir>/types`); a test run must leave the working tree as it
 * found it, so both are put back when those are their only changes (as e2e/support/web-server.ts does).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, needsBuild } from '../../../scripts/lib/build';
import { ROOT } from '../../../scripts/lib/postgres';
import { DIST_DIR } from './app';

export default function setup(): void {
  process.env.NEXT_DIST_DIR = DIST_DIR;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  if (!needsBuild(DIST_DIR)) return;
  const tsconfig = snapshot('tsconfig.json');
  const nextEnv = snapshot('next-env.d.ts');
  const started = Date.now();
  const status = build();
  restoreIf(tsconfig, (now) => sameExceptDistDirIncludes(tsconfig.text!, now));
  restoreIf(nextEnv, (now) => now === nextEnv.text!.replaceAll('./.next/', `./${DIST_DIR}/`));
  if (status !== 0) throw new Error(`next build into ${DIST_DIR} failed (exit ${status})`);
  console.log(`[resilience] built ${DIST_DIR} in ${Math.round((Date.now() - started) / 1000)} s`);
}

function snapshot(file: string): { file: string; text: string | undefined } {
  const full = path.join(ROOT, file);
  return { file: full, text: existsSync(full) ? readFileSync(full, 'utf8') : undefined };
}

function restoreIf(saved: { file: string; text: string | undefined }, onlyBuildChanges: (now: string) => boolean): void {
  if (saved.text === undefined || !existsSync(saved.file)) return;
  const now = readFileSync(saved.file, 'utf8');
  if (now !== saved.text && onlyBuildChanges(now)) writeFileSync(saved.file, saved.text);
}

function sameExceptDistDirIncludes(before: string, after: string): boolean {
  try {
    const a = JSON.parse(before) as { include?: string[] };
    const b = JSON.parse(after) as { include?: string[] };
    b.include = b.include?.filter((entry) => !entry.startsWith(`${DIST_DIR}/`) || a.include?.includes(entry));
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false; // not plain JSON (comments): leave it for a person to look at
  }
}
