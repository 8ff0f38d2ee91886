import 'server-only';
import { RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createSmallPool } from '@/server/db/pg-pool';
import { env } from '@/server/env';

/**
 * Limits live in PostgreSQL (table rate_limits, created by a migration), so every app instance
 * behind a load balancer counts the same attempts.
 */
const globalForLimits = globalThis as unknown as { rateLimitPool?: ReturnType<typeof createSmallPool> };

function limiter(keyPrefix: string, points: number, durationSeconds: number): () => RateLimiterAbstract {
  let instance: RateLimiterAbstract | undefined;
  return () =>
    (instance ??= new RateLimiterPostgres({
      storeClient: (globalForLimits.rateLimitPool ??= createSmallPool(env.DATABASE_URL)),
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix,
      points,
      duration: durationSeconds,
    }));
}

const FIFTEEN_MINUTES = 15 * 60;
export const loginFailuresByIp = limiter('login_ip', 5, FIFTEEN_MINUTES);
export const loginFailuresByAccount = limiter('login_account', 5, FIFTEEN_MINUTES);

export async function isExhausted(limit: RateLimiterAbstract, key: string): Promise<boolean> {
  const state = await limit.get(key);
  return state !== null && state.remainingPoints <= 0;
}

/** Counts one failure; running out is reported by the next isExhausted check, not thrown here. */
export async function recordFailure(limit: RateLimiterAbstract, key: string): Promise<void> {
  await limit.consume(key).catch((result: unknown) => {
    if (!(result instanceof RateLimiterRes)) throw result;
  });
}
