import 'server-only';
import { createHash } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import type { CommentStatus } from '@/generated/prisma/enums';
import type { CommentInput } from '@/lib/schemas/comment';
import { db } from '@/server/db';
import { PublicError } from '@/server/errors';
import { initialStatusFor } from '@/server/moderation/policy';
import { commentsAreOpen, getSettings, type Settings } from '@/server/moderation/settings';
import { takeCommentAllowance } from '@/server/rate-limit';
import { checkFormToken } from './form-token';
import { pageCountOf } from '@/lib/public-pages';
import { REPLY_TARGET_MISSING } from '@/lib/schemas/comment';
import { COMMENTS_PER_PAGE, threadPosition } from './queries';

export interface CommentMeta {
  ip: string;
  userAgent: string;
}

/** What the form sends besides the comment: its signed token and the honeypot field people never see. */
export interface FormProof {
  token: string;
  honeypot: string;
}

export const DUPLICATE_MESSAGE = 'Duplicate comment detected; it looks as though you’ve already said that!';
export const TOO_FAST_MESSAGE = 'You are posting comments too quickly. Slow down.';

/** WordPress's duplicate rule: one comment per post, author email and text. Trashed comments hold no key. */
export function dedupeKeyFor(postId: number, email: string, body: string): string {
  return createHash('sha256').update(`${postId}\n${email.toLowerCase()}\n${body}`).digest('hex');
}

/**
 * The form's nonce bound to its sender. A cached page hands the same form (and nonce) to every
 * reader, so only the same address and browser sending it again (double click, retry) is the same
 * comment; anyone else with that form and text gets the duplicate message (pen test, issue #9).
 */
function resubmissionKeyFor(nonce: string, meta: CommentMeta): string {
  return createHash('sha256').update(`${nonce}\n${meta.ip}\n${meta.userAgent}`).digest('hex');
}

/**
 * Stores a visitor's comment and says where it is shown. Throws PublicError for what the visitor can
 * act on. A bot's tell (honeypot filled, form back too fast, forged or stale token) files the comment
 * as spam without a word, so the bot learns nothing.
 */
export async function createComment(input: CommentInput, meta: CommentMeta, proof: FormProof) {
  // Independent reads go out together: a post costs four round trips to PostgreSQL, not seven.
  const [post, settings] = await Promise.all([
    db.post.findFirst({
      where: { id: input.postId, publishedAt: { not: null, lte: new Date() } },
      select: { id: true, slug: true, commentsOpen: true, publishedAt: true },
    }),
    getSettings(),
  ]);
  if (!post) throw new PublicError('This article could not be found.');
  if (!commentsAreOpen(post, settings)) throw new PublicError('Comments are closed.');

  const place = await placeInThread(post.id, input.parentId, settings.threadDepth);
  const token = checkFormToken(proof.token, settings.minFillSeconds);
  const dedupeKey = dedupeKeyFor(post.id, input.authorEmail, input.body);
  const resubmissionKey = token.nonce ? resubmissionKeyFor(token.nonce, meta) : null;
  // Counted first, never after the comment is found or stored: no later query may fail and tell the
  // visitor "not saved" about a comment that was (tests/resilience/load.test.ts).
  const [position, earlier] = await Promise.all([threadPosition(post.id, place.rootId), findByDedupeKey(dedupeKey)]);
  const location = (comment: { id: number; status: CommentStatus; rootId: number | null }) =>
    withLocation(post, comment, comment.rootId === place.rootId ? position : null, settings);
  // Before flood control, as in WordPress: a duplicate is told so, and costs no allowance.
  if (earlier) return location(sameSubmission(earlier, resubmissionKey));

  const looksLikeBot = proof.honeypot !== '' || !token.ok;
  const [allowed, status] = await Promise.all([
    takeCommentAllowance({ ip: meta.ip, email: input.authorEmail }, settings),
    looksLikeBot ? ('SPAM' as const) : initialStatusFor({ ...input, ...meta }, settings),
  ]);
  if (!allowed) throw new PublicError(TOO_FAST_MESSAGE);
  try {
    const comment = await db.comment.create({
      data: {
        postId: post.id,
        authorName: input.authorName,
        authorEmail: input.authorEmail,
        authorUrl: input.authorUrl,
        body: input.body,
        ...place,
        status,
        ip: meta.ip.slice(0, 45),
        userAgent: meta.userAgent.slice(0, 512),
        dedupeKey,
        formNonce: resubmissionKey,
      },
      select: { id: true, status: true, rootId: true },
    });
    return location(comment);
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
    // Stored meanwhile by a request sent at the same moment (a double click, or someone else).
    const stored = await findByDedupeKey(dedupeKey);
    if (!stored) throw new PublicError(DUPLICATE_MESSAGE);
    return location(sameSubmission(stored, resubmissionKey));
  }
}

function findByDedupeKey(dedupeKey: string) {
  return db.comment.findUnique({ where: { dedupeKey }, select: { id: true, status: true, formNonce: true, rootId: true } });
}

/** The earlier comment is this one when the same sender sent the same form again; else this is a duplicate. */
function sameSubmission(earlier: { id: number; status: CommentStatus; formNonce: string | null; rootId: number | null }, resubmissionKey: string | null) {
  if (resubmissionKey === null || earlier.formNonce !== resubmissionKey) throw new PublicError(DUPLICATE_MESSAGE);
  return { id: earlier.id, status: earlier.status, rootId: earlier.rootId };
}

/**
 * Where a reply goes in its thread: under an approved comment of the same post, no deeper than the
 * settings allow. Admin replies are placed by the moderation service, which may answer a held comment.
 */
async function placeInThread(postId: number, parentId: number | null, threadDepth: number) {
  if (parentId === null) return { parentId: null, rootId: null, depth: 0 };
  if (threadDepth <= 1) throw new PublicError('Replies are turned off here: leave a comment of your own below.');
  const parent = await db.comment.findUnique({ where: { id: parentId }, select: { id: true, postId: true, status: true, rootId: true, depth: true } });
  if (!parent || parent.postId !== postId) throw new PublicError(REPLY_TARGET_MISSING);
  if (parent.status !== 'APPROVED') throw new PublicError('You can only reply to a published comment.');
  if (parent.depth + 1 >= threadDepth) throw new PublicError('This conversation is nested as deep as it goes: reply to an earlier comment in it instead.');
  return { parentId: parent.id, rootId: parent.rootId ?? parent.id, depth: parent.depth + 1 };
}

/**
 * Where the comment shows: the page of its thread, at its anchor. A new thread goes on the newest
 * page, which is the default page when articles open on their newest; anything else names its page.
 */
function withLocation(
  post: { id: number; slug: string },
  comment: { id: number; status: CommentStatus; rootId: number | null },
  threadPosition: number | null,
  settings: Pick<Settings, 'newestPageFirst'>,
) {
  // A resubmission of a comment stored in another thread: its own permalink finds the page.
  if (threadPosition === null) return { ...comment, location: `/posts/${post.slug}/comments/${comment.id}` };
  const page = pageCountOf(threadPosition, COMMENTS_PER_PAGE);
  const onDefaultPage = comment.rootId === null ? settings.newestPageFirst || page === 1 : !settings.newestPageFirst && page === 1;
  return { ...comment, location: `/posts/${post.slug}${onDefaultPage ? '' : `?cpage=${page}`}#comment-${comment.id}` };
}
