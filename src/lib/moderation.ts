import { CommentStatus } from '@/generated/prisma/enums';

/**
 * The moderation model, in one place: the statuses a comment can have (the database enum, see
 * prisma/schema.prisma), what each is called, the actions between them, and the admin's views.
 * The schemas, the queries, the moderation screen and its rows all read these tables, so a new
 * status or action is one edit here (plus its migration) and the type checker points at the rest.
 */

export const STATUS_LABELS: Record<CommentStatus, string> = {
  PENDING: 'Pending',
  APPROVED: 'Approved',
  SPAM: 'Spam',
  TRASH: 'Trash',
};

/** The comments that are part of a conversation: the ones an admin may reply to, and WordPress's "All". */
export const LIVE_STATUSES = [CommentStatus.PENDING, CommentStatus.APPROVED] as const satisfies readonly CommentStatus[];

export function isLive(status: CommentStatus): boolean {
  return (LIVE_STATUSES as readonly CommentStatus[]).includes(status);
}

interface ModerationRule {
  /** The button on one comment. */
  label: string;
  /** The same action in the bulk menu. */
  bulkLabel: string;
  /** Completes "3 comments …" after it was done. */
  done: string;
  /** The statuses it applies to. */
  from: readonly CommentStatus[];
  /** The status it leaves; null: the comment is deleted. */
  to: CommentStatus | null;
}

export const MODERATION = {
  approve: { label: 'Approve', bulkLabel: 'Approve', done: 'approved', from: ['PENDING'], to: 'APPROVED' },
  unapprove: { label: 'Unapprove', bulkLabel: 'Unapprove', done: 'unapproved', from: ['APPROVED'], to: 'PENDING' },
  spam: { label: 'Spam', bulkLabel: 'Mark as spam', done: 'marked as spam', from: ['PENDING', 'APPROVED'], to: 'SPAM' },
  notSpam: { label: 'Not spam', bulkLabel: 'Not spam', done: 'restored from spam', from: ['SPAM'], to: 'PENDING' },
  trash: { label: 'Trash', bulkLabel: 'Move to Trash', done: 'moved to the Trash', from: ['PENDING', 'APPROVED', 'SPAM'], to: 'TRASH' },
  restore: { label: 'Restore', bulkLabel: 'Restore', done: 'restored from the Trash', from: ['TRASH'], to: 'PENDING' },
  // Deleting for good is only possible from the spam and trash bins, as in WordPress.
  delete: { label: 'Delete permanently', bulkLabel: 'Delete permanently', done: 'deleted permanently', from: ['SPAM', 'TRASH'], to: null },
} as const satisfies Record<string, ModerationRule>;

export type ModerationAction = keyof typeof MODERATION;
export const MODERATION_ACTIONS = Object.keys(MODERATION) as [ModerationAction, ...ModerationAction[]];

export function appliesTo(action: ModerationAction, status: CommentStatus): boolean {
  return (MODERATION[action].from as readonly CommentStatus[]).includes(status);
}

/** The one-click actions on a comment in this status (deleting for good asks first, so it is apart). */
export function rowActions(status: CommentStatus): ModerationAction[] {
  return MODERATION_ACTIONS.filter((action) => action !== 'delete' && appliesTo(action, status));
}

interface View {
  label: string;
  statuses: readonly CommentStatus[];
  /** The bulk menu, as WordPress offers it in this view. */
  bulk: readonly ModerationAction[];
  /** A bin can be emptied at once. */
  bin?: { status: CommentStatus; empty: string; name: string };
}

export const VIEWS = {
  // As in WordPress, "All" means the live comments: spam and trash have their own views.
  all: { label: 'All', statuses: LIVE_STATUSES, bulk: ['approve', 'unapprove', 'spam', 'trash'] },
  pending: { label: 'Pending', statuses: ['PENDING'], bulk: ['approve', 'spam', 'trash'] },
  approved: { label: 'Approved', statuses: ['APPROVED'], bulk: ['unapprove', 'spam', 'trash'] },
  spam: { label: 'Spam', statuses: ['SPAM'], bulk: ['notSpam', 'delete'], bin: { status: 'SPAM', empty: 'Empty Spam', name: 'Spam' } },
  trash: { label: 'Trash', statuses: ['TRASH'], bulk: ['restore', 'delete'], bin: { status: 'TRASH', empty: 'Empty Trash', name: 'the Trash' } },
} as const satisfies Record<string, View>;

export type ViewName = keyof typeof VIEWS;
export const VIEW_NAMES = Object.keys(VIEWS) as [ViewName, ...ViewName[]];

/** The view a bin belongs to, by its status. */
export const BIN_STATUSES = [VIEWS.spam.bin.status, VIEWS.trash.bin.status] as const;

export const CONFLICT_MESSAGE = 'This comment was changed by someone else a moment ago. Its current state is shown now; please check it and try again.';
