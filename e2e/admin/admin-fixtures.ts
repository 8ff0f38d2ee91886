import { randomBytes } from 'node:crypto';
import { hash, type Algorithm } from '@node-rs/argon2';
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import pg from 'pg';
import { test as base, randomIp, SITE_LOCK_KEY } from '../fixtures';
import { ArticlePage, type CommentValues } from '../support/article-page';
import type { CommentStatus } from '../support/db';

export { expect, randomIp };

export interface TestAdmin {
  id: number;
  email: string;
  name: string;
  password: string;
}

export interface AdminComment {
  authorName: string;
  authorEmail: string;
  authorUrl?: string | null;
  body: string;
  status: CommentStatus;
  ip?: string;
  userAgent?: string;
  createdAt?: Date;
  /** When it entered its status (default now); Empty Spam/Trash only removes what was there when the page was shown. */
  statusChangedAt?: Date;
}

/**
 * Settings and the Spam/Trash bins are shared by the whole site. Tests that change them globally
 * ("exclusive": save settings, empty a bin) run alone; every other admin test (and every reader
 * test, see readerTest in ../fixtures.ts) holds the lock "shared", so its comments cannot be emptied
 * or judged by another test's settings under it.
 */
export type SiteLock = 'shared' | 'exclusive' | 'none';

interface AdminTestFixtures {
  siteLock: SiteLock;
  /** Holds the site lock for the test; with "exclusive", the discussion settings are put back afterwards. */
  siteLockHeld: void;
  /** Creates an admin (in PostgreSQL) for this test only; deleted afterwards with their rate-limit rows. */
  createAdmin: (label?: string) => Promise<TestAdmin>;
  /** A page signed in as this worker's admin. */
  adminPage: Page;
  /** Inserts a comment with every column a moderator sees. */
  addComment: (postId: number, comment: AdminComment) => Promise<number>;
  /** Opens a new browser context (closed after the test), with this test's client address. */
  newContext: (options?: ContextOptions) => Promise<BrowserContext>;
  /**
   * Posts a comment through the article's public form as a new reader (own browser, own address,
   * so flood limits never see two of a test's comments together); returns the reader and the id.
   */
  postAsReader: (path: string, values: CommentValues) => Promise<{ reader: ArticlePage; id: number }>;
}

interface ContextOptions {
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
  javaScriptEnabled?: boolean;
  /** Defaults to the test's own address. */
  ip?: string;
}

interface AdminWorkerFixtures {
  /** One admin per worker for tests that never sign out; created and signed in once. */
  workerAdmin: TestAdmin;
  workerAdminState: Awaited<ReturnType<BrowserContext['storageState']>>;
}

// Argon2id with the app's own parameters (src/server/auth/password.ts).
const ARGON2_OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function insertAdmin(db: pg.Pool, label: string, tag: string): Promise<TestAdmin> {
  const email = `${label.toLowerCase()}.${tag}@admin.e2e.example.com`;
  const name = `${label} ${tag}`;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO "AdminUser" (email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, now()) RETURNING id`,
    [email, name, await hash(password, ARGON2_OPTIONS)],
  );
  return { id: rows[0]!.id, email, name, password };
}

export async function deleteAdmins(db: pg.Pool, admins: TestAdmin[]): Promise<void> {
  if (admins.length === 0) return;
  await db.query('DELETE FROM "AdminUser" WHERE id = ANY($1::int[])', [admins.map((a) => a.id)]);
  // The sign-in counters of these accounts (key names: src/server/rate-limit.ts).
  await db.query('DELETE FROM rate_limits WHERE key = ANY($1::text[]) OR key LIKE ANY($2::text[])', [
    admins.map((a) => `login_account:${a.email}`),
    admins.map((a) => `login_ip_account:%|${a.email}`),
  ]);
}

/** Signs in through the form, as a person does, and waits for the moderation screen. */
export async function signIn(page: Page, admin: Pick<TestAdmin, 'email' | 'password'>): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('Email', { exact: true }).fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/admin/comments');
  // Not the screen's content: the unfiltered list shows other tests' comments, whose posts they may
  // be deleting right now (which can break its render, see the report); only the session matters here.
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'next-auth.session-token')).toBe(true);
}

export async function signOut(page: Page, admin: Pick<TestAdmin, 'name'>): Promise<void> {
  if (!/\/admin\/(account|settings|posts|audit)/.test(page.url())) await page.goto('/admin/account');
  await page
    .getByRole('navigation', { name: 'Admin' })
    .getByRole('button', { name: `Sign out (${admin.name})` })
    .click();
  await expect(page).toHaveURL('/admin/login?notice=signed-out');
  await expect(page.getByRole('status')).toHaveText('You have been signed out.');
}

/** The session cookie of a signed-in context. */
export async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'next-auth.session-token');
  if (!cookie) throw new Error('no session cookie in this context');
  return cookie.value;
}

/** One comment's row on the moderation screen (each row is a list item named by its author). */
export function commentRow(page: Page, authorName: string): Locator {
  return page.getByRole('listitem', { name: authorName, exact: true });
}

/** The admin's success notice after an action (a status message), or its error notice (an alert). */
export function notice(page: Page): Locator {
  return page.getByRole('main').getByRole('status');
}

export function errorNotice(page: Page): Locator {
  return page.getByRole('main').getByRole('alert');
}

/** A view link of the moderation screen, e.g. "Pending (2)". */
export function viewLink(page: Page, label: 'All' | 'Pending' | 'Approved' | 'Spam' | 'Trash', count: number): Locator {
  return page.getByRole('navigation', { name: 'Comment views' }).getByRole('link', { name: `${label} (${count})`, exact: true });
}

export async function commentStatus(db: pg.Pool, id: number): Promise<CommentStatus | undefined> {
  const { rows } = await db.query<{ status: CommentStatus }>('SELECT status FROM "Comment" WHERE id = $1', [id]);
  return rows[0]?.status;
}

async function signedInState(browser: Browser, baseURL: string | undefined, admin: TestAdmin) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': randomIp() } });
  const page = await context.newPage();
  await signIn(page, admin);
  const state = await context.storageState();
  await context.close();
  return state;
}

export const test = base.extend<AdminTestFixtures, AdminWorkerFixtures>({
  workerAdmin: [
    async ({ db }, provide, workerInfo) => {
      const admin = await insertAdmin(db, 'Moderator', `w${workerInfo.workerIndex}-${randomBytes(3).toString('hex')}`);
      await provide(admin);
      await deleteAdmins(db, [admin]);
    },
    { scope: 'worker' },
  ],

  workerAdminState: [
    async ({ browser, workerAdmin }, provide, workerInfo) => {
      await provide(await signedInState(browser, workerInfo.project.use.baseURL, workerAdmin));
    },
    { scope: 'worker' },
  ],

  siteLock: ['shared', { option: true }],

  siteLockHeld: [
    async ({ siteLock }, provide, testInfo) => {
      if (siteLock === 'none') return provide();
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      const waitStarted = Date.now();
      await client.query(siteLock === 'exclusive' ? 'SELECT pg_advisory_lock($1)' : 'SELECT pg_advisory_lock_shared($1)', [SITE_LOCK_KEY]);
      // Time spent waiting for another test is not this test's slowness.
      testInfo.setTimeout(testInfo.timeout + (Date.now() - waitStarted));
      const { rows } = siteLock === 'exclusive' ? await client.query('SELECT * FROM "DiscussionSettings" WHERE id = 1') : { rows: [] };
      try {
        await provide();
      } finally {
        if (siteLock === 'exclusive') {
          const saved = rows[0] as Record<string, unknown> | undefined;
          if (!saved) await client.query('DELETE FROM "DiscussionSettings"');
          else {
            const columns = Object.keys(saved);
            await client.query(
              `INSERT INTO "DiscussionSettings" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
               ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`,
              columns.map((c) => saved[c]),
            );
          }
        }
        await client.query(siteLock === 'exclusive' ? 'SELECT pg_advisory_unlock($1)' : 'SELECT pg_advisory_unlock_shared($1)', [SITE_LOCK_KEY]);
        await client.end();
      }
    },
    { auto: true },
  ],

  createAdmin: async ({ db, uid }, provide) => {
    const created: TestAdmin[] = [];
    await provide(async (label = 'Editor') => {
      const admin = await insertAdmin(db, label, `${uid}-${created.length + 1}`);
      created.push(admin);
      return admin;
    });
    await deleteAdmins(db, created);
  },

  newContext: async ({ browser, clientIp }, provide, testInfo) => {
    const contexts: BrowserContext[] = [];
    await provide(async ({ ip = clientIp, ...options } = {}) => {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': ip }, ...options });
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },

  postAsReader: async ({ newContext, minFillSeconds }, provide) => {
    await provide(async (path, values) => {
      const reader = new ArticlePage(await (await newContext({ ip: randomIp() })).newPage(), { minFillSeconds });
      await reader.goto(path);
      return { reader, id: await reader.submitComment(values) };
    });
  },

  adminPage: async ({ newContext, workerAdminState }, provide) => {
    const context = await newContext({ storageState: workerAdminState });
    await provide(await context.newPage());
  },

  addComment: async ({ db }, provide) => {
    // Comments go with their post (createPost deletes it); ones on seeded posts are deleted here.
    const ids: number[] = [];
    await provide(async (postId, c) => {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO "Comment" ("postId", "authorName", "authorEmail", "authorUrl", body, status, ip, "userAgent", "createdAt", "statusChangedAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now()) RETURNING id`,
        [
          postId,
          c.authorName,
          c.authorEmail,
          c.authorUrl ?? null,
          c.body,
          c.status,
          c.ip ?? '192.0.2.1',
          c.userAgent ?? 'e2e fixture',
          c.createdAt ?? new Date(),
          c.statusChangedAt ?? new Date(),
        ],
      );
      ids.push(rows[0]!.id);
      return rows[0]!.id;
    });
    await db.query('DELETE FROM "Comment" WHERE id = ANY($1::int[])', [ids]);
  },
});

/** The <summary> that opens a <details> (Reply, Delete permanently, Empty Spam): it has no ARIA role. */
export function disclosure(scope: Page | Locator, text: string): Locator {
  return scope.locator('summary').filter({ hasText: new RegExp(`^${text}$`) });
}

/**
 * Waits until React owns the form holding `field`: text typed before hydration can be put back to
 * the server-rendered value when React takes the form over.
 */
export async function formHydrated(field: Locator): Promise<void> {
  await field.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        const check = () =>
          Object.keys((element as HTMLInputElement).form ?? element).some((key) => key.startsWith('__reactFiber$')) ? resolve() : setTimeout(check, 20);
        check();
      }),
  );
}
