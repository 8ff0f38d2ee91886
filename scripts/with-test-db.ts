/**
 * Runs a command against a fresh, migrated database that exists only for this run, so test runs
 * never see each other's data: on DATABASE_URL's server when set, else on a throw-away embedded one.
 *   tsx scripts/with-test-db.ts [--seed] -- <command…>
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from './lib/scratch-db';
import { seed } from './lib/setup';

const separator = process.argv.indexOf('--');
const flags = process.argv.slice(2, separator);
const command = process.argv.slice(separator + 1);
if (separator < 0 || command.length === 0) {
  console.error('usage: tsx scripts/with-test-db.ts [--seed] -- <command…>');
  process.exit(2);
}

const database = await createScratchDatabase('blog_test');
let exitCode = 1;
try {
  process.env.DATABASE_URL = database.url;
  process.env.TEST_DATABASE_SERVER_URL = database.serverUrl;
  process.env.AUTH_SECRET ??= randomBytes(32).toString('base64url');
  if (flags.includes('--seed')) await seed();
  console.log(`[test-db] ${new URL(database.url).pathname.slice(1)} on ${database.embedded ? 'embedded PostgreSQL' : new URL(database.url).host}`);
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await database.dispose();
}
process.exit(exitCode);
