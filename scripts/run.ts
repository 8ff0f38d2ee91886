/**
 * `npm run dev`: database (embedded unless DATABASE_URL is set) → migrations → sample content →
 * Next.js's dev server. On SIGINT/SIGTERM the dev server stops first, then the embedded database.
 * (`npm start` is scripts/start.mjs: the same steps, then the compiled production server.)
 */
import { spawn } from 'node:child_process';
import { nextBin } from './lib/build';
import { prepare } from './lib/prepare';
import { ROOT } from './lib/root';

const database = await prepare('dev');

const app = spawn(process.execPath, [nextBin, 'dev', '--port', process.env.PORT ?? '3000'], { stdio: 'inherit', cwd: ROOT, env: process.env });
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
