/**
 * Before the suite: the minimum fill time (a form sent back sooner is treated as a bot's) is turned
 * off in the suite's database, so posting tests do not each wait out 3 seconds. The fixtures read the
 * setting (`minFillSeconds`), so they wait exactly as long as the site demands; the anti-spam rule
 * itself is covered by tests/comments.test.ts and src/server/comments/form-token.test.ts, and with
 * its real value by e2e/comment-fill-time.spec.ts, which sets it for itself under the site lock.
 */
import pg from 'pg';

export default async function globalSetup(): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      'INSERT INTO "DiscussionSettings" (id, "minFillSeconds", "updatedAt") VALUES (1, 0, now()) ON CONFLICT (id) DO UPDATE SET "minFillSeconds" = 0',
    );
  } finally {
    await client.end();
  }
}
