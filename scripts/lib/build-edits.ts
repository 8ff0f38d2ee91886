/**
 * `next build` with a custom distDir rewrites tsconfig.json (adds `<distDir>/types/**` to "include",
 * reformatting the whole file) and next-env.d.ts (points it at `<distDir>/types`). A test run must
 * leave the working tree as it found it: snapshot both before such a build, and put them back
 * afterwards when those are their only changes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './root';

// Every tool builds into its own `.next-*` folder in this checkout, with the same side effects.
const BUILD_TYPES_INCLUDE = /^\.next[\w-]*\/(?:dev\/)?types\/\*\*\/\*\.ts$/;
const BUILD_TYPES_IMPORT = /\.\/\.next[\w-]*\/types\//g;

interface Snapshot {
  file: string;
  text: string | undefined;
}

function snapshot(file: string): Snapshot {
  const full = path.join(ROOT, file);
  return { file: full, text: existsSync(full) ? readFileSync(full, 'utf8') : undefined };
}

function restoreIf(saved: Snapshot, onlyBuildChanges: (before: string, now: string) => boolean): void {
  if (saved.text === undefined || !existsSync(saved.file)) return;
  const now = readFileSync(saved.file, 'utf8');
  if (now !== saved.text && onlyBuildChanges(saved.text, now)) writeFileSync(saved.file, saved.text);
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

const sameExceptBuildImport = (before: string, now: string) =>
  now.replace(BUILD_TYPES_IMPORT, './.next/types/') === before.replace(BUILD_TYPES_IMPORT, './.next/types/');

/** Call before the build; call what it returns after it (also when the build is cut short). */
export function snapshotBuildEdits(): () => void {
  const tsconfig = snapshot('tsconfig.json');
  const nextEnv = snapshot('next-env.d.ts');
  return () => {
    restoreIf(tsconfig, sameExceptBuildIncludes);
    restoreIf(nextEnv, sameExceptBuildImport);
  };
}
