/**
 * `npm start` / `npm run dev`: database (embedded unless DATABASE_URL is set) → migrations → sample
 * content → Next.js. On SIGINT/SIGTERM the app drains first, then the embedded database stops.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, needsBuild, nextBin } from './lib/build';
import { ROOT } from './lib/root';
import { ensureAdmin, ensureSecrets, loadDotEnv, prepareDatabase, seed } from './lib/setup';

const mode = process.argv[2] === 'dev' ? 'dev' : 'start';

loadDotEnv();
process.env.NEXT_TELEMETRY_DISABLED = '1';
const port = process.env.PORT ?? '3000';
process.env.SITE_URL ??= `http://localhost:${port}`;
ensureSecrets();

const database = await prepareDatabase();
await seed();
await ensureAdmin({ embedded: Boolean(database) });
process.env.NEXTAUTH_URL ??= process.env.SITE_URL;

if (mode === 'start' && needsBuild()) {
  const status = build();
  if (status !== 0) {
    await database?.stop();
    process.exit(status);
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
