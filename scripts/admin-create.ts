/**
 * npm run admin:create -- --email you@example.com [--name "Your Name"]
 * The password comes from ADMIN_PASSWORD (for scripts) or is asked for without echo.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createPrismaClient } from '../src/server/db/client';
import { upsertAdmin } from '../src/server/auth/admins';
import { ensureSecrets, loadDotEnv, prepareDatabase } from './lib/setup';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
if (!values.email) {
  console.error('usage: npm run admin:create -- --email you@example.com [--name "Your Name"]');
  process.exit(2);
}

loadDotEnv();
ensureSecrets();
const password = process.env.ADMIN_PASSWORD ?? (await askHidden('Password (at least 12 characters): '));
const database = await prepareDatabase(() => {});
const db = createPrismaClient(process.env.DATABASE_URL!);
try {
  const outcome = await upsertAdmin(db, { email: values.email, password, name: values.name });
  console.log(`Admin ${values.email} ${outcome}.${outcome === 'updated' ? ' Their existing sessions were signed out.' : ''}`);
} catch (error) {
  console.error(error instanceof Error && error.name === 'ZodError' ? `Not created: ${JSON.parse(error.message)[0]?.message}` : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await database?.stop();
}

function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({ write: (chunk, _encoding, done) => (muted || process.stdout.write(chunk), done()) });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
