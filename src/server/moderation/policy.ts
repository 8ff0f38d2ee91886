import 'server-only';
import type { CommentStatus } from '@/generated/prisma/enums';
import type { CommentInput } from '@/lib/schemas/comment';
import { db } from '@/server/db';
import type { Settings } from './settings';

type Candidate = Pick<CommentInput, 'authorName' | 'authorEmail' | 'authorUrl' | 'body'> & { ip: string; userAgent: string };

/**
 * One word or phrase per line, matched case-insensitively anywhere in the comment, its author's
 * fields, address and user agent (as WordPress's check_comment and wp_check_comment_disallowed_list do).
 */
export function matchesWordList(list: string, candidate: Candidate): boolean {
  const words = list
    .split('\n')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 0) return false;
  const haystack = [candidate.body, candidate.authorName, candidate.authorEmail, candidate.authorUrl ?? '', candidate.ip, candidate.userAgent]
    .join('\n')
    .toLowerCase();
  return words.some((word) => haystack.includes(word));
}

export function countLinks(text: string): number {
  return (text.match(/<a\s|https?:\/\//gi) ?? []).length;
}

/**
 * The status a new visitor comment gets, in WordPress's order: disallowed words → spam; moderation
 * words or too many links → held; then the approval policy (by default: held unless the same name
 * and email already have an approved comment).
 */
export async function initialStatusFor(candidate: Candidate, settings: Settings): Promise<CommentStatus> {
  if (matchesWordList(settings.disallowedWords, candidate)) return 'SPAM';
  if (matchesWordList(settings.moderationWords, candidate)) return 'PENDING';
  if (settings.holdLinkCount > 0 && countLinks(candidate.body) >= settings.holdLinkCount) return 'PENDING';
  if (settings.approvalPolicy === 'APPROVE_ALL') return 'APPROVED';
  if (settings.approvalPolicy === 'HOLD_ALL') return 'PENDING';
  const approvedBefore = await db.comment.findFirst({
    where: { authorEmail: candidate.authorEmail, authorName: candidate.authorName, status: 'APPROVED' },
    select: { id: true },
  });
  return approvedBefore ? 'APPROVED' : 'PENDING';
}
