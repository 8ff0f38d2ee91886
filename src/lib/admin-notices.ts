import type { CommentListQuery } from './schemas/moderation';

/**
 * Admin actions redirect back with a notice code in the URL (so they work without JavaScript);
 * only these fixed texts are ever shown, so a crafted link cannot put words on the admin screen.
 */
const ACTION_DONE: Record<string, string> = {
  approve: 'approved',
  unapprove: 'unapproved',
  spam: 'marked as spam',
  notSpam: 'restored from spam',
  trash: 'moved to the Trash',
  restore: 'restored from the Trash',
  delete: 'deleted permanently',
};

export function noticeText(code: string | undefined): { text: string; kind: 'success' | 'error' } | null {
  if (!code) return null;
  const [kind, action, count, skipped] = code.split('.');
  if (kind === 'done' && action && ACTION_DONE[action]) {
    const n = Number(count) || 0;
    const skippedNote = Number(skipped) > 0 ? ` ${skipped} skipped: they were changed meanwhile or the action does not apply to them.` : '';
    return { kind: 'success', text: `${n} ${n === 1 ? 'comment' : 'comments'} ${ACTION_DONE[action]}.${skippedNote}` };
  }
  const fixed: Record<string, { text: string; kind: 'success' | 'error' }> = {
    conflict: { kind: 'error', text: 'This comment was changed by someone else a moment ago. Its current state is shown now; please check it and try again.' },
    invalid: { kind: 'error', text: 'That request was not valid. Select at least one comment and an action.' },
    edited: { kind: 'success', text: 'Comment updated.' },
    replied: { kind: 'success', text: 'Reply published.' },
    'reply-invalid': { kind: 'error', text: 'Your reply could not be posted: type a reply, and reply only to a pending or approved comment.' },
    failed: { kind: 'error', text: 'That could not be done right now. Please try again.' },
  };
  return fixed[kind!] ?? null;
}

/** Where to go back to after an action: only the moderation screen itself, never another site. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/admin\/comments(\?[\w=&%.+-]*)?$/.test(value) ? value : '/admin/comments';
}

export function withNotice(returnTo: string, notice: string): string {
  const url = new URL(returnTo, 'http://x');
  url.searchParams.set('notice', notice);
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
