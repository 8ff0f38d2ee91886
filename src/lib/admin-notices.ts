import { CONFLICT_MESSAGE, MODERATION, type ModerationAction } from './moderation';
import type { CommentListQuery } from './schemas/moderation';

/**
 * Admin actions redirect back with a notice code in the URL (so they work without JavaScript);
 * only these fixed texts are ever shown, so a crafted link cannot put words on the admin screen.
 * Each page has its own notices: an action can only send the codes its page reads (the type
 * checker refuses any other), and every code has its words.
 */
export interface NoticeText {
  kind: 'success' | 'error';
  text: string;
}

const success = (text: string): NoticeText => ({ kind: 'success', text });
const error = (text: string): NoticeText => ({ kind: 'error', text });
const FAILED = error('That could not be done right now. Please try again.');

const NOTICES = {
  '/admin/comments': {
    conflict: error(CONFLICT_MESSAGE),
    invalid: error('That request was not valid. Select at least one comment and an action.'),
    edited: success('Comment updated.'),
    replied: success('Reply published.'),
    'reply-invalid': error('Your reply could not be posted: type a reply, and reply only to a pending or approved comment.'),
    failed: FAILED,
  },
  '/admin/posts': {
    opened: success('Comments are open on that post.'),
    closed: success('Comments are closed on that post.'),
    invalid: error('That request was not valid.'),
    failed: FAILED,
  },
  '/admin/login': {
    'signed-out': success('You have been signed out.'),
    failed: FAILED,
  },
  // Every page has words for 'failed': the spine sends it after an unexpected error (src/server/action.ts).
} as const satisfies Record<string, Record<string, NoticeText> & { failed: NoticeText }>;

export type NoticePage = keyof typeof NOTICES;

/** A moderation action's result: "3 comments approved. 1 skipped: …". */
export interface Moderated {
  done: ModerationAction;
  changed: number;
  /** Only a bulk action reports what it skipped. */
  skipped?: number;
}

export type Notice<P extends NoticePage> = keyof (typeof NOTICES)[P] | (P extends '/admin/comments' ? Moderated : never);

function encode(notice: string | Moderated): string {
  if (typeof notice === 'string') return notice;
  return ['done', notice.done, notice.changed, ...(notice.skipped === undefined ? [] : [notice.skipped])].join('.');
}

function moderatedText(code: string): NoticeText | null {
  const [kind, action, changed, skipped] = code.split('.');
  if (kind !== 'done' || !action || !Object.hasOwn(MODERATION, action)) return null;
  const n = Number(changed) || 0;
  const skippedNote = Number(skipped) > 0 ? ` ${skipped} skipped: they were changed meanwhile or the action does not apply to them.` : '';
  return success(`${n} ${n === 1 ? 'comment' : 'comments'} ${MODERATION[action as ModerationAction].done}.${skippedNote}`);
}

/** The words for the notice code in a page's URL, or null for none or an unknown one. */
export function noticeText(page: NoticePage, code: unknown): NoticeText | null {
  if (typeof code !== 'string') return null;
  const fixed: Record<string, NoticeText> = NOTICES[page];
  if (Object.hasOwn(fixed, code)) return fixed[code]!;
  return page === '/admin/comments' ? moderatedText(code) : null;
}

/** Where to go back to after an action: the page itself (with its query), never another site. */
export function safeReturnTo(page: NoticePage, value: unknown): string {
  const ownPage = new RegExp(`^${page}(\\?[\\w=&%.+-]*)?$`);
  return typeof value === 'string' && ownPage.test(value) ? value : page;
}

/** `back` (a URL of `page`) with the notice the page shows. */
export function withNotice<P extends NoticePage>(page: P, back: string, notice: Notice<P>): string {
  const url = new URL(safeReturnTo(page, back), 'http://x');
  url.searchParams.set('notice', encode(notice as string | Moderated));
  return `${url.pathname}${url.search}`;
}

/** The moderation screen's URL for a view, filter, search and page. */
export function listHref(query: Partial<CommentListQuery>): string {
  const params = new URLSearchParams();
  if (query.status && query.status !== 'all') params.set('status', query.status);
  if (query.post) params.set('post', String(query.post));
  if (query.q) params.set('q', query.q);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return `/admin/comments${search ? `?${search}` : ''}`;
}
