/**
 * The app reached directly, with no proxy it trusts (TRUST_PROXY=0): X-Forwarded-Host and
 * X-Forwarded-For are then whatever the client typed, and scripts/server.ts replaces them with the
 * socket's own values before Next.js sees them. What an attacker who sends them observes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from './support/app';
import { appWithDatabase } from './support/lifecycle';
import {
  ARTICLE,
  alertText,
  commentFormData,
  fetchCommentForm,
  newComment,
  textareaText,
  request,
  type Answer,
  type Comment,
  type CommentForm,
} from './support/visitor';

/** src/server/comments/service.ts's words for the flood limit. */
const TOO_FAST_MESSAGE = 'You are posting comments too quickly. Slow down.';
/** The app's default limits (src/server/moderation/settings.ts): a form back sooner is filed as spam. */
const MIN_FILL_SECONDS = 3;
const FLOOD_INTERVAL_SECONDS = 15;
const FLOOD_MAX_PER_HOUR = 20;
const EVIL = 'evil.example';
const run = `proxy-${Date.now().toString(36)}`;

// Flood limits stay off until the test about them, so the posts before it do not use up the allowance.
const site = appWithDatabase({ env: { TRUST_PROXY: '0' }, settings: { minFillSeconds: MIN_FILL_SECONDS } });

/** The site's own Host, as a browser on it sends (request() would otherwise send 127.0.0.1:<port>). */
const host = (app: RunningApp) => new URL(app.origin).host;

/** Posts the comment form with exactly these headers, as a client that writes its own would. */
function post(form: CommentForm, comment: Comment, headers: Record<string, string>, localAddress?: string): Promise<Answer> {
  return request(site.app, ARTICLE, { method: 'POST', body: commentFormData(form, comment), headers, localAddress });
}

/** Waits until forms fetched now are older than the minimum fill time, so they are taken as a person's. */
const waitForFillTime = () => sleep(MIN_FILL_SECONDS * 1000 + 200);

async function storedRows(comment: Comment): Promise<{ status: string; ip: string }[]> {
  return site.postgres.query<{ status: string; ip: string }>('SELECT status, ip FROM "Comment" WHERE body = $1', [comment.body]);
}

describe('a comment form posted with a forged Origin and X-Forwarded-Host', () => {
  const forged = newComment(`${run} forged`);
  const genuine = newComment(`${run} genuine`);
  let forgedAnswer: Answer;
  let genuineAnswer: Answer;

  beforeAll(async () => {
    const forms = [await fetchCommentForm(site.app), await fetchCommentForm(site.app)];
    await waitForFillTime();
    // The Host is the site's (the request goes to it); Origin and X-Forwarded-Host agree on another site.
    forgedAnswer = await post(forms[0]!, forged, { host: host(site.app), origin: `http://${EVIL}`, 'x-forwarded-host': EVIL });
    // The same request from a page of the site: only the Origin differs.
    genuineAnswer = await post(forms[1]!, genuine, { host: host(site.app), origin: site.app.origin, 'x-forwarded-host': EVIL });
  });

  it('is refused with 403 and stores nothing', async () => {
    expect(forgedAnswer.status).toBe(403);
    expect(forgedAnswer.html).toContain('Cross-site form submissions are not accepted.');
    expect(await storedRows(forged)).toEqual([]);
  });

  it('is accepted (303) with the site’s own Origin, forged X-Forwarded-Host and all: the refusal is about the header', async () => {
    expect(genuineAnswer.status).toBe(303);
    expect(genuineAnswer.location).toMatch(/^\/posts\/[^#]+#comment-\d+$/);
    expect(await storedRows(genuine)).toEqual([{ status: 'PENDING', ip: '127.0.0.1' }]);
  });
});

describe('two comment posts from one client, a few hundred ms apart, with different X-Forwarded-For', () => {
  const first = newComment(`${run} flood first`);
  const second = newComment(`${run} flood second`);
  const elsewhere = newComment(`${run} flood other client`);
  let firstAnswer: Answer;
  let secondAnswer: Answer;
  let elsewhereAnswer: Answer;

  beforeAll(async () => {
    await site.postgres.query('UPDATE "DiscussionSettings" SET "floodIntervalSeconds" = $1, "floodMaxPerHour" = $2', [
      FLOOD_INTERVAL_SECONDS,
      FLOOD_MAX_PER_HOUR,
    ]);
    const forms = [await fetchCommentForm(site.app), await fetchCommentForm(site.app), await fetchCommentForm(site.app)];
    // Forms sent back sooner would be filed as spam: still counted by the flood limit, but then the first
    // post would not be a real comment and the test would not show the limit at work on people.
    await waitForFillTime();
    const headers = (forwardedFor: string) => ({ host: host(site.app), origin: site.app.origin, 'x-forwarded-for': forwardedFor });
    firstAnswer = await post(forms[0]!, first, headers('203.0.113.10'));
    await sleep(300);
    secondAnswer = await post(forms[1]!, second, headers('198.51.100.20'));
    // Another machine, as the server sees it: another socket address (all of 127/8 is loopback).
    elsewhereAnswer = await post(forms[2]!, elsewhere, headers('203.0.113.10'), '127.0.0.2');
  });

  it('stores the first as a real comment (held for moderation, not spam) under the socket’s address', async () => {
    expect(firstAnswer.status).toBe(303);
    expect(await storedRows(first)).toEqual([{ status: 'PENDING', ip: '127.0.0.1' }]);
  });

  it('refuses the second with the flood message in the no-JS answer, keeps the text and stores nothing', async () => {
    expect(secondAnswer.status).toBe(200);
    expect(alertText(secondAnswer.html)).toBe(TOO_FAST_MESSAGE);
    expect(textareaText(secondAnswer.html)).toBe(second.body);
    expect(await storedRows(second)).toEqual([]);
  });

  it('still takes a comment from another client address at that moment: the limit is per client', async () => {
    expect(elsewhereAnswer.status).toBe(303);
    expect(await storedRows(elsewhere)).toEqual([{ status: 'PENDING', ip: '127.0.0.2' }]);
  });
});
