/**
 * The text of a comment being sent, kept in this tab (sessionStorage) until the server has answered.
 * If sending fails with an error that replaces the page (the site was redeployed while the visitor
 * wrote, or the network dropped), the error page puts it back and the form picks it up again.
 * A comment that was stored is never restored: only the error page turns "sent" back into "draft".
 */
const SENT = 'comment-sent:';
const DRAFT = 'comment-draft:';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function rememberSentComment(postId: string, body: string): void {
  if (postId) storage()?.setItem(SENT + postId, body);
}

/** Called by the error page: what was being sent becomes a draft for the next form of that post. */
export function restoreSentComments(): void {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) {
    if (!key.startsWith(SENT)) continue;
    store.setItem(DRAFT + key.slice(SENT.length), store.getItem(key) ?? '');
    store.removeItem(key);
  }
}

/** The draft for this post, once: the form takes it and it is gone. */
export function takeDraft(postId: string): string | null {
  const store = postId ? storage() : null;
  const draft = store?.getItem(DRAFT + postId) ?? null;
  store?.removeItem(DRAFT + postId);
  return draft;
}

/** The server answered (the form shows its answer, or a new page came after a stored comment). */
export function forgetSentComment(postId: string): void {
  if (postId) storage()?.removeItem(SENT + postId);
}
