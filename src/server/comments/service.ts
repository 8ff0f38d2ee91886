import 'server-only';
import { createHash } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import type { CommentStatus } from '@/generated/prisma/enums';
import type { CommentInput } from '@/lib/schemas/comment';
import { db } from '@/server/db';
import { PublicError } from '@/server/errors';
import { initialStatusFor } from '@/server/moderation/policy';
import { commentsAreOpen, getSettings } from '@/server/moderation/settings';
import { takeCommentAllowance } from '@/server/rate-limit';
import { checkFormToken } from './form-token';
import { COMMENTS_PER_PAGE, countApprovedComments } from './queries';
import { pageCountOf } from '@/lib/public-pages';

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

  const token = checkFormToken(proof.token, settings.minFillSeconds);
  const dedupeKey = dedupeKeyFor(post.id, input.authorEmail, input.body);
  const resubmissionKey = token.nonce ? resubmissionKeyFor(token.nonce, meta) : null;
  // Counted first, never after the comment is found or stored: no later query may fail and tell the
  // visitor "not saved" about a comment that was (tests/resilience/load.test.ts).
  const [approvedBefore, earlier] = await Promise.all([countApprovedComments(post.id), findByDedupeKey(dedupeKey)]);
  // Before flood control, as in WordPress: a duplicate is told so, and costs no allowance.
  if (earlier) return withLocation(post, sameSubmission(earlier, resubmissionKey), approvedBefore);

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
        status,
        ip: meta.ip.slice(0, 45),
        userAgent: meta.userAgent.slice(0, 512),
        dedupeKey,
        formNonce: resubmissionKey,
      },
      select: { id: true, status: true },
    });
    return withLocation(post, comment, approvedBefore + (comment.status === 'APPROVED' ? 1 : 0));
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
    // Stored meanwhile by a request sent at the same moment (a double click, or someone else).
    const stored = await findByDedupeKey(dedupeKey);
    if (!stored) throw new PublicError(DUPLICATE_MESSAGE);
    return withLocation(post, sameSubmission(stored, resubmissionKey), approvedBefore);
  }
}

function findByDedupeKey(dedupeKey: string) {
  return db.comment.findUnique({ where: { dedupeKey }, select: { id: true, status: true, formNonce: true } });
}

/** The earlier comment is this one when the same sender sent the same form again; else this is a duplicate. */
function sameSubmission(earlier: { id: number; status: CommentStatus; formNonce: string | null }, resubmissionKey: string | null) {
  if (resubmissionKey === null || earlier.formNonce !== resubmissionKey) throw new PublicError(DUPLICATE_MESSAGE);
  return { id: earlier.id, status: earlier.status };
}

/** Where the comment shows: new comments are the newest, on the last page of the thread (pending ones follow it). */
function withLocation(post: { id: number; slug: string }, comment: { id: number; status: CommentStatus }, approvedCount: number) {
  const lastPage = pageCountOf(approvedCount, COMMENTS_PER_PAGE);
  const page = lastPage > 1 ? `?cpage=${lastPage}` : '';
  return { ...comment, location: `/posts/${post.slug}${page}#comment-${comment.id}` };
}
