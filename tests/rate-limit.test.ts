/**
 * Flood and sign-in counters must be shared by every app instance behind a load balancer: they live in the store
 * the environment configures (PostgreSQL's rate_limits table by default, Redis when REDIS_URL is set;
 * `.ci/run` runs this suite both ways), never in a process's memory. A second "instance" here is a fresh
 * copy of src/server/rate-limit.ts, with none of the first one's in-memory state.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testDb } from './helpers/database';

type RateLimitModule = typeof import('@/server/rate-limit');

/** A new app instance's copy of the module: its own limiter objects and in-memory blocks. */
async function anotherInstance(): Promise<RateLimitModule> {
  vi.resetModules();
  return import('@/server/rate-limit');
}

const randomIp = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const randomEmail = () => `reader.${randomBytes(6).toString('hex')}@example.com`;
/** A sender of their own: a new address and email. */
const sender = (ip = randomIp()) => ({ ip, email: randomEmail() });
const store = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;

afterAll(async () => {
  await redis?.quit();
});

/** Every key the store holds for the burst counters. */
async function storedBurstKeys(): Promise<string[]> {
  if (redis) return redis.keys('comment_burst:*');
  return (await testDb.$queryRaw<{ key: string }[]>`SELECT key FROM rate_limits WHERE key LIKE 'comment_burst:%'`).map((row) => row.key);
}

/** What the store itself holds for this address's burst counter. */
async function storedCount(ip: string): Promise<number> {
  if (redis) return Number((await redis.get(`comment_burst:${ip}`)) ?? 0);
  const rows = await testDb.$queryRaw<{ points: number }[]>`SELECT points FROM rate_limits WHERE key = ${`comment_burst:${ip}`}`;
  return rows[0]?.points ?? 0;
}

describe(`flood counters in ${store}`, () => {
  const limits = { floodIntervalSeconds: 15, floodMaxPerHour: 20 };

  it('are kept in the store, where every instance counts the same attempts', async () => {
    const ip = randomIp();
    const first = await anotherInstance();
    expect(await first.takeCommentAllowance(sender(ip), limits)).toBe(true);
    expect(await storedCount(ip)).toBe(1);

    // Another instance, which never saw this address, refuses its second comment within 15 s.
    const second = await anotherInstance();
    expect(await second.takeCommentAllowance(sender(ip), limits)).toBe(false);
    // And a third address is unaffected.
    expect(await second.takeCommentAllowance(sender(), limits)).toBe(true);
  });

  // WordPress's wp_check_comment_flood: the same email from another address is a flood too.
  it('hold the short interval per email too, across instances, keyed by a hash that no guess of the email can be checked against', async () => {
    const email = randomEmail();
    expect(await (await anotherInstance()).takeCommentAllowance({ ip: randomIp(), email }, limits)).toBe(true);
    expect(await (await anotherInstance()).takeCommentAllowance({ ip: randomIp(), email }, limits)).toBe(false);

    const keys = await storedBurstKeys();
    expect(keys.filter((key) => key.startsWith('comment_burst:email:'))).toHaveLength(1);
    for (const guess of [email, createHash('sha256').update(email).digest('hex'), createHash('sha256').update(email).digest('base64url')]) {
      expect(
        keys.filter((key) => key.includes(guess)),
        guess,
      ).toEqual([]);
    }
  });

  it('count the hourly limit across instances too', async () => {
    const ip = randomIp();
    const hourly = { floodIntervalSeconds: 0, floodMaxPerHour: 3 };
    const instances = [await anotherInstance(), await anotherInstance(), await anotherInstance()];
    const answers: boolean[] = [];
    for (const instance of [...instances, instances[0]!]) answers.push(await instance.takeCommentAllowance(sender(ip), hourly));
    expect(answers).toEqual([true, true, true, false]);
  });
});

describe(`sign-in allowances in ${store}`, () => {
  it('hold against a burst split between two instances: at most 5 of 30 parallel attempts get their password checked', async () => {
    const instances = [await anotherInstance(), await anotherInstance()];
    const ip = randomIp();
    let checked = 0;
    const wrongPassword = async () => {
      checked++;
      return false;
    };
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => instances[i % 2]!.limitPasswordCheck(ip, 'owner@example.com', wrongPassword)));
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a === 'locked')).toHaveLength(30 - checked);
  });
});

describe('with REDIS_URL set but Redis unreachable', () => {
  const app = globalThis as unknown as { rateLimitRedis?: Redis };

  it('each instance counts in memory meanwhile: comments are neither all refused nor unlimited, and answers come quickly', async () => {
    const saved = { url: process.env.REDIS_URL, client: app.rateLimitRedis };
    process.env.REDIS_URL = 'redis://127.0.0.1:9'; // the discard port: connections are refused
    app.rateLimitRedis = undefined;
    try {
      const instance = await anotherInstance();
      const ip = randomIp();
      const started = Date.now();
      expect(await instance.takeCommentAllowance(sender(ip), { floodIntervalSeconds: 15, floodMaxPerHour: 20 })).toBe(true);
      expect(await instance.takeCommentAllowance(sender(ip), { floodIntervalSeconds: 15, floodMaxPerHour: 20 })).toBe(false);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      (app.rateLimitRedis as Redis | undefined)?.disconnect(); // the client the instance made
      app.rateLimitRedis = saved.client;
      if (saved.url === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved.url;
    }
  });
});
