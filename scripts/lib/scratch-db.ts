import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../src/server/db/migrate';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase, type RunningPostgres } from './postgres';

export interface ScratchDatabase {
  url: string;
  serverUrl: string;
  embedded: boolean;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database that exists only until dispose(): on DATABASE_URL's server when set,
 * else on a throw-away embedded server in a temporary folder.
 */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  let server: RunningPostgres | undefined;
  let folder: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    folder = mkdtempSync(path.join(os.tmpdir(), `${prefix}-pg-`));
    // mkdtemp makes it root-only; as root, PostgreSQL runs as `postgres` and must get in.
    chmodSync(folder, 0o755);
    server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'data'), port: 55000 + Math.floor(Math.random() * 4000) });
    serverUrl = server.urlFor('postgres');
  }
  const maintenanceUrl = serverUrl;
  await ensureDatabase(maintenanceUrl, name);
  const url = withDatabase(maintenanceUrl, name);
  await migrate(url);
  return {
    url,
    serverUrl: maintenanceUrl,
    embedded: Boolean(server),
    async dispose() {
      await dropDatabase(maintenanceUrl, name).catch((e: Error) => console.warn(`[db] could not drop ${name}: ${e.message}`));
      await server?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
