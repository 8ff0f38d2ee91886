import type { Prisma } from '@/generated/prisma/client';
import type { CommentStatus } from '@/generated/prisma/enums';
import { commentInputSchema, type CommentField, type CommentInput } from '@/lib/schemas/comment';
import { issueFormToken } from '@/server/comments/form-token';
import type { FormProof } from '@/server/comments/service';
import { testDb } from './database';

let sequence = 0;

/** A published post (a minute ago) unless the overrides say otherwise. */
export function createPost(overrides: Partial<Prisma.PostUncheckedCreateInput> = {}) {
  sequence++;
  return testDb.post.create({
    data: {
      slug: `post-${sequence}`,
      title: `Post ${sequence}`,
      dateline: 'TEST',
      excerpt: `Excerpt ${sequence}`,
      body: `Body of post ${sequence}.`,
      publishedAt: new Date(Date.now() - 60_000),
      ...overrides,
    },
  });
}

/**
 * What the comment action hands to the service: the form's strings, through the shared schema.
 * Each gets its own text, so no two are duplicates unless a test means them to be.
 */
export function commentInput(postId: number, form: Partial<Record<CommentField, string>> = {}): CommentInput {
  sequence++;
  return commentInputSchema.parse({
    postId: String(postId),
    body: `A thoughtful comment (${sequence}).`,
    authorName: 'Ann Reader',
    authorEmail: 'ann@example.com',
    authorUrl: '',
    ...form,
  });
}

/** A request from its own client address each time, so per-IP flood limits stay out of tests about other rules. */
export function requestMeta(): { ip: string; userAgent: string } {
  sequence++;
  return { ip: `2001:db8::${sequence.toString(16)}`, userAgent: 'vitest' };
}

/** What a person's browser sends with the form: a token issued a minute ago and an empty honeypot. */
export function formProof(overrides: Partial<FormProof> = {}): FormProof {
  return { token: issueFormToken(Date.now() - 60_000), honeypot: '', ...overrides };
}

/** Inserts `count` comments directly, one second apart from `start`, in one statement. */
export async function insertComments(
  postId: number,
  count: number,
  options: { status?: CommentStatus; start?: Date; authorName?: string; authorEmail?: string } = {},
) {
  const start = options.start ?? new Date(Date.now() - 24 * 3600_000);
  await testDb.comment.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      postId,
      authorName: options.authorName ?? `Reader ${i + 1}`,
      authorEmail: options.authorEmail ?? `reader${i + 1}@example.com`,
      body: `Comment ${i + 1}`,
      status: options.status ?? 'APPROVED',
      ip: '198.51.100.1',
      userAgent: 'fixture',
      createdAt: new Date(start.getTime() + i * 1000),
    })),
  });
}
