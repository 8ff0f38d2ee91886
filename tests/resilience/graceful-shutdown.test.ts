/**
 * SIGTERM while requests are in flight (a deploy or a scale-down): scripts/server.ts stops accepting
 * connections, lets every request it already has finish normally and exits 0; PostgreSQL, stopped
 * cleanly afterwards and started again, still holds every comment whose post was answered 303.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { appWithDatabase } from './support/lifecycle';
import {
  ARTICLE,
  RequestError,
  fetchCommentForm,
  mapBounded,
  newComment,
  outcomeOf,
  postComment,
  request,
  waitUntil,
  type Answer,
  type Comment,
  type CommentForm,
} from './support/visitor';

const GETS = 25;
const POSTS = 25;
/** scripts/server.ts gives in-flight requests 15 s, then closes them and exits. */
const DRAIN_TIMEOUT_MS = 15_000;
/** Every request blocked by our lock holds one of the app's connections: room for all of them. */
const POOL_MAX = String(GETS + POSTS + 10);
const run = `sigterm-${Date.now().toString(36)}`;

const site = appWithDatabase({ env: { DATABASE_POOL_MAX: POOL_MAX } });

interface Result {
  kind: 'get' | 'post';
  comment?: Comment;
  answer?: Answer;
  error?: RequestError;
  /** The app had accepted the connection and read the whole request when SIGTERM was sent. */
  inApp: boolean;
}

describe('SIGTERM during load', () => {
  const results: Result[] = [];
  let blockedAtSigterm = 0;
  let answeredBeforeSigterm = 0;
  let refusedAfterSigterm: string | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null; ms: number };

  beforeAll(async () => {
    // Warm up both paths (first renders and actions are slow), then take the forms the posting readers have open.
    for (let i = 0; i < 3; i++) {
      const comment = newComment(`warm-up ${run} ${i}`);
      expect(outcomeOf(await postComment(site.app, await fetchCommentForm(site.app), comment), comment)).toBe('stored');
    }
    const forms: CommentForm[] = await mapBounded(Array.from({ length: POSTS }), 4, () => fetchCommentForm(site.app));
    // A running server has a warm pool; opening fifty PostgreSQL connections at once on a busy two-core
    // machine can take longer than connectionTimeoutMillis (5 s). Grow the pool first, in bounded rounds.
    for (let round = 0; round < 3 && (await appConnections()) < GETS + POSTS; round++) {
      await Promise.all(
        Array.from({ length: GETS + POSTS }, (_, i) => request(site.app, `${ARTICLE}?cpage=${1_000 + round * 100 + i}`, { timeoutMs: 60_000 }).catch(() => {})),
      );
    }

    // Make every request slow in a way we can see: each waits on a lock we hold (pg_stat_activity shows
    // it). The app's lock_timeout (5 s) bounds each wait, so the lock goes at most ~3.5 s after the first
    // request started waiting.
    const poolSize = await appConnections();
    const locker = await site.postgres.connect();
    const observer = await site.postgres.connect();
    let locked = true;
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "Comment" IN ACCESS EXCLUSIVE MODE');
      let answered = 0;
      const settle = async (kind: Result['kind'], work: () => Promise<Answer>, comment?: Comment) => {
        try {
          const answer = await work();
          answered++;
          return { kind, comment, answer };
        } catch (error) {
          if (!(error instanceof RequestError)) throw error;
          answered++;
          return { kind, comment, error };
        }
      };
      const inFlight = [
        // Each reader's own page number (past the last page, so each shows the last page), so none is
        // answered from the server's page cache, which keys pages on their path and page number.
        ...Array.from({ length: GETS }, (_, i) => settle('get', () => request(site.app, `${ARTICLE}?cpage=${2 + i}`, { timeoutMs: 30_000 }))),
        ...forms.map((form, i) => {
          const comment = newComment(`${run} ${i}`);
          return settle('post', () => postComment(site.app, form, comment, 30_000), comment);
        }),
      ];
      blockedAtSigterm = await waitForBlocked(observer, GETS + POSTS, 3_000);
      const sockets = await appSockets(site.app.port, site.app.child.pid!);
      answeredBeforeSigterm = answered;

      const sigtermAt = Date.now();
      site.app.child.kill('SIGTERM');
      const exited = site.app.exited.then((e) => ({ ...e, ms: Date.now() - sigtermAt }));
      // Release the waiting requests soon after (their lock_timeout is running), while the app drains.
      await new Promise((r) => setTimeout(r, 300));
      await locker.query('COMMIT');
      locked = false;
      await waitUntil('the app to take SIGTERM', async () => site.app.output().includes('SIGTERM: no new connections'), 30_000, 20);
      // A new connection must now be refused: the listening socket is closed at once.
      refusedAfterSigterm = await connectError(site.app.port);

      for (const result of await Promise.all(inFlight)) {
        const port = result.answer?.localPort ?? result.error?.localPort;
        results.push({ ...result, inApp: port !== undefined && sockets.get(port) === 'read' });
      }
      console.log(
        `[sigterm] pool of ${poolSize} connections; at SIGTERM: ${blockedAtSigterm} requests waiting in PostgreSQL, ${results.filter((r) => r.inApp).length} of ${results.length} read by the app; ` +
          `all answered ${Date.now() - sigtermAt} ms after it`,
      );
      exit = await Promise.race([
        exited,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the app did not exit')), DRAIN_TIMEOUT_MS + 15_000)),
      ]);
    } finally {
      if (locked) await locker.query('ROLLBACK').catch(() => {});
      await locker.end();
      await observer.end();
    }
  });

  const show = (r: Result) =>
    `${r.kind} ${r.error ? r.error.message : `${r.answer!.status} in ${r.answer!.ms} ms`}${r.inApp ? '' : ' (not yet read by the app at SIGTERM)'}`;
  const normal = (r: Result) =>
    !r.error && (r.kind === 'get' ? r.answer!.status === 200 && r.answer!.html.includes('id="comments"') : outcomeOf(r.answer!, r.comment!) === 'stored');

  it('sent SIGTERM while the requests were in flight inside the app', () => {
    expect(answeredBeforeSigterm).toBe(0);
    expect(blockedAtSigterm).toBeGreaterThan(0);
    // Most were read by then; the rest waited in the kernel's accept queue of a busy machine.
    expect(results.filter((r) => r.inApp).length).toBeGreaterThanOrEqual((GETS + POSTS) / 2);
  });

  it('refuses new connections once SIGTERM is taken', () => {
    expect(refusedAfterSigterm).toBe('ECONNREFUSED');
  });

  it('finishes every request it had with a normal answer (no hang-ups)', () => {
    expect(results.filter((r) => r.inApp && !normal(r)).map(show)).toEqual([]);
  });

  it('answers the requests it had not read yet normally too, or drops them before reading them', () => {
    // A connection still in the accept queue when the listening socket closes is reset by the kernel;
    // nothing of it reached the app, so the client may safely retry. Anything else is a bug.
    expect(results.filter((r) => !r.inApp && !normal(r) && r.error?.code !== 'ECONNRESET').map(show)).toEqual([]);
  });

  it('exits with code 0 within the drain timeout', () => {
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(DRAIN_TIMEOUT_MS);
  });

  it('keeps every accepted comment across a clean PostgreSQL stop and start', async () => {
    await site.postgres.stop();
    await site.postgres.start();
    const stored = await site.postgres.countBodies(run);
    const accepted = results.filter((r) => r.kind === 'post' && r.answer && outcomeOf(r.answer, r.comment!) === 'stored').map((r) => r.comment!.body);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.filter((body) => stored.get(body) !== 1)).toEqual([]);
    expect(stored.size).toBe(accepted.length);
  });
});

/** How many connections the app holds to its database (our own two excluded). */
async function appConnections(): Promise<number> {
  const [row] = await site.postgres.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
  return Number(row!.n);
}

/**
 * Polls until `count` of the app's queries wait on a lock, or until the first of them has waited
 * `maxWaitMs` (or twenty seconds passed with none); returns how many did.
 */
async function waitForBlocked(observer: pg.Client, count: number, maxWaitMs: number): Promise<number> {
  const giveUp = Date.now() + 20_000;
  for (;;) {
    const { rows } = await observer.query<{ n: string; longest: string | null }>(
      `SELECT count(*) AS n, extract(epoch FROM max(now() - query_start)) * 1000 AS longest
       FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    const blocked = Number(rows[0]!.n);
    if (blocked >= count || Number(rows[0]!.longest ?? 0) > maxWaitMs || Date.now() > giveUp) return blocked;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The app's side of each client connection, by the client's port: 'read' when the app has accepted it
 * and read everything sent (Recv-Q 0), 'unread' otherwise (still in the accept queue, or data waiting).
 */
async function appSockets(port: number, pid: number): Promise<Map<number, 'read' | 'unread'>> {
  const { stdout } = await promisify(execFile)('ss', ['-tnpH', 'state', 'established', `( sport = :${port} )`]);
  const sockets = new Map<number, 'read' | 'unread'>();
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+\d+\s+\S+:\d+\s+\S+:(\d+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const accepted = match[3]!.includes(`pid=${pid},`);
    sockets.set(Number(match[2]), accepted && match[1] === '0' ? 'read' : 'unread');
  }
  return sockets;
}

/** Opens a brand-new TCP connection and says how it failed, if it did. */
function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 5_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
