import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';

/**
 * node-postgres waits forever by default; every wait here is bounded so that a slow or absent
 * database turns into a quick, clear error instead of a hung request.
 */
export const poolLimits = {
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 10_000,
  query_timeout: 12_000,
  lock_timeout: 5_000,
} as const;

/** `max`: connections this client may open (the app passes DATABASE_POOL_MAX; scripts keep the default). */
export function createPrismaClient(connectionString: string, max = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max, ...poolLimits });
  return new PrismaClient({ adapter });
}
