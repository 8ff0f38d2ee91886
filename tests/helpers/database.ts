import { Redis } from 'ioredis';
import type { PrismaClient } from '@/generated/prisma/client';
import { createPrismaClient } from '@/server/db/client';

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: run integration tests with `npm run test:int`, which makes a throw-away database for them.');
  }
  return url;
}

/** The server of the test database (its maintenance database), for tests that need a database of their own. */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_SERVER_URL;
  if (!url) throw new Error('TEST_DATABASE_SERVER_URL is not set: run integration tests with `npm run test:int`.');
  return url;
}

/** For arranging and checking data directly; the code under test keeps using its own client (src/server/db.ts). */
export const testDb: PrismaClient = createPrismaClient(databaseUrl());

let truncate: string | undefined;

/**
 * Empties every table but the migrations' record between tests ("Comment", "Post", and the settings,
 * admins and limits that would otherwise leak from one test into the next). Refuses any database
 * that scripts/with-test-db.ts did not make.
 */
export async function resetDatabase(): Promise<void> {
  if (!truncate) {
    const [row] = await testDb.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    if (!row?.name.startsWith('blog_test_')) {
      throw new Error(`Refusing to empty database "${row?.name}": integration tests run only on a database made by scripts/with-test-db.ts.`);
    }
    const tables = await testDb.$queryRaw<{ name: string }[]>`
      SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`;
    truncate = `TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`;
  }
  await testDb.$executeRawUnsafe(truncate);
  await resetRedisCounters();
}

/** The limiters' key prefixes (src/server/rate-limit.ts). */
const RATE_LIMIT_PREFIXES = ['comment_burst', 'comment_hour', 'login_ip', 'login_ip_account', 'login_account'];
let redis: Redis | undefined;

/** With REDIS_URL the flood counters live in Redis, which outlives every test and run: empty them too. */
async function resetRedisCounters(): Promise<void> {
  if (!process.env.REDIS_URL) return;
  redis ??= new Redis(process.env.REDIS_URL);
  for (const prefix of RATE_LIMIT_PREFIXES) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
}

/** Closes our pool and the app's: src/server/db.ts and src/server/rate-limit.ts keep theirs on globalThis. */
export async function disconnectAll(): Promise<void> {
  const app = globalThis as unknown as { prisma?: PrismaClient; rateLimitPool?: { end(): Promise<void> }; rateLimitRedis?: { quit(): Promise<unknown> } };
  await Promise.all([testDb.$disconnect(), app.prisma?.$disconnect(), app.rateLimitPool?.end(), app.rateLimitRedis?.quit(), redis?.quit()]);
  app.prisma = app.rateLimitPool = app.rateLimitRedis = redis = undefined;
}
