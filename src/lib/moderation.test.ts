import { describe, expect, it } from 'vitest';
import { CommentStatus } from '@/generated/prisma/enums';
import { noticeText, withNotice } from './admin-notices';
import { appliesTo, MODERATION, MODERATION_ACTIONS, rowActions, VIEW_NAMES, VIEWS } from './moderation';

describe('the moderation model', () => {
  it('every bulk action of a view applies to something the view shows, and every bin empties its own status', () => {
    for (const name of VIEW_NAMES) {
      const view = VIEWS[name];
      for (const action of view.bulk)
        expect(
          view.statuses.some((status) => appliesTo(action, status)),
          `${action} in ${name}`,
        ).toBe(true);
      if ('bin' in view) expect(view.statuses).toEqual([view.bin.status]);
    }
  });

  it('every status is shown by some view and can be left by some action', () => {
    for (const status of Object.values(CommentStatus)) {
      expect(
        VIEW_NAMES.some((name) => (VIEWS[name].statuses as readonly string[]).includes(status)),
        status,
      ).toBe(true);
      expect(
        MODERATION_ACTIONS.some((action) => appliesTo(action, status)),
        status,
      ).toBe(true);
    }
  });

  it('no action leaves a comment where it was', () => {
    for (const action of MODERATION_ACTIONS) expect(MODERATION[action].from).not.toContain(MODERATION[action].to);
  });

  it('the buttons on a row are the actions that apply, deleting for good apart', () => {
    expect(rowActions('PENDING')).toEqual(['approve', 'spam', 'trash']);
    expect(rowActions('SPAM')).toEqual(['notSpam', 'trash']);
    expect(rowActions('TRASH')).toEqual(['restore']);
  });
});

describe('admin notices', () => {
  it('says what was done, in the words of the action', () => {
    const href = withNotice('/admin/comments', '/admin/comments?status=pending', { done: 'spam', changed: 3, skipped: 1 });
    expect(href).toBe('/admin/comments?status=pending&notice=done.spam.3.1');
    expect(noticeText('/admin/comments', 'done.spam.3.1')?.text).toBe(
      '3 comments marked as spam. 1 skipped: they were changed meanwhile or the action does not apply to them.',
    );
    expect(noticeText('/admin/comments', 'done.approve.1')).toEqual({ kind: 'success', text: '1 comment approved.' });
  });

  it('shows only its own fixed words: an unknown or another page’s code shows nothing', () => {
    expect(noticeText('/admin/comments', 'done.toString.1')).toBeNull();
    expect(noticeText('/admin/comments', '<b>hi</b>')).toBeNull();
    expect(noticeText('/admin/comments', 'opened')).toBeNull();
    expect(noticeText('/admin/posts', 'done.approve.1')).toBeNull();
    expect(noticeText('/admin/posts', 'opened')?.kind).toBe('success');
    expect(noticeText('/admin/posts', ['opened'])).toBeNull();
  });

  it('goes back only to the page itself', () => {
    expect(withNotice('/admin/comments', 'https://evil.example/admin/comments', 'edited')).toBe('/admin/comments?notice=edited');
    expect(withNotice('/admin/comments', '//evil.example', 'edited')).toBe('/admin/comments?notice=edited');
    expect(withNotice('/admin/posts', '/admin/comments', 'opened')).toBe('/admin/posts?notice=opened');
  });
});
