import 'server-only';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createSmallPool } from '@/server/db/pg-pool';
import { env } from '@/server/env';

/**
 * Counters live outside the process, so every app instance behind a load balancer counts the same
 * attempts: in Redis when REDIS_URL is set, else in PostgreSQL (table rate_limits, made by a migration).
 */
const stores = globalThis as unknown as { rateLimitPool?: ReturnType<typeof createSmallPool>; rateLimitRedis?: Redis };
const limiters = new Map<string, RateLimiterAbstract>();

/** One client per process; an outage is logged once when it starts and once when it ends, not per retry. */
function redisClient(url: string): Redis {
  if (stores.rateLimitRedis) return stores.rateLimitRedis;
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) console.warn(`[rate-limit] Redis unreachable (${error.message}); each instance counts in memory until it is back`);
    down = true;
  });
  client.on('ready', () => {
    if (down) console.warn('[rate-limit] Redis is back');
    down = false;
  });
  return (stores.rateLimitRedis = client);
}

function limiter(keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const id = `${keyPrefix}:${points}:${duration}`;
  let instance = limiters.get(id);
  if (!instance) {
    const redisUrl = process.env.REDIS_URL;
    instance = redisUrl
      ? new RateLimiterRedis({
          // Commands wait for the connection (the first request after a start must not fail), but
          // each gives up after one reconnection attempt, so a Redis outage costs seconds, not hangs.
          storeClient: redisClient(redisUrl),
          keyPrefix,
          points,
          duration,
          // While Redis is unreachable, each instance counts on its own rather than refusing every comment.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
        })
      : new RateLimiterPostgres({
          storeClient: (stores.rateLimitPool ??= createSmallPool(env.DATABASE_URL)),
          tableName: 'rate_limits',
          tableCreated: true,
          keyPrefix,
          points,
          duration,
          // An address that is out of points is refused from memory, without a database round trip.
          inMemoryBlockOnConsumed: points,
          inMemoryBlockDuration: duration,
        });
    limiters.set(id, instance);
  }
  return instance;
}

const FIFTEEN_MINUTES = 15 * 60;
export const loginFailuresByIp = () => limiter('login_ip', 5, FIFTEEN_MINUTES);
export const loginFailuresByAccount = () => limiter('login_account', 5, FIFTEEN_MINUTES);

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

/** Takes one comment from the IP's allowance; false when it has none left (0 turns a limit off). */
export async function takeCommentAllowance(ip: string, settings: { floodIntervalSeconds: number; floodMaxPerHour: number }): Promise<boolean> {
  const checks: RateLimiterAbstract[] = [];
  if (settings.floodIntervalSeconds > 0) checks.push(limiter('comment_burst', 1, settings.floodIntervalSeconds));
  if (settings.floodMaxPerHour > 0) checks.push(limiter('comment_hour', settings.floodMaxPerHour, 3600));
  const results = await Promise.allSettled(checks.map((l) => l.consume(ip)));
  for (const result of results) {
    if (result.status === 'rejected') {
      if (result.reason instanceof RateLimiterRes) return false;
      throw result.reason;
    }
  }
  return true;
}
