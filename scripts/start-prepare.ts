/**
 * `npm start`'s start-up steps (lib/prepare.ts), run by scripts/start.mjs in a process of their own
 * that exits before the web server loads: nothing they load (Prisma's client, argon2, the TypeScript
 * loader) stays in the serving process's memory. Sends start.mjs the environment they produced and,
 * when they started the embedded PostgreSQL, that server's pid, which start.mjs stops after the web
 * server has drained.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { withAdminClient } from './lib/postgres';
import { prepare, PrepareFailed } from './lib/prepare';

export interface Prepared {
  /** Variables the steps set or changed (.env, secrets, DATABASE_URL, SITE_URL…). */
  env: Record<string, string>;
  /** The embedded PostgreSQL these steps started (not one already running on the data folder). */
  embedded?: { pid: number; dataDir: string };
}

if (!process.send) {
  console.error('scripts/start-prepare.ts is run by scripts/start.mjs (npm start).');
  process.exit(2);
}

const before = { ...process.env };
const exitHooks = new Set(process.listeners('exit'));
let database;
try {
  database = await prepare('start');
} catch (error) {
  if (!(error instanceof PrepareFailed)) throw error;
  process.exit(error.status);
}

// startEmbeddedPostgres stops the server it started when its process exits (a hook on 'exit'). This
// process exits now and start.mjs stops the server instead: that hook is what is handed over.
const handedOver = process.listeners('exit').filter((hook) => !exitHooks.has(hook));
const prepared: Prepared = { env: {} };
for (const [name, value] of Object.entries(process.env)) if (value !== undefined && before[name] !== value) prepared.env[name] = value;
if (database && handedOver.length > 0) {
  const dataDir = await withAdminClient(
    process.env.DATABASE_URL!,
    async (client) => (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory,
  );
  prepared.embedded = { pid: Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]), dataDir };
}

process.send(prepared, (error: Error | null) => {
  if (error) {
    // start.mjs is gone: nobody would stop the database.
    void database?.stop().finally(() => process.exit(1));
    return;
  }
  for (const hook of handedOver) process.off('exit', hook);
  // The database's pipes would keep this process alive.
  process.exit(0);
});
