import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createPrismaClient } from '../../src/server/db/client';
import { migrate } from '../../src/server/db/migrate';
import { seedPosts } from '../../src/server/posts/seed';
import { randomPassword, upsertAdmin } from '../../src/server/auth/admins';
import { adminEmailSchema } from '../../src/lib/schemas/admin';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from './postgres';
import { ROOT } from './root';

export const DATA_DIR = path.resolve(ROOT, process.env.DATA_DIR ?? '.data');

/** Reads .env like Next.js does, so scripts and the app see the same settings. */
export function loadDotEnv(): void {
  for (const file of ['.env.local', '.env']) {
    const full = path.join(ROOT, file);
    if (existsSync(full)) process.loadEnvFile(full);
  }
}

/** A secret from the environment, or one generated once and kept in the data folder. */
function ensureSecret(name: string, file: string, generate: () => string): void {
  if (process.env[name]) return;
  const full = path.join(DATA_DIR, file);
  if (!existsSync(full)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(full, generate(), { mode: 0o600 });
  }
  process.env[name] = readFileSync(full, 'utf8').trim();
}

/**
 * AUTH_SECRET signs sessions and comment-form tokens. NEXT_SERVER_ACTIONS_ENCRYPTION_KEY salts the
 * server action ids a build writes into its forms: kept fixed, the ids survive a rebuild, so a form a
 * reader opened before a redeploy still posts. Both must be set before `next build`.
 */
export function ensureSecrets(): void {
  ensureSecret('AUTH_SECRET', 'auth-secret', () => randomBytes(32).toString('base64url'));
  // Next.js wants a base64 AES-256 key.
  ensureSecret('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', 'server-actions-key', () => randomBytes(32).toString('base64'));
}

/**
 * Makes DATABASE_URL point at a migrated database: the given server, or the embedded one
 * (started here; the caller stops it).
 */
export async function prepareDatabase(log = console.log): Promise<RunningPostgres | undefined> {
  let embedded: RunningPostgres | undefined;
  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    log(`[db] starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(ROOT, DATA_DIR) || '.'}/postgres)`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'postgres'), port });
    await ensureDatabase(embedded.urlFor('postgres'), 'blog');
    process.env.DATABASE_URL = embedded.urlFor('blog');
  }
  const applied = await migrate(process.env.DATABASE_URL!);
  log(applied.length ? `[db] applied migrations: ${applied.join(', ')}` : '[db] migrations up to date');
  return embedded;
}

export async function seed(log = console.log): Promise<void> {
  const db = createPrismaClient(process.env.DATABASE_URL!);
  try {
    const { created, updated } = await seedPosts(db);
    log(`[db] sample content: ${created} post(s) created, ${updated} refreshed`);
  } finally {
    await db.$disconnect();
  }
}

/**
 * ADMIN_EMAIL + ADMIN_PASSWORD create or update that admin. ADMIN_EMAIL alone creates that admin if
 * it does not exist yet, with a random password. Without either, the embedded default's first start
 * (no admin at all) creates one with a random address too: a fixed one would be half of what an
 * attacker has to guess. A generated password is printed once, so a newcomer can sign in at once.
 */
export async function ensureAdmin(options: { embedded: boolean }, log = console.log): Promise<void> {
  const db = createPrismaClient(process.env.DATABASE_URL!);
  try {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = process.env;
    if (ADMIN_EMAIL && ADMIN_PASSWORD) {
      const outcome = await upsertAdmin(db, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      log(`[admin] ${outcome} ${ADMIN_EMAIL} from ADMIN_EMAIL/ADMIN_PASSWORD`);
      return;
    }
    const email = ADMIN_EMAIL ? adminEmailSchema.parse(ADMIN_EMAIL) : `admin-${randomBytes(6).toString('hex')}@example.com`;
    const done = ADMIN_EMAIL ? (await db.adminUser.count({ where: { email } })) > 0 : !options.embedded || (await db.adminUser.count()) > 0;
    if (done) return;
    const password = randomPassword();
    await upsertAdmin(db, { email, password, name: ADMIN_EMAIL ? undefined : 'Admin' });
    const port = process.env.PORT ?? '3000';
    log(
      [
        '',
        '┌──────────────────────────────────────────────────────────────',
        '│ An admin account was created (shown only this once):',
        `│   sign in at  http://localhost:${port}/admin/login`,
        `│   email       ${email}`,
        `│   password    ${password}`,
        '│ Change the password under Admin → Account.',
        '└──────────────────────────────────────────────────────────────',
        '',
      ].join('\n'),
    );
  } finally {
    await db.$disconnect();
  }
}
