'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface ReplyTarget {
  id: number;
  authorName: string;
}

/**
 * WordPress's comment-reply.js in React terms. A Reply link (a[data-reply-to], a plain ?replytocom=
 * link without JavaScript) moves the page's one comment form under its comment and focuses it;
 * "Cancel reply" or Escape puts it back. The form element moves as it is, so what was typed stays.
 * It goes back home before React ever removes or replaces it (unmount), so React finds it where it left it.
 */
export function useReplyMover(initial: ReplyTarget | null, formRef: RefObject<HTMLFormElement | null>) {
  const [replyTo, setReplyTo] = useState(initial);
  const homeRef = useRef<HTMLDivElement>(null);
  const respondRef = useRef<HTMLDivElement>(null);

  const putBack = useCallback(() => {
    const home = homeRef.current;
    const respond = respondRef.current;
    if (home && respond && respond.parentElement !== home) home.appendChild(respond);
  }, []);

  useEffect(() => {
    function onClick(event: MouseEvent) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[data-reply-to]') : null;
      if (!(link instanceof HTMLAnchorElement)) return;
      const id = Number(link.dataset.replyTo);
      const slot = document.getElementById(`reply-slot-${id}`);
      if (!slot || !respondRef.current) return;
      event.preventDefault();
      slot.appendChild(respondRef.current);
      setReplyTo({ id, authorName: link.dataset.replyName ?? '' });
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus());
    }
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [formRef]);

  // On unmount, before React removes the form's home: the form must be inside it.
  useLayoutEffect(() => putBack, [putBack]);

  // React keeps this form across a client navigation (another comment page) or a refresh, but not the
  // comment it was moved under: removing that comment takes the form out of the page with it. As soon
  // as that happens, it goes back home as a plain comment form, with what was typed.
  useEffect(() => {
    if (!replyTo) return;
    const observer = new MutationObserver(() => {
      if (respondRef.current?.isConnected !== false || !homeRef.current?.isConnected) return;
      putBack();
      setReplyTo(null);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [replyTo, putBack]);

  const cancel = useCallback(() => {
    const answered = replyTo?.id;
    putBack();
    setReplyTo(null);
    // Back where the reader was: the Reply link they followed.
    if (answered !== undefined) requestAnimationFrame(() => document.querySelector<HTMLElement>(`a[data-reply-to="${answered}"]`)?.focus());
  }, [putBack, replyTo]);

  return { replyTo, cancel, homeRef, respondRef };
}
