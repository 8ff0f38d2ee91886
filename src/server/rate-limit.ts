import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createSmallPool } from '@/server/db/pg-pool';
import { env } from '@/server/env';
import { sign } from '@/server/signing';

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
    const redisUrl = env.REDIS_URL;
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

/*
 * Password guessing, after OWASP's Authentication Cheat Sheet. Attempts are refused per address and
 * per address+account. Per account they are only slowed down: refusing there would let anyone lock
 * the owner out with five wrong passwords from five addresses. Signing in (the form and next-auth's
 * callback) and changing the password take from the same allowances.
 */
const LOGIN_WINDOW_SECONDS = 15 * 60;
const loginAttemptsByIp = () => limiter('login_ip', 20, LOGIN_WINDOW_SECONDS);
const loginAttemptsByIpAndAccount = () => limiter('login_ip_account', 5, LOGIN_WINDOW_SECONDS);
// Only counted (penalty and get never refuse), so its number of points limits nothing.
const loginFailuresByAccount = () => limiter('login_account', 1, LOGIN_WINDOW_SECONDS);
export const LOGIN_DELAY_MS_PER_FAILURE = 250;
const LOGIN_DELAY_MAX_MS = 3_000;

export type PasswordCheck = 'ok' | 'invalid' | 'locked';

/**
 * Runs `check` (a password verification) within the sign-in limits. The attempt is taken BEFORE the
 * check, by consume, which is one atomic step in PostgreSQL and Redis: of parallel attempts only as
 * many as are allowed get to the check. The right password gives the attempt back, so an admin who
 * signs in often is never locked out.
 */
export async function limitPasswordCheck(ip: string, account: string, check: () => Promise<boolean>): Promise<PasswordCheck> {
  const ipAndAccount = `${ip}|${account}`;
  const taken = await Promise.allSettled([loginAttemptsByIp().consume(ip), loginAttemptsByIpAndAccount().consume(ipAndAccount)]);
  for (const result of taken) {
    if (result.status === 'rejected' && !(result.reason instanceof RateLimiterRes)) throw result.reason;
  }
  if (taken.some((result) => result.status === 'rejected')) return 'locked';

  const failures = (await loginFailuresByAccount().get(account))?.consumedPoints ?? 0;
  await sleep(Math.min(failures * LOGIN_DELAY_MS_PER_FAILURE, LOGIN_DELAY_MAX_MS));
  if (await check()) {
    await Promise.all([loginAttemptsByIp().reward(ip), loginAttemptsByIpAndAccount().reward(ipAndAccount)]);
    return 'ok';
  }
  await loginFailuresByAccount().penalty(account);
  return 'invalid';
}

/**
 * Takes one comment from the sender's allowance; false when none is left (0 turns a limit off). The
 * short interval holds per address and per email, as WordPress's wp_check_comment_flood does, so one
 * author cannot flood from many addresses. The email is keyed by a keyed hash: rate_limits never
 * holds it, nor anything a guessed address could be checked against.
 */
export async function takeCommentAllowance(
  sender: { ip: string; email: string },
  settings: { floodIntervalSeconds: number; floodMaxPerHour: number },
): Promise<boolean> {
  const takes: Array<[RateLimiterAbstract, string]> = [];
  if (settings.floodIntervalSeconds > 0) {
    const burst = limiter('comment_burst', 1, settings.floodIntervalSeconds);
    // "email:" keeps the two kinds of key apart: an address never starts with it.
    const email = sign('comment-flood', sender.email);
    takes.push([burst, sender.ip], [burst, `email:${email}`]);
  }
  if (settings.floodMaxPerHour > 0) takes.push([limiter('comment_hour', settings.floodMaxPerHour, 3600), sender.ip]);
  const results = await Promise.allSettled(takes.map(([limit, key]) => limit.consume(key)));
  for (const result of results) {
    if (result.status === 'rejected') {
      if (result.reason instanceof RateLimiterRes) return false;
      throw result.reason;
    }
  }
  return true;
}
