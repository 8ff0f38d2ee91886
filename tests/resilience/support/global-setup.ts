/**
 * Builds the production app once into its own folder (.next-resilience), so the suite never touches
 * the build `npm start` or the e2e suite serve, and skips the build while it is up to date; the web
 * server is compiled into it too (only that, when only the server's sources changed). The build's
 * edits to tsconfig.json and next-env.d.ts are put back (scripts/lib/build-edits.ts).
 */
import { build, needsBuild } from '../../../scripts/lib/build';
import { snapshotBuildEdits } from '../../../scripts/lib/build-edits';
import { DIST_DIR } from './app';

export default function setup(): void {
  process.env.NEXT_DIST_DIR = DIST_DIR;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  if (!needsBuild(DIST_DIR)) return;
  const restoreBuildEdits = snapshotBuildEdits();
  const started = Date.now();
  const status = build(DIST_DIR);
  restoreBuildEdits();
  if (status !== 0) throw new Error(`the build into ${DIST_DIR} failed (exit ${status})`);
  console.log(`[resilience] built ${DIST_DIR} in ${Math.round((Date.now() - started) / 1000)} s`);
}
