/**
 * Runs a command against a fresh, migrated database that exists only for this run, so test runs
 * never see each other's data: on DATABASE_URL's server when set, else on a throw-away embedded one.
 *   tsx scripts/with-test-db.ts [--seed] -- <command…>
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase, type RunningPostgres } from './lib/postgres';
import { ensureAuthSecret, seed } from './lib/setup';
import { migrate } from '../src/server/db/migrate';

const separator = process.argv.indexOf('--');
const flags = process.argv.slice(2, separator);
const command = process.argv.slice(separator + 1);
if (separator < 0 || command.length === 0) {
  console.error('usage: tsx scripts/with-test-db.ts [--seed] -- <command…>');
  process.exit(2);
}

const databaseName = `blog_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
let embedded: RunningPostgres | undefined;
let embeddedDir: string | undefined;
let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  embeddedDir = mkdtempSync(path.join(os.tmpdir(), 'blog-test-pg-'));
  const port = 55000 + Math.floor(Math.random() * 4000);
  embedded = await startEmbeddedPostgres({ dataDir: path.join(embeddedDir, 'data'), port });
  serverUrl = embedded.urlFor('postgres');
}

let exitCode = 1;
try {
  await ensureDatabase(serverUrl, databaseName);
  process.env.DATABASE_URL = withDatabase(serverUrl, databaseName);
  process.env.TEST_DATABASE_SERVER_URL = serverUrl;
  ensureAuthSecretForTests();
  await migrate(process.env.DATABASE_URL);
  if (flags.includes('--seed')) await seed();
  console.log(`[test-db] ${databaseName} on ${embedded ? 'embedded PostgreSQL' : new URL(serverUrl).host}`);
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: process.env, shell: process.platform === 'win32' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await dropDatabase(serverUrl, databaseName).catch((e) => console.warn(`[test-db] could not drop ${databaseName}: ${e.message}`));
  await embedded?.stop();
  if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
}
process.exit(exitCode);

function ensureAuthSecretForTests(): void {
  process.env.AUTH_SECRET ??= randomBytes(32).toString('base64url');
  ensureAuthSecret();
}
