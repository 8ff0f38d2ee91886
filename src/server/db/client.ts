import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';

/**
 * node-postgres waits forever by default; every wait here is bounded so that a slow or absent
 * database turns into a quick, clear error instead of a hung request.
 */
export const poolLimits = {
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 10_000,
  query_timeout: 12_000,
  lock_timeout: 5_000,
} as const;

export function createPrismaClient(connectionString: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString, ...poolLimits });
  return new PrismaClient({ adapter });
}
