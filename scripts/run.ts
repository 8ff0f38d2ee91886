/**
 * `npm start` / `npm run dev`: database (embedded unless DATABASE_URL is set) → migrations → sample
 * content → Next.js. On SIGINT/SIGTERM the app drains first, then the embedded database stops.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './lib/postgres';
import { ensureAdmin, ensureAuthSecret, loadDotEnv, prepareDatabase, seed } from './lib/setup';

const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

loadDotEnv();
process.env.NEXT_TELEMETRY_DISABLED = '1';
const port = process.env.PORT ?? '3000';
process.env.SITE_URL ??= `http://localhost:${port}`;
ensureAuthSecret();

const database = await prepareDatabase();
await seed();
await ensureAdmin({ embedded: Boolean(database) });
process.env.NEXTAUTH_URL ??= process.env.SITE_URL;

if (mode === 'start' && needsBuild()) {
  console.log('[build] building the production app (next build)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', cwd: ROOT });
  if (build.status !== 0) {
    await database?.stop();
    process.exit(build.status ?? 1);
  }
}

const command = mode === 'start' ? ['--import', 'tsx', path.join(ROOT, 'scripts/server.ts'), port] : [nextBin, 'dev', '--port', port];
const app = spawn(process.execPath, command, { stdio: 'inherit', cwd: ROOT, env: process.env });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[app] ${signal}: finishing requests, then stopping`);
    app.kill('SIGTERM');
  });
}
app.on('exit', async (code, signal) => {
  await database?.stop();
  if (database) console.log('[db] embedded PostgreSQL stopped');
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});

/** Rebuild when any source is newer than the last build, so `npm start` never serves stale code. */
function needsBuild(): boolean {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ['app', 'src', 'public', 'next.config.mjs', 'package-lock.json', 'tsconfig.json'];
  return sources.some((entry) => newerThan(path.join(ROOT, entry), builtAt));
}

function newerThan(file: string, time: number): boolean {
  if (!existsSync(file)) return false;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return readdirSync(file).some((name) => newerThan(path.join(file, name), time));
}
