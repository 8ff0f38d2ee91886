/**
 * A small, bounded pool (DATABASE_POOL_MAX=2) with both connections stuck behind a lock: requests
 * beyond it fail fast (connectionTimeoutMillis 5 s, lock_timeout 5 s, statement_timeout 10 s,
 * query_timeout 12 s in src/server/db/client.ts) with a kind answer, never hang, and the app serves
 * normally again as soon as the lock is gone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appWithDatabase } from './support/lifecycle';
import { ARTICLE, fetchCommentForm, leaks, newComment, outcomeOf, postComment, request, type Answer, type Comment } from './support/visitor';

/** The slowest legitimate answer: waiting for a connection (5 s), then a lock (5 s), plus a busy machine. */
const FAIL_FAST_MS = 20_000;
const run = `pool-${Date.now().toString(36)}`;

const site = appWithDatabase({ env: { DATABASE_POOL_MAX: '2' } });

describe('both pool connections stuck behind a lock', () => {
  const reads: Answer[] = [];
  const posts: { comment: Comment; answer: Answer }[] = [];
  let health: Answer;

  beforeAll(async () => {
    const forms = [await fetchCommentForm(site.app), await fetchCommentForm(site.app), await fetchCommentForm(site.app)];
    const locker = await site.postgres.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "Comment" IN ACCESS EXCLUSIVE MODE');
      // Twice the pool in readers and writers at once, and a load balancer's health check.
      const [r, p, h] = await Promise.all([
        // Own page numbers, so none is answered from the server's page cache (it keys pages on path and page number).
        Promise.all([1, 2, 3].map((i) => request(site.app, `${ARTICLE}?cpage=${1 + i}`))),
        Promise.all(
          forms.map(async (form, i) => {
            const comment = newComment(`${run} locked ${i}`);
            return { comment, answer: await postComment(site.app, form, comment) };
          }),
        ),
        request(site.app, '/api/health'),
      ]);
      reads.push(...r);
      posts.push(...p);
      health = h;
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      await locker.end();
    }
  });

  it('answers readers within the bounds with an error status and no internals', () => {
    for (const read of reads) {
      expect(read.ms).toBeLessThan(FAIL_FAST_MS);
      expect(read.status).toBe(500);
      expect(leaks(read.html)).toEqual([]);
    }
  });

  it('answers comment posts within the bounds, stores none, leaks nothing', async () => {
    for (const { comment, answer } of posts) {
      expect(answer.ms).toBeLessThan(FAIL_FAST_MS);
      expect(['refused', 'error-page']).toContain(outcomeOf(answer, comment));
      expect(leaks(answer.html)).toEqual([]);
    }
    expect((await site.postgres.countBodies(`${run} locked`)).size).toBe(0);
  });

  it('answers the health check within the bounds', () => {
    expect(health.ms).toBeLessThan(FAIL_FAST_MS);
    expect([200, 503]).toContain(health.status);
  });
});

describe('once the lock is released', () => {
  it('serves pages, the health check and comment posts normally', async () => {
    expect((await request(site.app, '/api/health')).status).toBe(200);
    for (const path of ['/?page=98', `${ARTICLE}?cpage=98`]) expect((await request(site.app, path)).status, path).toBe(200);
    const comment = newComment(`${run} after`);
    expect(outcomeOf(await postComment(site.app, await fetchCommentForm(site.app), comment), comment)).toBe('stored');
    expect((await site.postgres.countBodies(`${run} after`)).get(comment.body)).toBe(1);
  });
});
