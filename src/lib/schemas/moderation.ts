import { z } from 'zod';
import { BIN_STATUSES, MODERATION_ACTIONS, VIEW_NAMES } from '../moderation';
import { commentInputSchema } from './comment';

const id = z.coerce.number({ error: 'Invalid comment id.' }).int().positive().max(2_147_483_647);

/** One action on one comment, with the version the admin saw (so a concurrent change is detected). */
export const moderateOneSchema = z.object({
  action: z.enum(MODERATION_ACTIONS),
  id,
  version: z.coerce.number().int().min(0),
});

/** A bulk action: at least one id, never an empty filter. */
export const moderateManySchema = z.object({
  bulkAction: z.enum(MODERATION_ACTIONS),
  ids: z.array(id).min(1, 'Select at least one comment.').max(500),
});

/** Empties what the admin saw: the bin under the view's filters, as of when the page was shown. */
export const emptyBinSchema = z.object({
  status: z.enum(BIN_STATUSES),
  post: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  shownAt: z.coerce.date(),
});

// The reader's fields as the reader's form checks them, byte limits included (that schema is zod/mini, hence no .pick()).
const { body, authorName, authorEmail, authorUrl } = commentInputSchema.shape;
export const editCommentSchema = z.object({
  body,
  authorName,
  authorEmail,
  authorUrl,
  id,
  version: z.coerce.number().int().min(0),
  // Where the admin came from; only a moderation-screen URL is followed (safeReturnTo).
  returnTo: z.string().catch(''),
});

// A reply is a comment: cleaned (NUL, control characters) and counted in bytes exactly as a reader's is,
// so it too fits WordPress's column on export.
export const replySchema = z.object({ parentId: id, body });

export const commentListQuerySchema = z.object({
  status: z.enum(VIEW_NAMES).catch('all'),
  post: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().positive().catch(1),
});

export type CommentListQuery = z.infer<typeof commentListQuerySchema>;

export const settingsSchema = z.object({
  commentsOpenByDefault: z.literal('on').optional().transform(Boolean),
  approvalPolicy: z.enum(['HOLD_ALL', 'PREVIOUSLY_APPROVED', 'APPROVE_ALL']),
  holdLinkCount: z.coerce.number().int().min(0, 'Use 0 or more.').max(100),
  moderationWords: z.string().max(20_000),
  disallowedWords: z.string().max(20_000),
  closeAfterDays: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(z.number().int().min(1, 'Use 1 day or more, or leave it empty.').max(36_500).nullable()),
  purgeAfterDays: z.coerce.number().int().min(1, 'Use 1 day or more.').max(3650),
  minFillSeconds: z.coerce.number().int().min(0, 'Use 0 or more.').max(3600),
  floodIntervalSeconds: z.coerce.number().int().min(0, 'Use 0 or more.').max(86_400),
  floodMaxPerHour: z.coerce.number().int().min(0, 'Use 0 or more.').max(10_000),
  threadDepth: z.coerce.number().int().min(1, 'Use 1 (no replies) or more.').max(10, 'Use at most 10 levels.'),
  newestPageFirst: z.enum(['newest', 'oldest']).transform((page) => page === 'newest'),
});

export const postCommentsOpenSchema = z.object({ postId: id, open: z.enum(['true', 'false']).transform((v) => v === 'true') });
