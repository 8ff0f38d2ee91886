import { randomBytes } from 'node:crypto';
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import type pg from 'pg';
import { ArticlePage } from './support/article-page';
import { connect, deletePosts, insertPost, minFillSeconds, type TestPost } from './support/db';

export { expect } from '@playwright/test';

export interface Author {
  name: string;
  email: string;
  website: string;
}

export interface PostOptions {
  title?: string;
  commentsOpen?: boolean;
  /** Defaults to 2001, older than the seeded articles, so they keep their neighbours and the top of the index. */
  publishedAt?: Date;
}

/**
 * Discussion settings are site-wide. Tests that change them (e2e/admin) take this PostgreSQL advisory
 * lock exclusively (e2e/admin/admin-fixtures.ts uses the same key); reader tests hold it shared.
 */
export const SITE_LOCK_KEY = 7_311_042;

interface TestFixtures {
  /** Unique per test: keeps slugs, names and emails of parallel tests apart. */
  uid: string;
  /** This test's client address, sent as X-Forwarded-For (the e2e server runs with TRUST_PROXY=1). */
  clientIp: string;
  /** The "minimum fill time" in force: a form sent back sooner is filed as spam. */
  minFillSeconds: number;
  /** Creates published posts for this test; they (and their comments) are deleted after it. */
  createPost: (options?: PostOptions) => Promise<TestPost>;
  /** A commenter no other test uses, so the "previously approved" rule sees only this test's comments. */
  newAuthor: (label?: string) => Author;
  /** The article page object for the test's `page`. */
  article: ArticlePage;
  /** A page in a second, independent browser context: another reader, with their own cookies, storage and address. */
  otherReader: ArticlePage;
}

interface WorkerFixtures {
  db: pg.Pool;
}

export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]! || 1}`;
}

/**
 * The flood limit lets one address post once every few seconds. A reader who comes back later is
 * played by the same browser moving to another address, rather than by the test sleeping.
 */
export async function moveToNewAddress(context: BrowserContext): Promise<void> {
  await context.setExtraHTTPHeaders({ 'X-Forwarded-For': randomIp() });
}

/**
 * The production server keeps public pages (no session, no held comment) in memory for a moment
 * (scripts/lib/page-cache.ts: PAGE_CACHE_MS 0.5 s, then 0.5 s more while a new copy renders); writes
 * made through the app empty it, writes a test makes straight in the database do not. Such a test
 * waits this out before a reader looks again.
 */
export async function waitOutPageCache(page: Page): Promise<void> {
  await page.waitForTimeout(Number(process.env.PAGE_CACHE_MS ?? 500) + 500 + 200);
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  db: [
    async ({}, provide) => {
      const pool = connect();
      await provide(pool);
      await pool.end();
    },
    { scope: 'worker' },
  ],

  uid: async ({}, provide, testInfo) => {
    await provide(`w${testInfo.workerIndex}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`);
  },

  clientIp: async ({}, provide) => {
    await provide(randomIp());
  },

  // Every context of the test (page, request) comes from this test's own address.
  extraHTTPHeaders: async ({ clientIp }, provide) => {
    await provide({ 'X-Forwarded-For': clientIp });
  },

  minFillSeconds: async ({ db }, provide) => {
    await provide(await minFillSeconds(db));
  },

  createPost: async ({ db, uid }, provide) => {
    const created: number[] = [];
    await provide(async (options = {}) => {
      const n = created.length + 1;
      const post = await insertPost(db, {
        slug: `e2e-${uid}-${n}`,
        title: options.title ?? `E2E article ${uid} #${n}`,
        publishedAt: options.publishedAt ?? new Date('2001-01-01T00:00:00Z'),
        commentsOpen: options.commentsOpen,
      });
      created.push(post.id);
      return post;
    });
    await deletePosts(db, created);
  },

  newAuthor: async ({ uid }, provide) => {
    await provide((label = 'Ada') => ({
      name: `${label} ${uid}`,
      email: `${label.toLowerCase()}.${uid}@e2e.example.com`,
      website: `https://${label.toLowerCase()}.example.org/`,
    }));
  },

  article: async ({ page, javaScriptEnabled, minFillSeconds }, provide) => {
    await provide(new ArticlePage(page, { javaScript: javaScriptEnabled ?? true, minFillSeconds }));
  },

  otherReader: async ({ browser, minFillSeconds }, provide, testInfo) => {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': randomIp() } });
    await provide(new ArticlePage(await context.newPage(), { minFillSeconds }));
    await context.close();
  },
});

/**
 * The test of the reader specs: it holds the site lock shared for its whole run, so an admin test
 * that changes the discussion settings (approval policy, minimum fill time…) waits until it is done.
 */
export const readerTest = test.extend<{ sharedSiteLock: void }>({
  sharedSiteLock: [
    async ({ db }, provide) => {
      const client = await db.connect();
      try {
        await client.query('SELECT pg_advisory_lock_shared($1)', [SITE_LOCK_KEY]);
        await provide();
      } finally {
        client.release(true); // closing the session releases its lock, whatever happened
      }
    },
    { auto: true },
  ],
});
